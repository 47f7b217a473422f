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
        let top: YAMLFields
        do {
            let node = try YAMLDocument.compose(text, file: file)
            guard let node, node.mapping != nil else {
                throw CommitteeDataError(file: file, line: node?.mark?.line ?? 1, reason: "the file must be a mapping with `version` and `committees`")
            }
            top = try YAMLCursor(node, file: file).fields()
        } catch let error as YAMLInputError {
            throw CommitteeDataError(file: file, line: error.line ?? 0, reason: error.reason)
        }
        // Every problem of the file is reported, not only the first.
        let check = YAMLProblems(file: file)
        check.record(top.unknownKeys(topLevelKeys))

        if let version = check({ try top.required("version") }), version.node.scalar?.string != "1" {
            check.record(version.error("unsupported version '\(version.node.scalar?.string ?? "?")' (expected 1)"))
        }

        var contents = Contents()
        let memberEntries = top["members"].flatMap { node in check { Array(try node.items()) } } ?? []
        for entry in memberEntries {
            guard let fields = check({ try entry.fields() }) else { continue }
            check.record(fields.unknownKeys(memberKeys))
            let acronym = check { try fields.required("acronym").nonEmptyText() }
            let country = check { try fields.required("country").nonEmptyText() }
            if let country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }) {
                check.record(fields["country"]!.error("'\(country)' is not an ISO 3166-1 alpha-2 code"))
            }
            let name = fields["name"].flatMap { node in check { try node.nonEmptyText() } }
            if let acronym, let country {
                contents.members.append(NationalBody(acronym: acronym, country: country, countryName: name ?? "", confidence: "",
                                                     origin: SourceLocation(source: source, file: file, line: entry.line ?? 0)))
            }
        }

        var lists: [String: [String]] = [:]
        let memberLists = top["member-lists"].flatMap { node in check { try node.entries() } } ?? []
        for (name, list) in memberLists { lists[name] = texts(list, check) }

        var seen: [CommitteeKey: Int] = [:]
        let committees = check { Array(try top.required("committees").items()) } ?? []
        for (offset, entry) in committees.enumerated() {
            guard let fields = check({ try entry.fields() }) else { continue }
            check.record(fields.unknownKeys(committeeKeys))
            func text(_ key: String, required: Bool = false) -> String? {
                guard let node = required ? check({ try fields.required(key) }) : fields[key] else { return nil }
                return check { try node.nonEmptyText() }
            }
            let reference = text("reference", required: true)
            let sdo = text("sdo", required: true)
            let title = text("title", required: true)
            let secretariat = text("secretariat")
            let parent = text("parent")
            let defaultFor = text("default-for")
            _ = text("note")
            _ = text("source")
            var membership = Membership.nationalBodies
            if let written = text("membership") {
                if let value = Membership(rawValue: written) {
                    membership = value
                } else {
                    check.record(fields["membership"]!.error("'\(written)' is not one of national-bodies, individuals-and-entities"))
                }
            }
            let pMembers = members(fields["p-members"], lists: lists, check)
            let oMembers = members(fields["o-members"], lists: lists, check)
            let aliases = fields["aliases"].map { texts($0, check) } ?? []
            if membership == .individualsAndEntities {
                for key in ["secretariat", "p-members", "o-members"] {
                    if let node = fields[key] {
                        check.record(node.error("a committee with membership individuals-and-entities has no national members or secretariat"))
                    }
                }
            }
            guard let reference, let sdo, let title else { continue }
            let key = CommitteeKey(reference)
            if let first = seen[key] {
                check.record((fields["reference"] ?? entry).error("'\(reference)' is already defined at committees[\(first)]"))
                continue
            }
            seen[key] = offset
            let committee = Committee(
                reference: reference, sdo: sdo, title: title, membership: membership,
                secretariat: secretariat, pMembers: pMembers, oMembers: oMembers, parent: parent,
                origin: SourceLocation(source: source, file: file, line: entry.line ?? 0))
            contents.committees.append((committee, aliases, defaultFor))
        }
        if !check.errors.isEmpty {
            throw CommitteeDataError(problems: check.errors.map { .init(file: $0.file, line: $0.line ?? 0, key: $0.key, reason: $0.reason) })
        }
        return contents
    }

    /// A list of texts, each problem recorded.
    private static func texts(_ node: YAMLCursor, _ check: YAMLProblems) -> [String] {
        (check { Array(try node.items()) } ?? []).compactMap { item in check { try item.nonEmptyText() } }
    }

    /// A member-list name or a list of acronyms.
    private static func members(_ node: YAMLCursor?, lists: [String: [String]], _ check: YAMLProblems) -> [String] {
        guard let node else { return [] }
        guard let name = node.node.scalar?.string else { return texts(node, check) }
        if name.isEmpty || name == "~" || name == "null" { return [] }
        if let list = lists[name] { return list }
        check.record(node.error("unknown member list '\(name)' (defined: \(lists.keys.sorted().joined(separator: ", ")))"))
        return []
    }
}
