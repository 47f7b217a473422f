import Foundation
import TestSupport
import Testing
@testable import Participation

@Suite struct LandscapeCommitteesTests {
    func load(_ yaml: String) throws -> CommitteeData {
        let scratch = try TemporaryFolder()
        let file = try scratch.writeFile("committees.yaml", yaml)
        let members = try scratch.writeFile("members.csv", "acronym,country_code\nDS,DK\nDIN,DE\nANSI,US\n")
        return try CommitteeData.load(members: [.init(url: members)],
                                      committees: [.init(format: .landscapeCommittees, url: file, displayPath: "committees.yaml")])
    }

    func problems(_ yaml: String) -> [CommitteeDataError.Problem] {
        do {
            _ = try load(yaml)
            return []
        } catch let error as CommitteeDataError {
            return error.problems
        } catch {
            return [.init(file: "?", line: 0, reason: "unexpected \(error)")]
        }
    }

    @Test func memberListsAreStatedOnce() throws {
        let data = try load("""
            version: 1
            members:
              - {acronym: DKE, country: DE}
            member-lists:
              nordic: [DS, SN]
            committees:
              - reference: TST/TC 1
                sdo: TST
                title: One
                secretariat: DS
                p-members: nordic
                o-members: [DKE, ANSI]
              - reference: TST/TC 2
                sdo: TST
                title: Two
                p-members: nordic
            """)
        let one = try #require(data.directory.committee("TST/TC 1"))
        #expect(one.pMembers == ["DS", "SN"])
        #expect(one.oMembers == ["DKE", "ANSI"])
        #expect(one.origin?.line == 7)
        #expect(data.directory.committee("TST/TC 2")?.pMembers == ["DS", "SN"])
        #expect(data.members.country(of: "DKE") == "DE")
        // SN is not in the members file: reported once per committee, with the committee's line.
        let unknown = data.warnings.filter { $0.kind == .unknownMember }
        #expect(unknown.map(\.subject) == ["SN", "SN"])
        #expect(unknown.map { $0.location?.line } == [7, 13])
    }

    @Test func conflictingMemberMappingIsRejectedAndReported() throws {
        let data = try load("""
            version: 1
            members:
              - {acronym: DIN, country: AT}
              - {acronym: DIN, country: DE}
            committees: []
            """)
        #expect(data.members.country(of: "DIN") == "DE")
        let rejected = data.warnings.filter { $0.kind == .invalidMemberRecord }
        #expect(rejected.map { $0.location?.line } == [3])
        #expect(rejected.first?.quarantineEntry?.reason.contains("already mapped to DE") == true)
    }

    @Test func missingKeyNamesFileLineAndKey() {
        let found = problems("""
            version: 1
            committees:
              - reference: TST/TC 1
                sdo: TST
              - reference: TST/TC 2
                title: Two
            """)
        #expect(found == [
            .init(file: "committees.yaml", line: 3, key: "committees[0].title", reason: "required key is missing"),
            .init(file: "committees.yaml", line: 5, key: "committees[1].sdo", reason: "required key is missing"),
        ])
    }

    @Test func unknownMemberListIsAnError() throws {
        let found = problems("""
            version: 1
            member-lists:
              cen: [DS]
            committees:
              - reference: TST/TC 1
                sdo: TST
                title: One
                p-members: cenelec
            """)
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.line == 8)
        #expect(problem.key == "committees[0].p-members")
        #expect(problem.reason.contains("unknown member list 'cenelec'"))
    }

    @Test func badYAMLGivesTheLine() throws {
        let found = problems("""
            version: 1
            committees:
              - reference: TST/TC 1
                sdo: [TST
                title: One
            """)
        let problem = try #require(found.first)
        #expect(problem.file == "committees.yaml")
        #expect(problem.line == 5)
        #expect(problem.reason.hasPrefix("invalid YAML"))
    }

    @Test func yamlAliasesAreRefused() throws {
        let found = problems("""
            version: 1
            members: &all
              - {acronym: AA, country: AT}
            committees:
              - {reference: TST/TC 1, sdo: TST, title: One, p-members: *all}
            """)
        let problem = try #require(found.first)
        #expect(problem.line == 2)
        #expect(problem.reason.contains("anchors and aliases"))
    }

    @Test func unknownKeysTypesAndValues() {
        let found = problems("""
            version: 2
            committee: []
            members:
              - {acronym: XX, country: Germany}
            """)
        #expect(found.map(\.key) == ["committee", "version", "members[0].country", "committees"])
        #expect(found.map(\.line) == [2, 1, 4, 1])
    }

    @Test func memberListNamesAreDistinctText() {
        // YAML takes the number 1 and the text "1" for two keys; as list names they are one.
        let found = problems("""
            version: 1
            member-lists:
              1: [DS]
              "1": [DIN]
            committees: []
            """)
        #expect(found == [.init(file: "committees.yaml", line: 4, key: "member-lists.1", reason: "duplicate key (first at line 3)")])
    }

    @Test func individualsAndEntitiesHaveNoNationalSeats() {
        let found = problems("""
            version: 1
            committees:
              - reference: Widget Committee of the IEEE Test Society
                sdo: IEEE
                title: Widgets
                membership: individuals-and-entities
                secretariat: ANSI
                p-members: [ANSI]
              - reference: TST/TC 3
                sdo: TST
                title: Three
                membership: corporate
            """)
        #expect(found.map(\.key) == ["committees[0].secretariat", "committees[0].p-members", "committees[1].membership"])
        #expect(found.map(\.line) == [7, 8, 12])
    }

    @Test func duplicateReferenceInOneFile() {
        let found = problems("""
            version: 1
            committees:
              - {reference: TST/TC 1, sdo: TST, title: One}
              - {reference: "TST/TC1", sdo: TST, title: Again}
            """)
        #expect(found.map(\.key) == ["committees[1].reference"])
        #expect(found.first?.line == 4)
    }

    @Test func laterFileReplacesEarlierDefinitionWithWarning() throws {
        let scratch = try TemporaryFolder()
        let first = try scratch.writeFile("a.yaml", "version: 1\ncommittees:\n  - {reference: TST/TC 1, sdo: TST, title: One, secretariat: DS}\n")
        let second = try scratch.writeFile("b.yaml", "version: 1\ncommittees:\n  - {reference: TST/TC 1, sdo: TST, title: One, secretariat: DIN}\n")
        let members = try scratch.writeFile("members.csv", "acronym,country_code\nDS,DK\nDIN,DE\n")
        let data = try CommitteeData.load(members: [.init(url: members)], committees: [
            .init(format: .landscapeCommittees, url: first, displayPath: "a.yaml"),
            .init(format: .landscapeCommittees, url: second, displayPath: "b.yaml"),
        ])
        #expect(data.directory.committee("TST/TC 1")?.secretariat == "DIN")
        #expect(data.warnings.map(\.kind) == [.duplicateCommittee])
        #expect(data.warnings.first?.description.contains("a.yaml:3") == true)
    }

    /// The JSON Schema and the loader agree on the keys the format has.
    @Test func schemaListsTheKeysTheLoaderAccepts() throws {
        let url = Paths.committees.appendingPathComponent("committees.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func keys(_ object: Any?) -> Set<String> {
            Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        #expect(keys(schema) == LandscapeCommittees.topLevelKeys)
        let definitions = schema["$defs"] as? [String: Any]
        #expect(keys(definitions?["committee"]) == LandscapeCommittees.committeeKeys)
        let members = (schema["properties"] as? [String: Any])?["members"] as? [String: Any]
        #expect(keys(members?["items"]) == LandscapeCommittees.memberKeys)
    }
}
