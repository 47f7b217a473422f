import Foundation
import LandscapeModel

/// Reads every CSV of a data package back and checks it against `datapackage.json`:
/// column names and order, row widths, types, and the schema's constraints.
///
/// It reads the descriptor that was written, not the Swift description it came from,
/// so it proves that the published `datapackage.json` really describes the published CSVs.
public enum DataPackageValidator {
    /// One way a file breaks its schema.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// File name inside the package directory.
        public var file: String
        /// 1-based CSV record number (1 is the header); 0 when the whole file is meant.
        public var row: Int
        /// Column name, when one column is meant.
        public var column: String?
        public var reason: String

        public var description: String {
            var text = row > 0 ? "\(file) row \(row)" : file
            if let column { text += " column \(column)" }
            return text + ": " + reason
        }
    }

    /// At most this many problems are listed per file; the rest are counted in one more problem.
    public static let problemsPerFile = 50

    /// Validates every resource listed in `<directory>/datapackage.json`.
    public static func validate(directory: URL) -> [Problem] {
        let descriptorURL = directory.appendingPathComponent("datapackage.json")
        let tables: [TableSchema]
        do {
            tables = try readDescriptor(Data(contentsOf: descriptorURL))
        } catch {
            return [Problem(file: "datapackage.json", row: 0, reason: "cannot read the descriptor: \(error)")]
        }
        return tables.flatMap { validate(directory: directory, table: $0) }
    }

    /// Validates one CSV file against one table schema.
    public static func validate(directory: URL, table: TableSchema) -> [Problem] {
        let url = directory.appendingPathComponent(table.path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return [Problem(file: table.path, row: 0, reason: "file is missing")]
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return [Problem(file: table.path, row: 0, reason: "starts with a byte-order mark")]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return [Problem(file: table.path, row: 0, reason: "not valid UTF-8")]
        }
        return validate(csv: text, file: table.path, table: table)
    }

    /// Validates CSV text against a table schema.
    public static func validate(csv text: String, file: String, table: TableSchema) -> [Problem] {
        let records: [[String]]
        do {
            records = try CSV.parse(text)
        } catch {
            return [Problem(file: file, row: 0, reason: "not parseable as CSV: \(error)")]
        }
        var problems: [Problem] = []
        var overflow = 0
        func report(_ problem: Problem) {
            if problems.count < problemsPerFile { problems.append(problem) } else { overflow += 1 }
        }

        guard let header = records.first else {
            return [Problem(file: file, row: 0, reason: "empty file: no header row")]
        }
        if header != table.header {
            report(Problem(file: file, row: 1, reason: "header is \(header.joined(separator: ",")); the schema expects \(table.header.joined(separator: ","))"))
            return problems
        }
        if !text.isEmpty, !text.hasSuffix("\n") {
            report(Problem(file: file, row: records.count, reason: "last record does not end with \\n"))
        }

        let checks = table.columns.map(ColumnCheck.init)
        var seen: [Int: Set<String>] = [:]
        for (offset, record) in records.enumerated().dropFirst() {
            let row = offset + 1
            guard record.count == checks.count else {
                report(Problem(file: file, row: row, reason: "has \(record.count) fields; the header has \(checks.count)"))
                continue
            }
            for (index, (value, check)) in zip(record, checks).enumerated() {
                if let reason = check.problem(with: value) {
                    report(Problem(file: file, row: row, column: check.column.name, reason: reason))
                }
                if check.column.unique, !value.isEmpty, !seen[index, default: []].insert(value).inserted {
                    report(Problem(file: file, row: row, column: check.column.name, reason: "duplicate value \(quoted(value)) in a unique column"))
                }
            }
        }
        if overflow > 0 {
            problems.append(Problem(file: file, row: 0, reason: "\(overflow) more problems not listed"))
        }
        return problems
    }

    // MARK: - Reading the descriptor

    private struct Descriptor: Decodable {
        struct Resource: Decodable {
            var name: String
            var path: String
            var title: String?
            var description: String?
            var schema: Schema
        }
        struct Schema: Decodable { var fields: [Field] }
        struct Field: Decodable {
            var name: String
            var type: String
            var description: String?
            var constraints: Constraints?
        }
        struct Constraints: Decodable {
            var required: Bool?
            var unique: Bool?
            var `enum`: [String]?
            var minimum: Double?
            var maximum: Double?
            var pattern: String?
        }
        var resources: [Resource]
    }

    private struct DescriptorError: Error, CustomStringConvertible {
        var description: String
    }

    static func readDescriptor(_ data: Data) throws -> [TableSchema] {
        let descriptor = try JSONDecoder().decode(Descriptor.self, from: data)
        return try descriptor.resources.map { resource in
            let columns = try resource.schema.fields.map { field in
                guard let kind = Column.Kind(rawValue: field.type) else {
                    throw DescriptorError(description: "resource \(resource.name) field \(field.name): unsupported type \(field.type)")
                }
                let constraints = field.constraints
                return Column(
                    field.name, kind, field.description ?? "",
                    required: constraints?.required ?? false,
                    unique: constraints?.unique ?? false,
                    allowedValues: constraints?.enum ?? [],
                    minimum: constraints?.minimum,
                    maximum: constraints?.maximum,
                    pattern: constraints?.pattern
                )
            }
            return TableSchema(name: resource.name, path: resource.path, title: resource.title ?? resource.name, description: resource.description ?? "", columns: columns)
        }
    }
}

/// One column's checks, prepared once per file (the pattern is compiled once).
private struct ColumnCheck {
    let column: Column
    let allowed: Set<String>
    let pattern: Regex<AnyRegexOutput>?
    let patternError: String?

    init(_ column: Column) {
        self.column = column
        self.allowed = Set(column.allowedValues)
        if let source = column.pattern {
            do {
                pattern = try Regex(source)
                patternError = nil
            } catch {
                pattern = nil
                patternError = "the schema's pattern \(source) is not a valid regular expression"
            }
        } else {
            pattern = nil
            patternError = nil
        }
    }

    /// Why `value` breaks the column's schema, or nil when it does not.
    func problem(with value: String) -> String? {
        if value.isEmpty {
            return column.required ? "required value is empty" : nil
        }
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !CSV.isNumber(value) {
            return "\(quoted(value)) starts like a spreadsheet formula (the formula guard is missing)"
        }
        switch column.type {
        case .string:
            break
        case .integer:
            guard isInteger(value), let number = Double(value) else { return "\(quoted(value)) is not an integer" }
            if let reason = rangeProblem(number, value) { return reason }
        case .number:
            guard CSV.isNumber(value), let number = Double(value) else { return "\(quoted(value)) is not a number" }
            if let reason = rangeProblem(number, value) { return reason }
        }
        if !allowed.isEmpty, !allowed.contains(value) {
            return "\(quoted(value)) is not one of \(column.allowedValues.joined(separator: ", "))"
        }
        if let patternError { return patternError }
        if let pattern, (try? pattern.wholeMatch(in: value)) == nil {
            return "\(quoted(value)) does not match \(column.pattern ?? "")"
        }
        return nil
    }

    private func rangeProblem(_ number: Double, _ text: String) -> String? {
        if let minimum = column.minimum, number < minimum { return "\(text) is below the minimum \(minimum)" }
        if let maximum = column.maximum, number > maximum { return "\(text) is above the maximum \(maximum)" }
        return nil
    }

    private func isInteger(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

private func quoted(_ value: String) -> String {
    let shown = value.count > 60 ? String(value.prefix(57)) + "…" : value
    return "\"\(shown)\""
}
