import Foundation
import LandscapeModel

/// A labelled standard from a gold file.
public struct GoldLabel: Sendable, Hashable {
    /// The reference as the gold file writes it.
    public var id: String
    public var aiRelevant: Bool
    public var characteristics: Set<Characteristic>
    /// Line in the gold file.
    public var line: Int
    /// The gold file (its path as given).
    public var file: String

    public init(id: String, aiRelevant: Bool, characteristics: Set<Characteristic>, line: Int = 0, file: String = "") {
        self.id = id
        self.aiRelevant = aiRelevant
        self.characteristics = characteristics
        self.line = line
        self.file = file
    }
}

/// A gold CSV (`id,ai_relevant,characteristics`) as the contract defines it.
public struct GoldFile: Sendable {
    public var path: String
    public var labels: [GoldLabel]

    public init(path: String, labels: [GoldLabel]) {
        self.path = path
        self.labels = labels
    }

    /// Several gold files as one, labels in file order (`path` lists the files).
    public static func combined(_ files: [GoldFile]) -> GoldFile {
        files.count == 1 ? files[0] : GoldFile(path: files.map(\.path).joined(separator: " + "), labels: files.flatMap(\.labels))
    }

    /// Reads and checks a gold file.
    /// - Throws: ``GoldFileError`` naming the file, the line and the reason.
    public static func load(_ path: String) throws -> GoldFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GoldFileError(file: path, line: nil, reason: "cannot read the gold file (\(error.localizedDescription))")
        }
        return try parse(text, path: path)
    }

    /// Parses gold CSV text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws -> GoldFile {
        let records: [[String]]
        do {
            records = try CSV.parse(text)
        } catch {
            throw GoldFileError(file: path, line: error.line, reason: error.reason)
        }
        guard let header = records.first else {
            throw GoldFileError(file: path, line: 1, reason: "empty file; expected the header id,ai_relevant,characteristics")
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let idColumn = columns.firstIndex(of: "id"),
              let aiColumn = columns.firstIndex(of: "ai_relevant"),
              let characteristicsColumn = columns.firstIndex(of: "characteristics") else {
            throw GoldFileError(file: path, line: 1, reason: "the header must name the columns id, ai_relevant and characteristics (found: \(columns.joined(separator: ",")))")
        }
        // CSV.parse gives records, not lines: count the line breaks inside quoted fields.
        var line = 1 + header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        var labels: [GoldLabel] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            line += 1
            defer { line += record.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
            if record.count == 1 && record[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard record.count == columns.count else {
                throw GoldFileError(file: path, line: line, reason: "expected \(columns.count) fields, found \(record.count)")
            }
            let id = record[idColumn].trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw GoldFileError(file: path, line: line, reason: "empty id") }
            if let earlier = seen[id] {
                throw GoldFileError(file: path, line: line, reason: "duplicate id '\(id)' (first at line \(earlier))")
            }
            seen[id] = line
            let aiRelevant: Bool
            switch record[aiColumn].trimmingCharacters(in: .whitespaces) {
            case "1": aiRelevant = true
            case "0": aiRelevant = false
            case let other: throw GoldFileError(file: path, line: line, reason: "ai_relevant must be 0 or 1, found '\(other)'")
            }
            var characteristics: Set<Characteristic> = []
            for part in record[characteristicsColumn].split(separator: ";") {
                let name = part.trimmingCharacters(in: .whitespaces)
                if name.isEmpty { continue }
                guard let characteristic = Characteristic(rawValue: name) else {
                    throw GoldFileError(file: path, line: line, reason: "unknown characteristic '\(name)'")
                }
                characteristics.insert(characteristic)
            }
            labels.append(GoldLabel(id: id, aiRelevant: aiRelevant, characteristics: characteristics, line: line, file: path))
        }
        return GoldFile(path: path, labels: labels)
    }
}

/// A gold file that cannot be used.
public struct GoldFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(line.map { "\(file):\($0)" } ?? file): \(reason)" }
}
