import Foundation
import LandscapeModel
import Yams
import YAMLInput

/// A `landscape-policy` file: one policy instrument, its provisions, and the standards each
/// provision relies on (see `docs/policy-format.md` and `Inputs/policy/landscape-policy.schema.json`).
///
/// ```yaml
/// format: landscape-policy
/// version: 1
/// instrument: {id: M593, side: EU, title: "…", url: https://…, read: 2026-11-29, status: reported}
/// provisions:
///   - id: M593/item-1
///     title: Risk management system for AI systems
///     characteristics: [safe, accountable_transparent]
///     supports: [AI-Act/Art-9]
///     url: https://…
///     read: 2026-11-29
///     status: reported
///     standards:
///       - {ref: prEN 18228, relation: answers-request-item, url: https://…, status: verified}
/// ```
struct PolicyDocument: Decodable {
    var format: String
    var version: Int
    var instrument: Instrument
    var provisions: [Provision]

    enum CodingKeys: String, CodingKey, CaseIterable { case format, version, instrument, provisions }

    struct Instrument: Decodable {
        var id: String
        var side: String
        var title: String
        var url: String?
        var read: String?
        var status: String?
        var note: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case id, side, title, url, read, status, note }
    }

    struct Provision: Decodable {
        var id: String
        var title: String
        var kind: String?
        var characteristics: [String]
        var supports: [String]?
        var url: String?
        var read: String?
        var status: String?
        var note: String?
        var standards: [StandardReference]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title, kind, characteristics, supports, url, read, status, note, standards
        }
    }

    struct StandardReference: Decodable {
        var ref: String
        var relation: String
        var url: String?
        var read: String?
        var status: String?
        var note: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case ref, relation, url, read, status, note }
    }
}

/// A reference to a standard in a provision, with its evidence (inherited from the
/// provision where the entry gives none of its own).
public struct PolicyReference: Sendable, Hashable {
    public var text: String
    public var provisionId: String
    public var side: PolicySide
    public var instrument: String
    public var relation: String
    public var url: String
    public var read: String
    public var status: PolicyEvidenceStatus
    public var location: SourceLocation

    public init(text: String, provisionId: String, side: PolicySide, instrument: String, relation: String,
                url: String, read: String, status: PolicyEvidenceStatus, location: SourceLocation) {
        self.text = text
        self.provisionId = provisionId
        self.side = side
        self.instrument = instrument
        self.relation = relation
        self.url = url
        self.read = read
        self.status = status
        self.location = location
    }
}

/// Every loaded policy file: provisions in file order and the references they make.
public struct PolicyCatalog: Sendable {
    public var provisions: [PolicyProvision] = []
    public var references: [PolicyReference] = []
    /// The files read, as given.
    public var files: [String] = []

    public init(provisions: [PolicyProvision] = [], references: [PolicyReference] = [], files: [String] = []) {
        self.provisions = provisions
        self.references = references
        self.files = files
    }

    /// What a provision may do with a standard (`relation`).
    public static let relations: [String] = [
        "harmonised-standard-candidate", // developed to be cited as a harmonised standard
        "answers-request-item",          // a deliverable answering an item of a standardisation request
        "adopted-for",                   // an international standard adopted as EN for the request's work
        "crosswalk",                     // a crosswalk published by the instrument's author maps to it
        "priority-topic",                // named under a priority topic of an engagement plan
        "named",                         // named otherwise (cited, referenced)
    ]

