import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Participation

@Suite struct ISOSnapshotTests {
    /// The real ISO Open Data snapshot and member list under `../shared/reference`.
    static func load() throws -> CommitteeData {
        try CommitteeData.load(
            members: [.init(url: Paths.sharedReference.appendingPathComponent("iso_members.csv"))],
            committees: [.init(format: .isoOpenData, url: Paths.sharedReference.appendingPathComponent("iso_technical_committees.jsonl"))])
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/reference (ISO Open Data snapshot)"))
    func jtc1sc42() throws {
        let analysis = ParticipationAnalysis(data: try Self.load())
        let result = analysis.run([scored("ISO/IEC 42001:2023", committee: "ISO/IEC JTC 1/SC 42", sdo: "ISO/IEC", ai: true, [.accountableTransparent])])
        let row = try #require(result.committees.first)
        #expect(row.committee == "ISO/IEC JTC 1/SC 42")
        #expect(row.sdo == "ISO/IEC")
        #expect(row.secretariat == "ANSI")
        #expect(row.secretariatCountry == "US")
        #expect(row.pMembers == 48)
        #expect(row.oMembers == 26)
        #expect(row.euPMembers == 19)
        #expect(row.euOMembers == 5)
        #expect(row.usStatus == .participating)
        #expect(row.standards == 1 && row.aiStandards == 1)
        #expect(row.resolvedFrom == nil)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/reference (ISO Open Data snapshot)"))
    func jtc1sc27() throws {
        let figures = ParticipationAnalysis(data: try Self.load()).figures(committee: "ISO/IEC JTC 1/SC 27")
        #expect(figures.resolution.match == .exact)
        #expect(figures.secretariat == .init(acronym: "DIN", country: "DE"))
        #expect(figures.pMembers.count == 54)
        #expect(figures.oMembers.count == 37)
        #expect(figures.membership(of: "EU").pMembers == 20)
        #expect(figures.status(of: "US") == .participating)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/reference (ISO Open Data snapshot)"))
    func wholeSnapshotLoads() throws {
        let data = try Self.load()
        #expect(data.directory.count == 785)
        #expect(data.members.count == 161)
        // Every acronym in the snapshot is in the member list, and no line is rejected.
        #expect(!data.warnings.contains { $0.kind == .unknownMember || $0.kind == .invalidCommitteeRecord })
        // The one mapping the member list itself doubts is used and reported.
        let uncertain = data.warnings.filter { $0.kind == .uncertainMember }
        #expect(uncertain.map(\.subject) == ["PSABD"])
        #expect(uncertain.first?.location?.line == 120)
        #expect(data.members.country(of: "PSABD") == "BN")
        #expect(data.directory.committee("ISO/IEC JTC 1/SC 42")?.parent == "ISO/IEC JTC 1")
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/reference (ISO Open Data snapshot)"))
    func workingGroupsAndSpellingsResolve() throws {
        let analysis = ParticipationAnalysis(data: try Self.load())
        let workingGroup = analysis.figures(committee: "ISO/IEC JTC 1/SC 42/WG 3")
        #expect(workingGroup.committee == "ISO/IEC JTC 1/SC 42/WG 3")
        #expect(workingGroup.resolution.resolvedFrom == "ISO/IEC JTC 1/SC 42")
        #expect(workingGroup.pMembers.count == 48)
        let spaced = analysis.figures(committee: "ISO/IEC JTC1/SC42")
        #expect(spaced.resolution.match == .exact)
        #expect(spaced.committee == "ISO/IEC JTC 1/SC 42")
    }
}

@Suite struct RepositoryInputsTests {
    /// The committee files the repository ships, as Pipeline.yaml lists them.
    static func load() throws -> CommitteeData {
        try CommitteeData.load(
            members: [.init(url: Paths.committees.appendingPathComponent("iso_members.csv"))],
            committees: [
                .init(format: .isoOpenData, url: Paths.committees.appendingPathComponent("iso_technical_committees.jsonl")),
                .init(format: .landscapeCommittees, url: Paths.committees.appendingPathComponent("cen-cenelec.yaml")),
                .init(format: .landscapeCommittees, url: Paths.committees.appendingPathComponent("ieee.yaml")),
            ])
    }

    @Test func shippedFilesLoadCleanly() throws {
        let data = try Self.load()
        let problems = data.warnings.filter { $0.kind != .uncertainMember }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func cenCenelecJTC21() throws {
        let analysis = ParticipationAnalysis(data: try Self.load())
        let figures = analysis.figures(committee: "CEN/CLC/JTC 21")
        #expect(figures.sdo == "CEN/CLC")
        #expect(figures.secretariat == .init(acronym: "DS", country: "DK"))
        #expect(figures.pMembers.count == 34)
        #expect(figures.oMembers.isEmpty)
        #expect(figures.membership(of: "EU").pMembers == 27)
        #expect(figures.membership(of: "EU").holdsSecretariat)
        #expect(figures.status(of: "US") == nil)
        #expect(analysis.figures(committee: "CEN-CENELEC JTC 21").resolution.match == .exact)
        // CENELEC's own national committees map to the same 34 countries.
        let clc = analysis.figures(committee: "CLC/TC 65X")
        #expect(clc.unknownMembers.isEmpty)
        #expect(Set(clc.pMembers.compactMap(\.country)) == Set(figures.pMembers.compactMap(\.country)))
    }

    @Test func ieeeCommitteesHaveNoNationalSeats() throws {
        let analysis = ParticipationAnalysis(data: try Self.load())
        let listed = analysis.figures(committee: "Artificial Intelligence Standards Committee of the IEEE Computer Society", sdo: "IEEE")
        #expect(listed.resolution.match == .exact)
        #expect(listed.membership == .individualsAndEntities)
        #expect(listed.secretariat == nil && listed.pMembers.isEmpty && listed.oMembers.isEmpty)
        let society = analysis.figures(committee: "Design Automation of the IEEE Computer Society", sdo: "IEEE")
        #expect(society.resolution.resolvedFrom == "IEEE Computer Society")
        let other = analysis.figures(committee: "Transformers of the IEEE Power &amp;amp; Energy Society", sdo: "IEEE")
        #expect(other.resolution.match == .organisationDefault)
        #expect(other.resolution.resolvedFrom == "IEEE SA Standards Board")
        #expect(other.membership == .individualsAndEntities)
        #expect(other.sdo == "IEEE")
    }
}

@Suite struct ISOOpenDataAdapterTests {
    @Test func badLinesAreQuarantinedAndTheRestLoads() throws {
        let scratch = try TemporaryFolder()
        let file = try scratch.writeFile("committees.jsonl", """
            {"id":1,"reference":"TST/TC 1","title":{"en":"One"},"secretariat":{"id":9,"acronym":"DIN"},"parentId":null,"pMembers":[{"id":9,"acronym":"DIN"},{"id":8,"acronym":"ANSI"}],"oMembers":null}
            {"id":2,"reference":"TST/TC 1/SC 1", this is not JSON
            {"id":3,"title":{"en":"No reference"}}

            {"id":4,"reference":"TST/TC 1/SC 2","title":{"en":"Two"},"secretariat":{"id":null,"acronym":null},"parentId":1,"pMembers":[{"id":7,"acronym":"XYZ"},{"id":6,"acronym":null}],"oMembers":[{"id":9,"acronym":"DIN"}]}
            {"id":5,"reference":"TST/TC 9","title":{"en":"Orphan"},"parentId":404}
            """)
        let members = try scratch.writeFile("members.csv", "acronym,country_code\r\nDIN,DE\r\nANSI,US\r\n")
        let data = try CommitteeData.load(members: [.init(url: members, displayPath: "members.csv")],
                                          committees: [.init(format: .isoOpenData, url: file, displayPath: "committees.jsonl")])
        #expect(data.directory.committees.map(\.reference) == ["TST/TC 1", "TST/TC 1/SC 2", "TST/TC 9"])
        let rejected = data.warnings.filter { $0.kind == .invalidCommitteeRecord }
        #expect(rejected.map { $0.location?.line } == [2, 3])
        #expect(rejected.allSatisfy { $0.location?.file == "committees.jsonl" })
        let quarantine = try #require(rejected.first?.quarantineEntry)
        #expect(quarantine.location.line == 2 && quarantine.scope == .record)
        #expect(quarantine.reason.hasPrefix("invalid committee record: "))

        let sc2 = try #require(data.directory.committee("TST/TC 1/SC 2"))
        #expect(sc2.parent == "TST/TC 1")
        #expect(sc2.secretariat == nil)
        #expect(sc2.pMembers == ["XYZ", "#6"])
        #expect(sc2.origin?.line == 5)
        // Unknown acronyms are reported with the committee's line, and still counted as seats.
        let unknown = data.warnings.filter { $0.kind == .unknownMember }
        #expect(Set(unknown.map(\.subject)) == ["XYZ", "#6"])
        #expect(unknown.allSatisfy { $0.location?.line == 5 })
        let figures = ParticipationAnalysis(data: data).figures(committee: "TST/TC 1/SC 2")
        #expect(figures.pMembers.count == 2)
        #expect(figures.membership(of: "EU").pMembers == 0)
        #expect(figures.membership(of: "EU").oMembers == 1)
        #expect(data.warnings.contains { $0.kind == .unknownParent && $0.subject == "TST/TC 9" && $0.location?.line == 6 })
    }

    @Test func unreadableFileThrows() {
        #expect(throws: CommitteeDataError.self) {
            try CommitteeData.load(members: [], committees: [.init(format: .isoOpenData, url: URL(fileURLWithPath: "/nonexistent/committees.jsonl"))])
        }
    }
}

@Suite struct MembersFileTests {
    @Test func crlfRowsBadRowsAndDoubts() throws {
        let text = "acronym,iso_member_id,country_code,country_name,confidence,source\r\n"
            + "ANSI,2188,US,United States,high,known\r\n"
            + ",1,FR,France,high,known\r\n"
            + "BAD,2,USA,Nowhere,high,known\r\n"
            + "PSABD,1585,BN,Brunei Darussalam,check,best guess\r\n"
            + "ANSI,2188,CA,Canada,high,duplicate\r\n"
        let (members, warnings) = try MemberDirectory.parseMembers(text, file: "members.csv")
        #expect(members.count == 2)
        #expect(members.country(of: "ansi") == "US")
        #expect(members.body("PSABD")?.confidence == "check")
        #expect(warnings.map(\.kind) == [.invalidMemberRecord, .invalidMemberRecord, .uncertainMember, .invalidMemberRecord])
        #expect(warnings.map { $0.location?.line } == [3, 4, 5, 6])
        #expect(warnings.compactMap(\.quarantineEntry).count == 3)
    }

    @Test func missingColumnThrowsWithLine() {
        #expect(throws: CommitteeDataError(file: "members.csv", line: 1, key: "country_code", reason: "required column is missing from the header")) {
            try MemberDirectory.parseMembers("acronym,country\nANSI,US\n", file: "members.csv")
        }
    }
}
