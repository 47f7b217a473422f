import Foundation
import LandscapeModel
import Testing
@testable import Report

extension ReportFixtures {
    /// Two EU provisions and one US provision over three standards: a prEN in JTC 21 (EU only),
    /// an EN adoption and the ISO/IEC standard it adopts (both sides), plus an absent reference.
    static let policyStandards: [ScoredStandard] = [
        standard("prEN 18286", sdo: "CEN/CLC", stage: .enquiry, committee: "CEN/CLC/JTC 21", title: "Quality management system", characteristics: [.accountableTransparent]),
        standard("EN ISO/IEC 23894:2024", sdo: "CEN/CLC", stage: .published, committee: "CEN/CLC/JTC 21", title: "Guidance on risk management", characteristics: [.safe]),
        standard("ISO/IEC 23894:2023", sdo: "ISO/IEC", stage: .published, committee: "ISO/IEC JTC 1/SC 42", title: "Guidance on risk management", characteristics: [.safe]),
    ]

    static let policy: PolicyFindings = {
        let location = SourceLocation(source: "policy", file: "Inputs/policy/eu-m593.yaml", line: 12)
        func provision(_ id: String, _ side: PolicySide, _ characteristics: [String], supports: [String] = []) -> PolicyProvision {
            PolicyProvision(id: id, side: side, instrument: side == .eu ? "M593" : "NIST-AI-RMF-crosswalks", instrumentTitle: "",
                            title: "Title of \(id)", characteristics: characteristics, supports: supports,
                            url: "https://example.org/\(id)", read: "2026-11-29", status: .reported, location: location)
        }
        func link(_ standard: String, _ provision: String, _ side: PolicySide, _ relation: String, _ match: PolicyMatch, via: String? = nil) -> PolicyLink {
            PolicyLink(standardId: standard, provisionId: provision, side: side, instrument: side == .eu ? "M593" : "NIST-AI-RMF-crosswalks",
                       relation: relation, match: match, reference: via ?? standard, via: via ?? standard,
                       url: "https://example.org/\(provision)", read: "2026-11-29", status: .reported)
        }
        let jtc21 = InfluenceStep(standardId: "prEN 18286", role: .develops, committee: "CEN/CLC/JTC 21", committeeKnown: true,
                                  pMembers: 34, euPMembers: 27, secretariat: "DS", secretariatCountry: "DK")
        var enStep = jtc21
        enStep.standardId = "EN ISO/IEC 23894:2024"
        enStep.role = .adopts
        let sc42 = InfluenceStep(standardId: "ISO/IEC 23894:2023", role: .develops, committee: "ISO/IEC JTC 1/SC 42", committeeKnown: true,
                                 pMembers: 48, euPMembers: 17, usStatus: .participating, secretariat: "ANSI", secretariatCountry: "US")
        return PolicyFindings(
            provisions: [provision("M593/item-9", .eu, ["accountable_transparent"], supports: ["AI-Act/Art-17"]),
                         provision("M593/jtc21-adoptions", .eu, ["safe"]),
                         provision("NIST/crosswalk-23894", .us, ["safe"])],
            links: [link("prEN 18286", "M593/item-9", .eu, "answers-request-item", .exact),
                    link("EN ISO/IEC 23894:2024", "M593/jtc21-adoptions", .eu, "adopted-for", .exact),
                    link("ISO/IEC 23894:2023", "M593/jtc21-adoptions", .eu, "adopted-for", .viaAdoption, via: "EN ISO/IEC 23894:2024"),
                    link("ISO/IEC 23894:2023", "NIST/crosswalk-23894", .us, "crosswalk", .undated),
                    link("EN ISO/IEC 23894:2024", "NIST/crosswalk-23894", .us, "crosswalk", .viaAdoption, via: "ISO/IEC 23894:2023")],
            unresolved: [UnresolvedPolicyReference(reference: "prEN 18285", provisionId: "M593/item-10", side: .eu, relation: "answers-request-item",
                                                   reason: "no standard in the catalogs", location: location)],
            columns: ["prEN 18286": PolicyColumns(eu: ["M593/item-9"]),
                      "EN ISO/IEC 23894:2024": PolicyColumns(eu: ["M593/jtc21-adoptions"], us: ["NIST/crosswalk-23894"]),
                      "ISO/IEC 23894:2023": PolicyColumns(eu: ["M593/jtc21-adoptions"], us: ["NIST/crosswalk-23894"])],
            paths: [InfluencePath(standardId: "prEN 18286", euProvisions: ["M593/item-9"], steps: [jtc21]),
                    InfluencePath(standardId: "EN ISO/IEC 23894:2024", euProvisions: ["M593/jtc21-adoptions"], steps: [enStep, sc42]),
                    InfluencePath(standardId: "ISO/IEC 23894:2023", euProvisions: ["M593/jtc21-adoptions"], steps: [sc42])],
            files: ["eu-m593.yaml", "us.yaml"])
    }()
}

