import Foundation
import LandscapeModel
import Yams
import YAMLInput

/// The project's YAML glossary format (`landscape-glossary`).
///
/// ```yaml
/// version: 1
/// characteristics:                 # optional: characteristic id → terms that name it
///   safe: [safety]
/// entries:
///   - term: risk                   # required
///     definition: "…"              # an entry without one is quarantined
///     admitted: [hazard level]     # optional synonyms the source admits (joined in one key)
///     deprecated: []               # optional designations the source deprecates
///     notes: ["…"]
///     source: Regulation (EU) 2024/1689 (AI Act), Art. 3(2)   # required: instrument and provision
///     side: EU                     # required: EU, US or international
///     url: https://…               # required: where the text was read
///     read: 2026-11-29             # required: the date it was read
///     status: reported             # required: verified (primary source read) or reported
///     language: en                 # default en
/// ```
///
/// A file that is not such YAML (syntax, anchors, an unknown key, a wrong type, a missing
/// required key, an unknown characteristic) is a ``YAMLInputError`` naming file, line and key.
public struct LandscapeGlossary: Sendable {
    public struct Entry: Sendable, Hashable, Decodable {
        public var term: String
        public var definition: String?
        public var admitted: [String]?
        public var deprecated: [String]?
        public var notes: [String]?
        public var source: String
        public var side: TermSide
        public var url: String
        public var read: String
        public var status: Status
        public var language: String?

        public enum Status: String, Sendable, Hashable, Decodable, CaseIterable {
            case verified, reported
        }

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case term, definition, admitted, deprecated, notes, source, side, url, read, status, language
        }
    }

    private struct Header: Decodable {
        var version: Int
        var characteristics: [String: [String]]?
        private enum CodingKeys: String, CodingKey, CaseIterable { case version, characteristics, entries }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(Int.self, forKey: .version)
            characteristics = try container.decodeIfPresent([String: [String]].self, forKey: .characteristics)
            guard version == 1 else {
                throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: "unsupported version \(version) (expected 1)")
            }
        }
    }

    public var file: String
    /// Entries with the line each starts on.
    public var entries: [(line: Int, entry: Entry)]
    public var characteristics: [String: [String]]

    /// Reads and validates a glossary file. `characteristicIds`: the taxonomy's ids, which the
    /// `characteristics:` section may name.
    public static func load(file: String, characteristicIds: Set<String>) throws -> LandscapeGlossary {
        let (node, _) = try YAMLDocument.load(file: file, resolver: .basic)
        guard let node, case .mapping = node else {
            throw YAMLInputError(file: file, line: 1, key: "", reason: "a glossary is a mapping with `version` and `entries`")
        }
        let root = YAMLCursor(node, file: file)
        let header: Header = try root.decode()
        let fields = try root.fields()
        if let characteristics = fields["characteristics"], case .mapping = characteristics.node {
            for (id, value) in try characteristics.entries() where !characteristicIds.contains(id) {
                throw value.error("unknown characteristic (known: \(characteristicIds.sorted().joined(separator: ", ")))")
            }
        }
        var entries: [(Int, Entry)] = []
        if let list = fields["entries"] {
            for item in try list.items() {
                entries.append((item.line ?? 0, try item.decode(Entry.self)))
            }
        }
        return LandscapeGlossary(file: file, entries: entries, characteristics: header.characteristics ?? [:])
    }

    /// The entries as definitions; entries without a definition are quarantined.
    func definitions(quarantine: inout [QuarantineEntry]) -> [TermDefinition] {
        var result: [TermDefinition] = []
        for (line, entry) in entries {
            let location = SourceLocation(source: "terminology", file: file, line: line)
            let term = entry.term.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !TermKey.of(term).isEmpty else {
                quarantine.append(QuarantineEntry(location: location, reason: "glossary entry without a term", scope: .record))
                continue
            }
            guard let text = entry.definition.map(collapse), !text.isEmpty else {
                quarantine.append(QuarantineEntry(location: location, reference: term, reason: "term without definition: '\(term)'", scope: .record))
                continue
            }
            result.append(TermDefinition(
                key: TermKey.of(term), term: term, admitted: entry.admitted ?? [], deprecated: entry.deprecated ?? [],
                definition: text, notes: (entry.notes ?? []).map(collapse), source: collapse(entry.source), side: entry.side,
                language: entry.language ?? "en", file: file, line: line, url: entry.url, dateRead: entry.read,
                status: entry.status.rawValue))
        }
        return result
    }
}

/// Whitespace runs as one space, ends trimmed.
func collapse(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
