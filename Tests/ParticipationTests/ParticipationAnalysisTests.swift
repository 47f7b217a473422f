import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Participation

@Suite struct ParticipationAnalysisTests {
    /// Three committees and five members:
    ///
    /// | committee | secretariat | P | O |
    /// |---|---|---|---|
    /// | TST/TC 1 | A3 (US) | A1 (FR), A2 (DE), A3 (US), A4 (CN) | A5 (GB) |
    /// | TST/TC 2 | A1 (FR) | A1 (FR), A5 (GB) | A3 (US) |
    /// | Widget Committee of the IEEE Test Society | — (individuals and entities) | — | — |
    static func data() throws -> CommitteeData {
        let scratch = try TemporaryFolder()
        let members = try scratch.writeFile("members.csv", "acronym,country_code\nA1,FR\nA2,DE\nA3,US\nA4,CN\nA5,GB\n")
        let committees = try scratch.writeFile("committees.yaml", """
            version: 1
            committees:
              - {reference: TST/TC 1, sdo: TST, title: One, secretariat: A3, p-members: [A1, A2, A3, A4], o-members: [A5]}
              - {reference: TST/TC 2, sdo: TST, title: Two, secretariat: A1, p-members: [A1, A5], o-members: [A3]}
              - {reference: Widget Committee of the IEEE Test Society, sdo: IEEE, title: Widgets, membership: individuals-and-entities}
            """)
        return try CommitteeData.load(members: [.init(url: members)], committees: [.init(format: .landscapeCommittees, url: committees)])
    }

    /// Five standards:
    ///
    /// | standard | committee | AI-relevant | characteristics |
    /// |---|---|---|---|
    /// | S1 | TST/TC 1 | yes | valid_reliable, safe |
    /// | S2 | TST/TC 1/WG 3 (→ TST/TC 1) | yes | safe |
    /// | S3 | TST/TC 2 | yes | valid_reliable |
    /// | S4 | Widget Committee (IEEE) | yes | valid_reliable, safe |
    /// | S5 | TST/TC 2 | no | safe |
    static let standards = [
        scored("TST 1:2020", committee: "TST/TC 1", ai: true, [.validReliable, .safe]),
        scored("TST 2:2021", committee: "TST/TC 1/WG 3", ai: true, [.safe]),
        scored("TST 3:2022", committee: "TST/TC 2", ai: true, [.validReliable]),
        scored("IEEE Std 4-2023", committee: "Widget Committee of the IEEE Test Society", sdo: "IEEE", ai: true, [.validReliable, .safe]),
        scored("TST 5:2024", committee: "TST/TC 2", ai: false, [.safe]),
    ]

    /// Worked by hand (scope ai-relevant, so S5 is out of every S_c; regions EU, US, CN = [CN]).
    ///
    /// Per standard, |R ∩ P| / |P| and whether R holds the secretariat:
    /// - S1, S2 (TC 1, |P| = 4): EU {A1, A2} 2/4 = 0.5; US {A3} 0.25, secretariat US; CN {A4} 0.25.
    /// - S3 (TC 2, |P| = 2): EU {A1} 1/2 = 0.5, secretariat FR ∈ EU; US none (A3 is O) 0; CN 0.
    /// - S4 (IEEE, P empty): 0 everywhere, no secretariat.
    ///
    /// valid_reliable: S_c = {S1, S3, S4}, standards 3.
    /// - EU: with_p = |{S1, S3}| = 2; share = (0.5 + 0.5 + 0) / 3 = 0.333; secretariats = |{S3}| = 1.
    /// - US: with_p = |{S1}| = 1; share = (0.25 + 0 + 0) / 3 = 0.0833 → 0.083; secretariats = |{S1}| = 1.
    /// - CN: with_p = 1; share = 0.25 / 3 → 0.083; secretariats = 0.
    ///
    /// safe: S_c = {S1, S2, S4}, standards 3.
    /// - EU: with_p = 2; share = (0.5 + 0.5 + 0) / 3 = 0.333; secretariats = 0.
    /// - US: with_p = 2; share = (0.25 + 0.25 + 0) / 3 = 0.1667 → 0.167; secretariats = 2.
    /// - CN: with_p = 2; share = 0.167; secretariats = 0.
    ///
    /// Every other characteristic: S_c empty, all zero.
    static let expectedSummary = """
        characteristic,region,standards,with_p_member,p_member_share,secretariats
        valid_reliable,EU,3,2,0.333,1
        valid_reliable,US,3,1,0.083,1
        valid_reliable,CN,3,1,0.083,0
        safe,EU,3,2,0.333,0
        safe,US,3,2,0.167,2
        safe,CN,3,2,0.167,0
        secure_resilient,EU,0,0,0.000,0
        secure_resilient,US,0,0,0.000,0
        secure_resilient,CN,0,0,0.000,0
        accountable_transparent,EU,0,0,0.000,0
        accountable_transparent,US,0,0,0.000,0
        accountable_transparent,CN,0,0,0.000,0
        explainable_interpretable,EU,0,0,0.000,0
        explainable_interpretable,US,0,0,0.000,0
        explainable_interpretable,CN,0,0,0.000,0
        privacy_enhanced,EU,0,0,0.000,0
        privacy_enhanced,US,0,0,0.000,0
        privacy_enhanced,CN,0,0,0.000,0
        fair_bias_managed,EU,0,0,0.000,0
        fair_bias_managed,US,0,0,0.000,0
        fair_bias_managed,CN,0,0,0.000,0
        human_oversight,EU,0,0,0.000,0
        human_oversight,US,0,0,0.000,0
        human_oversight,CN,0,0,0.000,0
        societal_wellbeing,EU,0,0,0.000,0
        societal_wellbeing,US,0,0,0.000,0
        societal_wellbeing,CN,0,0,0.000,0

        """