@Suite("Report: standards of mutual interest and paths of influence")
struct PolicyReportTests {
    private func rendered() -> String {
        var input = ReportFixtures.input(standards: ReportFixtures.landscape() + ReportFixtures.policyStandards)
        input.policy = ReportFixtures.policy
        return ReportRenderer.render(input)
    }

    @Test func mutualInterestSectionStatesItsFindingsWithNumbers() {
        let html = rendered()
        #expect(html.contains("<section id=\"mutual-interest\""))
        #expect(html.contains("3 standards in the catalogs are named by policy: 1 by the EU only, 0 by the US only and 2 by both."))
        // Neither mutual standard's own committee has both EU and US P-seats: JTC 21 has no US seat;
        // SC 42 has both, so the ISO/IEC standard counts.
        #expect(html.contains("1 of the 2 standards of mutual interest are owned by a committee where both EU member states and the US hold P-seats."))
        #expect(html.contains("1 references named by policy are absent from the catalogs"))
        #expect(html.contains("id=\"mutual-interest-chart\""))
        // The chart's table: Safe has 2 standards named by both; Accountable and transparent 1 EU only.
        #expect(html.contains("Named by policy, absent from the catalogs") && html.contains("prEN 18285") && html.contains("Inputs/policy/eu-m593.yaml:12"))
        #expect(html.contains("<td class=\"id\">ISO/IEC 23894:2023</td>") && html.contains("P-member"))
    }

    @Test func influenceSectionCountsDocumentsWithoutAUSSeat() {
        let html = rendered()
        #expect(html.contains("<section id=\"influence\""))
        #expect(html.contains("1 of 1 documents answering M593 request items are developed in committees where the US holds no seat."))
        #expect(html.contains("1 of 3 standards named by EU policy have no US seat anywhere in their committee chain; 1 adopt a standard of another organisation, and 2 reach a committee where the US is P-member and holds the secretariat."))
        #expect(html.contains("id=\"influence-chart\""))
        #expect(html.contains("CEN/CLC/JTC 21 (adopts EN ISO/IEC 23894:2024): 27 EU P-seats of 34, US no seat, secretariat DS (DK)"))
        #expect(html.contains("ISO/IEC JTC 1/SC 42 (develops ISO/IEC 23894:2023): 17 EU P-seats of 48, US P-member, secretariat ANSI (US)"))
        #expect(html.contains("AI-Act/Art-17"))
    }

    @Test func withoutPolicyBothSectionsSayNotMeasured() {
        let html = ReportRenderer.render(ReportFixtures.input())
        #expect(html.contains("<section id=\"influence\"") && html.contains("no policy file is configured"))
    }

    @Test func csvEncodersWriteOneRowPerLinkAndPerStep() throws {
        let links = try CSV.parse(CSVTables.policyLinks(ReportFixtures.policy.links))
        #expect(links.count == 6 && links[0] == TableSchemas.policyLinks.header)
        #expect(links[3] == ["ISO/IEC 23894:2023", "M593/jtc21-adoptions", "EU", "M593", "adopted-for", "via-adoption",
                             "EN ISO/IEC 23894:2024", "EN ISO/IEC 23894:2024", "https://example.org/M593/jtc21-adoptions", "2026-11-29", "reported"])
        let paths = try CSV.parse(CSVTables.influencePaths(ReportFixtures.policy.paths))
        #expect(paths.count == 5)
        #expect(paths[3] == ["EN ISO/IEC 23894:2024", "M593/jtc21-adoptions", "2", "ISO/IEC 23894:2023", "develops", "ISO/IEC JTC 1/SC 42",
                             "1", "48", "17", "P", "ANSI", "US"])
        let standards = try CSV.parse(CSVTables.standards(ReportFixtures.policyStandards, policy: ReportFixtures.policy.columns))
        let header = standards[0]
        let mutual = try #require(header.firstIndex(of: "mutual_interest"))
        let eu = try #require(header.firstIndex(of: "eu_policy"))
        #expect(standards.dropFirst().map { $0[mutual] } == ["false", "true", "true"])
        #expect(standards[1][eu] == "M593/item-9")
    }
}
