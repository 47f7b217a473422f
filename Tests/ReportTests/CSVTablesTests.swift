import LandscapeModel
import Testing
@testable import Report

@Suite("CSV tables")
struct CSVTablesTests {
    @Test(arguments: [(0.0, "0.000"), (1.0, "1.000"), (0.0505, "0.051"), (0.9996, "1.000"), (0.123456, "0.123"), (-0.5, "-0.500")])
    func threeDecimals(value: Double, text: String) {
        #expect(CSVTables.decimal3(value) == text)
    }

    @Test func formulaInjectionIsGuardedButNumbersAreNot() {
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("-1.5") == "-1.5")
        #expect(CSV.field("+ISO") == "'+ISO")
        #expect(CSV.field("@sum") == "'@sum")
        #expect(CSV.field("\tx") == "'\tx")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("line\nbreak") == "\"line\nbreak\"")
    }

    @Test func standardsRowsMatchTheSchemaAndParseBack() throws {
        let standard = Standard(
            id: "ISO/IEC 42001:2023", undatedId: "ISO/IEC 42001", sdo: "ISO/IEC", sources: ["iso", "iec"],
            deliverableType: .standard, stage: .published, stageCode: "60.60", status: .active,
            committees: ["ISO/IEC JTC 1/SC 42"], title: "Information technology — Artificial intelligence — Management system, \"AIMS\"",
            published: "2023-12", ics: ["35.020", "03.100.70"]
        )
        let card = ScoreCard(
            aiRelevance: 0.98, scores: [.accountableTransparent: 0.91], characteristics: [.accountableTransparent],
            evidence: [
                Evidence(target: .aiRelevance, term: "artificial intelligence", matched: "Artificial intelligence", field: .title, weight: 3),
                Evidence(target: .characteristic(.accountableTransparent), term: "management system", matched: "Management system", field: .title, weight: 2),
            ]
        )
        let text = CSVTables.standards([ScoredStandard(standard: standard, score: card, isAIRelevant: true)])
        let rows = try CSV.parse(text)
        #expect(rows.count == 2)
        #expect(rows[0] == TableSchemas.standards.header)
        #expect(rows[1].count == rows[0].count)
        let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(row["id"] == "ISO/IEC 42001:2023")
        #expect(row["title"] == standard.title)
        #expect(row["ics"] == "35.020;03.100.70")
        #expect(row["ai_relevance"] == "0.980")
        #expect(row["score_accountable_transparent"] == "0.910")
        #expect(row["score_safe"] == "0.000")
        #expect(row["characteristics"] == "accountable_transparent")
        #expect(row["source"] == "iso")
        #expect(row["sources"] == "iso;iec")
        #expect(row["evidence"] == "ai_relevance: artificial intelligence (title); accountable_transparent: management system (title)")
    }
}

@Suite("participation.csv regions")
struct ParticipationColumnsTests {
    @Test func extraRegionsGetFourColumnsEach() throws {
        let row = CommitteeParticipation(
            committee: "ISO/IEC JTC 1/SC 42", sdo: "ISO/IEC", secretariat: "ANSI", secretariatCountry: "US",
            pMembers: 48, oMembers: 26, euPMembers: 19, euOMembers: 5, usStatus: .participating, standards: 3, aiStandards: 3,
            regions: ["CN": RegionMembership(pMembers: 1), "JP": RegionMembership(oMembers: 1, holdsSecretariat: true)]
        )
        let rows = try CSV.parse(CSVTables.participation([row], extraRegions: ["CN", "JP", "UK"]))
        #expect(rows[0] == TableSchemas.participation(extraRegions: ["CN", "JP", "UK"]).header)
        #expect(Array(rows[0].suffix(4)) == ["uk_status", "uk_p_members", "uk_o_members", "uk_secretariat"])
        let cells = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(cells["cn_status"] == "P")
        #expect(cells["cn_p_members"] == "1")
        #expect(cells["jp_status"] == "O")
        #expect(cells["jp_secretariat"] == "1")
        #expect(cells["uk_status"] == "")
        #expect(cells["uk_p_members"] == "0")
        #expect(cells["us_status"] == "P")
        #expect(DataPackageValidator.validate(csv: CSVTables.participation([row], extraRegions: ["CN", "JP", "UK"]), file: "participation.csv",
                                              table: TableSchemas.participation(extraRegions: ["CN", "JP", "UK"])).isEmpty)
    }
}
