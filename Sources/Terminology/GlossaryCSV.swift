import Foundation
import LandscapeModel

/// A glossary CSV in the layout of NIST's AI glossary export (`nist-glossary-csv`), read by
/// header names, in any column order:
///
/// - `Terms` (or `Term`): the term;
/// - `Definition 1` … `Definition N` with `Citation 1` … `Citation N`: one definition of
///   `terms.csv` per non-empty definition cell, its citation in the source;
/// - `Related terms and synonyms` and `Legal definition applicable`, when present: kept as notes.
///
/// RFC 4180: quoted cells may hold commas, `""` and line breaks; each row keeps the line it
/// starts on. A file that cannot be read, is not UTF-8, has an unterminated quoted cell or no
/// term column is one quarantine row; a row without a term or without any definition is one
/// row; the rest of the file is read.
public struct GlossaryCSV: Sendable {
    public var settings: TerminologySettings.Glossary

    public init(settings: TerminologySettings.Glossary) {
        self.settings = settings
    }

    /// Largest glossary CSV read (the NIST glossary is well under 1 MB).
    public static let maxBytes = 64 << 20

    public func read(file: String, quarantine: inout [QuarantineEntry]) -> [TermDefinition] {
        func reject(_ line: Int, _ reason: String) -> [TermDefinition] {
            quarantine.append(QuarantineEntry(location: SourceLocation(source: "terminology", file: file, line: line),
                                              reason: "unreadable glossary CSV: \(reason)", scope: .file))
            return []
        }
        guard let handle = FileHandle(forReadingAtPath: file) else { return reject(0, "cannot be opened") }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maxBytes + 1) ?? Data() else { return reject(0, "cannot be read") }
        guard data.count <= Self.maxBytes else { return reject(0, "larger than \(Self.maxBytes >> 20) MiB") }
        guard let text = String(data: data, encoding: .utf8) else { return reject(0, "not UTF-8 text") }
        let rows: [(line: Int, fields: [String])]
        do {
            rows = try CSV.parseRows(text)
        } catch {
            return reject(error.fieldLine, "a quoted cell that starts on line \(error.fieldLine) is never closed")
        }
        guard let header = rows.first else { return reject(1, "empty file") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        guard let termColumn = names.firstIndex(where: { $0 == "terms" || $0 == "term" }) else {
            return reject(header.line, "no `Terms` column in the header")
        }
        // Definition N ↔ Citation N, by number (an unnumbered one is number 1).
        func numbered(_ prefix: String) -> [Int: Int] {
            var columns: [Int: Int] = [:]
            for (index, name) in names.enumerated() where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty { columns[1] = columns[1] ?? index } else if let number = Int(rest) { columns[number] = index }
            }
            return columns
        }
        let definitionColumns = numbered("definition")
        let citationColumns = numbered("citation")
        guard !definitionColumns.isEmpty else { return reject(header.line, "no `Definition` column in the header") }
        let related = names.firstIndex { $0.hasPrefix("related terms") }
        let legal = names.firstIndex { $0.hasPrefix("legal definition") }
        let instrument = settings.source ?? "glossary \(URL(fileURLWithPath: file).lastPathComponent)"

        var result: [TermDefinition] = []
        for row in rows.dropFirst() {
            func cell(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return collapse(row.fields[index])
            }
            if row.fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
            let location = SourceLocation(source: "terminology", file: file, line: row.line)
            let term = cell(termColumn)
            guard !TermKey.of(term).isEmpty else {
                quarantine.append(QuarantineEntry(location: location, reason: "glossary row without a term", scope: .record))
                continue
            }
            var notes: [String] = []
            if !cell(related).isEmpty { notes.append("Related terms and synonyms: " + cell(related)) }
            if !cell(legal).isEmpty { notes.append("Legal definition applicable: " + cell(legal)) }
            var found = false
            for number in definitionColumns.keys.sorted() {
                let text = cell(definitionColumns[number])
                guard !text.isEmpty else { continue }
                found = true
                let citation = cell(citationColumns[number])
                result.append(TermDefinition(
                    key: TermKey.of(term), term: term, definition: text, notes: notes,
                    source: citation.isEmpty ? instrument : "\(instrument); citation: \(citation)",
                    side: settings.side, language: "en", file: file, line: row.line,
                    url: settings.url ?? "", dateRead: settings.read ?? ""))
            }
            if !found {
                quarantine.append(QuarantineEntry(location: location, reference: term, reason: "term without definition: '\(term)'", scope: .record))
            }
        }
        return result
    }
}
