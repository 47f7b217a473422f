import Foundation
import LandscapeModel
import Yams
import YAMLInput

/// The `landscape-committees` format: the project's own YAML file for committees
/// that have no open data feed (CEN, CENELEC, IEEE). Documented in
/// README.md ("Participation"), schema in `Inputs/committees/committees.schema.json`.
///
/// ```yaml
/// version: 1
/// members:                     # national bodies not in the members file
///   - {acronym: DKE, country: DE, name: "…"}
/// member-lists:                # stated once, named by committees
///   cen-national-members: [ASI, NBN, …]
/// committees:
///   - reference: CEN/CLC/JTC 21
///     sdo: CEN/CLC
///     title: Artificial Intelligence
///     secretariat: DS
///     p-members: cen-national-members   # a member-list name or a list of acronyms
/// ```
///
/// Validation reports every problem with file, line and key, and the file is
/// then rejected whole: it is curated by hand, so a mistake must be fixed rather
/// than half-loaded.
enum LandscapeCommittees {
    /// What one file contributes.
    struct Contents {
        var members: [NationalBody] = []
        var committees: [(committee: Committee, aliases: [String], defaultFor: String?)] = []
    }

    static let topLevelKeys: Set<String> = ["version", "members", "member-lists", "committees"]
    static let memberKeys: Set<String> = ["acronym", "country", "name", "note"]
    static let committeeKeys: Set<String> = [
        "reference", "sdo", "title", "membership", "secretariat", "p-members", "o-members",
        "parent", "aliases", "default-for", "note", "source",
    ]

    static func parse(_ text: String, file: String, source: String) throws -> Contents {
        var validator = Validator(file: file)
        let root: Node?
        do {
            root = try YAMLDocument.compose(text, file: file)
        } catch let error as YAMLInputError {
            throw CommitteeDataError(file: file, line: error.line ?? 0, reason: error.reason)
        }
        guard let root, let top = root.mapping else {
            throw CommitteeDataError(file: file, line: root?.mark?.line ?? 1, reason: "the file must be a mapping with `version` and `committees`")
        }
        validator.checkKeys(top, allowed: topLevelKeys, path: "")

        if let version = validator.required("version", in: top, path: "", line: root.mark?.line ?? 1) {
            if version.scalar?.string != "1" {
                validator.problem(version, key: "version", "unsupported version '\(version.scalar?.string ?? "?")' (expected 1)")
            }
        }

        var contents = Contents()
        if let members = top["members"] {
            for (offset, entry) in validator.sequence(members, path: "members").enumerated() {
                let path = "members[\(offset)]"
                guard let mapping = validator.mapping(entry, path: path) else { continue }
                validator.checkKeys(mapping, allowed: memberKeys, path: path)
                let acronym = validator.string("acronym", in: mapping, path: path, required: true, line: entry.mark?.line)
                let country = validator.string("country", in: mapping, path: path, required: true, line: entry.mark?.line)
                if let country, let node = mapping["country"], !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }) {
                    validator.problem(node, key: "\(path).country", "'\(country)' is not an ISO 3166-1 alpha-2 code")
                }
                let name = validator.string("name", in: mapping, path: path)
                if let acronym, let country {
                    contents.members.append(NationalBody(acronym: acronym, country: country, countryName: name ?? "", confidence: "",
                                                         origin: SourceLocation(source: source, file: file, line: entry.mark?.line ?? 0)))
                }
            }
        }

        var lists: [String: [String]] = [:]
        if let memberLists = top["member-lists"] {
            if let mapping = validator.mapping(memberLists, path: "member-lists") {
                for (keyNode, value) in mapping {
                    let name = keyNode.scalar?.string ?? ""
                    let path = "member-lists.\(name)"
                    lists[name] = validator.sequence(value, path: path).enumerated().compactMap { offset, item in
                        validator.scalar(item, path: "\(path)[\(offset)]")
                    }
                }
            }
        }

        var seen: [CommitteeKey: Int] = [:]
        if let committees = validator.required("committees", in: top, path: "", line: root.mark?.line ?? 1) {
            for (offset, entry) in validator.sequence(committees, path: "committees").enumerated() {
                let path = "committees[\(offset)]"
                guard let mapping = validator.mapping(entry, path: path) else { continue }
                let line = entry.mark?.line ?? 0
                validator.checkKeys(mapping, allowed: committeeKeys, path: path)
                let reference = validator.string("reference", in: mapping, path: path, required: true, line: line)
                let sdo = validator.string("sdo", in: mapping, path: path, required: true, line: line)
                let title = validator.string("title", in: mapping, path: path, required: true, line: line)
                let secretariat = validator.string("secretariat", in: mapping, path: path)
                let parent = validator.string("parent", in: mapping, path: path)
                let defaultFor = validator.string("default-for", in: mapping, path: path)
                _ = validator.string("note", in: mapping, path: path)
                _ = validator.string("source", in: mapping, path: path)
                var membership = Membership.nationalBodies
                if let text = validator.string("membership", in: mapping, path: path) {
                    if let value = Membership(rawValue: text) {
                        membership = value
                    } else if let node = mapping["membership"] {
                        validator.problem(node, key: "\(path).membership", "'\(text)' is not one of national-bodies, individuals-and-entities")
                    }
                }
                let pMembers = validator.members("p-members", in: mapping, path: path, lists: lists)
                let oMembers = validator.members("o-members", in: mapping, path: path, lists: lists)
                let aliases = mapping["aliases"].map { node in
                    validator.sequence(node, path: "\(path).aliases").enumerated().compactMap { validator.scalar($1, path: "\(path).aliases[\($0)]") }
                } ?? []
                if membership == .individualsAndEntities {
                    for key in ["secretariat", "p-members", "o-members"] {
                        if let node = mapping[key] {
                            validator.problem(node, key: "\(path).\(key)", "a committee with membership individuals-and-entities has no national members or secretariat")
                        }
                    }
                }
                guard let reference, let sdo, let title else { continue }
                let key = CommitteeKey(reference)
                if let first = seen[key] {
                    validator.problem(mapping["reference"] ?? entry, key: "\(path).reference", "'\(reference)' is already defined at committees[\(first)]")
                    continue
                }
                seen[key] = offset
                let committee = Committee(
                    reference: reference, sdo: sdo, title: title, membership: membership,
                    secretariat: secretariat, pMembers: pMembers, oMembers: oMembers, parent: parent,
                    origin: SourceLocation(source: source, file: file, line: line))
                contents.committees.append((committee, aliases, defaultFor))
            }
        }
        if !validator.problems.isEmpty { throw CommitteeDataError(problems: validator.problems) }
        return contents
    }
}