    static let regions = RegionSettings(["CN": ["CN"]])

    @Test func handComputedSummary() throws {
        let result = ParticipationAnalysis(data: try Self.data(), regions: Self.regions).run(Self.standards)
        #expect(summaryCSV(result.summary) == Self.expectedSummary)
    }

    @Test func handComputedCommittees() throws {
        let result = ParticipationAnalysis(data: try Self.data(), regions: Self.regions).run(Self.standards)
        #expect(result.committees == [
            CommitteeParticipation(committee: "TST/TC 1", sdo: "TST", secretariat: "A3", secretariatCountry: "US",
                                   pMembers: 4, oMembers: 1, euPMembers: 2, euOMembers: 0, usStatus: .participating,
                                   standards: 1, aiStandards: 1,
                                   regions: ["CN": RegionMembership(pMembers: 1, oMembers: 0, holdsSecretariat: false)]),
            CommitteeParticipation(committee: "TST/TC 1/WG 3", sdo: "TST", secretariat: "A3", secretariatCountry: "US",
                                   pMembers: 4, oMembers: 1, euPMembers: 2, euOMembers: 0, usStatus: .participating,
                                   standards: 1, aiStandards: 1, resolvedFrom: "TST/TC 1",
                                   regions: ["CN": RegionMembership(pMembers: 1, oMembers: 0, holdsSecretariat: false)]),
            CommitteeParticipation(committee: "TST/TC 2", sdo: "TST", secretariat: "A1", secretariatCountry: "FR",
                                   pMembers: 2, oMembers: 1, euPMembers: 1, euOMembers: 0, usStatus: .observing,
                                   standards: 2, aiStandards: 1,
                                   regions: ["CN": RegionMembership()]),
            CommitteeParticipation(committee: "Widget Committee of the IEEE Test Society", sdo: "IEEE",
                                   standards: 1, aiStandards: 1, membership: .individualsAndEntities,
                                   regions: ["CN": RegionMembership()]),
        ])
        #expect(result.warnings.map(\.kind) == [.resolvedToParent])
        #expect(result.warnings.first?.subject == "TST/TC 1/WG 3")
    }

    @Test func unknownCommitteesKeepTheirRowAndAreReported() throws {
        let standards = Self.standards + [
            scored("ACME 9:2020", committee: "ACME/TC 9", sdo: "ACME", ai: true, [.safe]),
            scored("ACME 10:2020", committee: "ACME TC 9", sdo: "ACME", ai: false, []),
            scored("NONE 1:2020", committee: "", ai: true, [.safe]),
        ]
        let result = ParticipationAnalysis(data: try Self.data()).run(standards)
        let acme = try #require(result.committees.first { $0.committee == "ACME/TC 9" })
        #expect(acme == CommitteeParticipation(committee: "ACME/TC 9", sdo: "ACME", standards: 2, aiStandards: 1))
        let unknown = result.warnings.filter { $0.kind == .unknownCommittee }
        #expect(unknown.map(\.subject) == ["ACME/TC 9"])
        #expect(unknown.first?.message.contains("owns 2 standards") == true)
        #expect(unknown.first?.location == SourceLocation(source: "test", file: "catalog.xml", line: 1))
        // Standards without committee data still count, with no seats: safe now has S1, S2, S4, ACME 9, NONE 1.
        let safeEU = try #require(result.summary.first { $0.characteristic == .safe && $0.region == "EU" })
        #expect(safeEU.standards == 5 && safeEU.withPMember == 2 && safeEU.pMemberShare == 0.2)
        // No row for the standard without a committee; every owned standard is in a row.
        #expect(result.committees.map(\.standards).reduce(0, +) == standards.count - 1)
    }

    @Test func scopes() throws {
        let data = try Self.data()
        func safeStandards(_ scope: ParticipationSettings.Scope) -> Int {
            let result = ParticipationAnalysis(data: data, settings: .init(scope: scope)).run(Self.standards)
            return result.summary.first { $0.characteristic == .safe && $0.region == "EU" }!.standards
        }
        #expect(safeStandards(.aiRelevant) == 3)                  // S1, S2, S4
        #expect(safeStandards(.characteristic) == 4)              // + S5
        #expect(safeStandards(.aiRelevantOrCharacteristic) == 5)  // + S3 (AI-relevant without safe)
    }

    @Test func adoptionsCountOnceUnderTheDevelopingCommittee() throws {
        let data = try Self.data()
        let standards = [
            scored("TST 7:2023", committee: "TST/TC 1", ai: true, [.safe]),
            scored("EN TST 7:2024", committee: "TST/TC 2", ai: true, [.safe], adoptedFrom: "TST 7:2023"),
            scored("EN TST 8:2024", committee: "TST/TC 2", ai: true, [.safe], adoptedFrom: "TST 8:2019"),
        ]
        func safeUS(_ adoptions: ParticipationSettings.Adoptions) -> CharacteristicParticipation {
            ParticipationAnalysis(data: data, settings: .init(adoptions: adoptions)).run(standards)
                .summary.first { $0.characteristic == .safe && $0.region == "US" }!
        }
        // EN TST 7 is left out (TST 7 counts under TC 1); EN TST 8's source is absent, so it counts under TC 2.
        let developing = safeUS(.developingCommittee)
        #expect(developing.standards == 2 && developing.withPMember == 1 && developing.secretariats == 1)
        let adopting = safeUS(.adoptingCommittee)
        #expect(adopting.standards == 3 && adopting.withPMember == 1)
        // participation.csv counts every standard under the committee that owns it.
        let rows = ParticipationAnalysis(data: data).run(standards).committees
        #expect(rows.map(\.standards) == [1, 2])
    }

    @Test func explainLines() throws {
        let analysis = ParticipationAnalysis(data: try Self.data())
        let lines = analysis.figures(for: Self.standards[1].standard).lines
        #expect(lines == [
            "committee: TST/TC 1/WG 3 (TST); no data of its own, figures of parent TST/TC 1",
            "secretariat: A3 (US)",
            "members: 4 P, 1 O",
            "EU: status P, 2 P, 0 O, P share 0.5",
            "US: status P, 1 P, 0 O, P share 0.25, holds the secretariat",
        ])
        #expect(analysis.figures(for: Self.standards[3].standard).lines.last == "membership: individuals and entities (no national members, no secretariat)")
    }
}

@Suite struct ParticipationWarningTests {
    @Test func countsByKindUseStableNames() {
        let warnings = [
            ParticipationWarning(kind: .unknownCommittee, subject: "A", message: "m"),
            ParticipationWarning(kind: .unknownCommittee, subject: "B", message: "m"),
            ParticipationWarning(kind: .unknownMember, subject: "X", message: "m", location: .init(source: "s", file: "f.yaml", line: 3)),
        ]
        #expect(warnings.countsByKind == ["unknown committee": 2, "unknown member": 1])
        #expect(warnings[2].description == "f.yaml:3: unknown member: X: m")
        #expect(warnings[2].quarantineEntry == nil)
    }
}