    /// Reads and validates `paths` (in order). Every problem is a ``YAMLInputError`` naming the
    /// file, the line and the key: an unknown key, a characteristic id not in
    /// `characteristics`, a provision id used twice (in any file), a provision or instrument
    /// without a source URL, a bad side, status, relation or date, a `supports` id that no
    /// loaded provision has.
    public static func load(paths: [String], characteristics: Set<String>) throws -> PolicyCatalog {
        var catalog = PolicyCatalog(files: paths)
        var seen: [String: SourceLocation] = [:]
        var supports: [(id: String, target: String, file: String, line: Int?, key: String)] = []
        for path in paths {
            let (root, _) = try YAMLDocument.load(file: path, resolver: .basic)
            guard let root else {
                throw YAMLInputError(file: path, line: nil, key: "", reason: "the policy file is empty")
            }
            let document = try StrictYAMLDecoder(file: path).decode(PolicyDocument.self, from: root)
            let lines = LineFinder(root: YAMLCursor(root, file: path))
            func fail(_ key: [Any], _ reason: String) -> YAMLInputError {
                YAMLInputError(file: path, line: lines.line(key), key: LineFinder.dotted(key), reason: reason)
            }
            guard document.format == "landscape-policy" else {
                throw fail(["format"], "must be `landscape-policy`")
            }
            guard document.version == 1 else { throw fail(["version"], "unsupported version \(document.version) (known: 1)") }

            let instrument = document.instrument
            guard let side = PolicySide(rawValue: instrument.side) else {
                throw fail(["instrument", "side"], "unknown side `\(instrument.side)` (known: EU, US)")
            }
            guard let instrumentURL = nonEmpty(instrument.url) else {
                throw fail(["instrument"], "missing source URL (`url`): every instrument names the primary source it was read on")
            }
            try checkURL(instrumentURL) { throw fail(["instrument", "url"], $0) }
            let instrumentRead = try date(instrument.read, or: nil) { throw fail(["instrument", "read"], $0) }
            let instrumentStatus = try status(instrument.status, or: nil) { throw fail(["instrument", "status"], $0) }

            for (index, provision) in document.provisions.enumerated() {
                let at: [Any] = ["provisions", index]
                let location = SourceLocation(source: "policy", file: path, line: lines.line(at) ?? 0)
                guard !provision.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(at + ["id"], "empty provision id") }
                if let first = seen[provision.id] {
                    throw fail(at + ["id"], "duplicated provision id `\(provision.id)` (first at \(first))")
                }
                seen[provision.id] = location
                for (position, id) in provision.characteristics.enumerated() where !characteristics.contains(id) {
                    throw fail(at + ["characteristics", position],
                               "unknown characteristic id `\(id)` (known: \(characteristics.sorted().joined(separator: ", ")))")
                }
                guard let url = nonEmpty(provision.url) else {
                    throw fail(at, "missing source URL (`url`) for provision `\(provision.id)`")
                }
                try checkURL(url) { throw fail(at + ["url"], $0) }
                let read = try date(provision.read, or: instrumentRead) { throw fail(at + ["read"], $0) }
                let status = try status(provision.status, or: instrumentStatus) { throw fail(at + ["status"], $0) }
                for (position, target) in (provision.supports ?? []).enumerated() {
                    supports.append((provision.id, target, path, lines.line(at + ["supports", position]),
                                     LineFinder.dotted(at + ["supports", position])))
                }
                catalog.provisions.append(PolicyProvision(
                    id: provision.id, side: side, instrument: instrument.id, instrumentTitle: instrument.title,
                    title: provision.title, characteristics: provision.characteristics, supports: provision.supports ?? [],
                    url: url, read: read, status: status, location: location
                ))
                for (position, entry) in (provision.standards ?? []).enumerated() {
                    let entryAt = at + ["standards", position]
                    guard !entry.ref.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(entryAt + ["ref"], "empty reference") }
                    guard relations.contains(entry.relation) else {
                        throw fail(entryAt + ["relation"], "unknown relation `\(entry.relation)` (known: \(relations.joined(separator: ", ")))")
                    }
                    let entryURL = nonEmpty(entry.url) ?? url
                    try checkURL(entryURL) { throw fail(entryAt + ["url"], $0) }
                    catalog.references.append(PolicyReference(
                        text: entry.ref, provisionId: provision.id, side: side, instrument: instrument.id, relation: entry.relation,
                        url: entryURL,
                        read: try date(entry.read, or: read) { throw fail(entryAt + ["read"], $0) },
                        status: try self.status(entry.status, or: status) { throw fail(entryAt + ["status"], $0) },
                        location: SourceLocation(source: "policy", file: path, line: lines.line(entryAt) ?? location.line)
                    ))
                }
            }
        }
        for item in supports where seen[item.target] == nil {
            throw YAMLInputError(file: item.file, line: item.line, key: item.key,
                                 reason: "`\(item.target)` is no provision of the loaded policy files")
        }
        return catalog
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func checkURL(_ url: String, _ fail: (String) throws -> Never) rethrows {
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), !url.contains(where: \.isWhitespace) else {
            try fail("not an http(s) URL: `\(url)`")
        }
    }

    /// `read:` as `YYYY-MM-DD`, else the inherited value; missing everywhere is an error.
    private static func date(_ text: String?, or inherited: String?, _ fail: (String) throws -> Never) rethrows -> String {
        guard let text = nonEmpty(text) else {
            if let inherited { return inherited }
            try fail("missing: the date the source was read (`read: YYYY-MM-DD`)")
        }
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            try fail("`\(text)` is not a date YYYY-MM-DD")
        }
        return text
    }

    private static func status(_ text: String?, or inherited: PolicyEvidenceStatus?, _ fail: (String) throws -> Never) rethrows -> PolicyEvidenceStatus {
        guard let text = nonEmpty(text) else {
            if let inherited { return inherited }
            try fail("missing: `status: verified` (primary source read) or `status: reported` (secondary only)")
        }
        guard let status = PolicyEvidenceStatus(rawValue: text) else {
            try fail("unknown status `\(text)` (known: verified, reported)")
        }
        return status
    }
}

/// Finds the line of a value in a composed YAML tree by its key path, through the one YAML
/// reader (``YAMLCursor``); where the path leaves the tree, the line of the last node reached.
struct LineFinder {
    var root: YAMLCursor

    /// `path`: mapping keys (String) and sequence indices (Int).
    func line(_ path: [Any]) -> Int? {
        var current = root
        for step in path {
            if let key = step as? String, let next = (try? current.fields())?[key] {
                current = next
            } else if let index = step as? Int, let items = try? current.items(), items.indices.contains(index) {
                current = items[index]
            } else {
                break
            }
        }
        return current.line
    }

    /// `provisions[2].characteristics[0]`.
    static func dotted(_ path: [Any]) -> String {
        var text = ""
        for step in path {
            if let index = step as? Int { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + "\(step)" }
        }
        return text
    }
}