/// Collects every problem of one file instead of stopping at the first.
private struct Validator {
    let file: String
    var problems: [CommitteeDataError.Problem] = []

    init(file: String) { self.file = file }

    mutating func problem(_ node: Node, key: String, _ reason: String) {
        problems.append(.init(file: file, line: node.mark?.line ?? 0, key: key, reason: reason))
    }

    mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, path: String) {
        for (keyNode, _) in mapping {
            let key = keyNode.scalar?.string ?? "?"
            if !allowed.contains(key) {
                problem(keyNode, key: join(path, key), "unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    mutating func required(_ key: String, in mapping: Node.Mapping, path: String, line: Int) -> Node? {
        if let node = mapping[key] { return node }
        problems.append(.init(file: file, line: line, key: join(path, key), reason: "required key is missing"))
        return nil
    }

    mutating func mapping(_ node: Node, path: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        problem(node, key: path, "expected a mapping")
        return nil
    }

    mutating func sequence(_ node: Node, path: String) -> [Node] {
        if let sequence = node.sequence { return Array(sequence) }
        problem(node, key: path, "expected a list")
        return []
    }

    mutating func scalar(_ node: Node, path: String) -> String? {
        guard let text = node.scalar?.string else {
            problem(node, key: path, "expected a text value")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            problem(node, key: path, "must not be empty")
            return nil
        }
        return trimmed
    }

    mutating func string(_ key: String, in mapping: Node.Mapping, path: String, required: Bool = false, line: Int? = nil) -> String? {
        guard let node = mapping[key] else {
            if required { problems.append(.init(file: file, line: line ?? 0, key: join(path, key), reason: "required key is missing")) }
            return nil
        }
        return scalar(node, path: join(path, key))
    }

    /// A member-list name or a list of acronyms.
    mutating func members(_ key: String, in mapping: Node.Mapping, path: String, lists: [String: [String]]) -> [String] {
        guard let node = mapping[key] else { return [] }
        let keyPath = join(path, key)
        if let name = node.scalar?.string {
            if name.isEmpty || name == "~" || name == "null" { return [] }
            if let list = lists[name] { return list }
            problem(node, key: keyPath, "unknown member list '\(name)' (defined: \(lists.keys.sorted().joined(separator: ", ")))")
            return []
        }
        return sequence(node, path: keyPath).enumerated().compactMap { scalar($1, path: "\(keyPath)[\($0)]") }
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
