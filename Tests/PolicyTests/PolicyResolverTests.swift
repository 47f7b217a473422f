import Testing
import LandscapeModel
import Normalize
import Policy

/// The catalogs' own reference parser, as the pipeline passes it.
private let canonical: PolicyResolver.Canonical = { Reference.policyNames($0) }

private func standard(_ id: String, _ undated: String, committee: String, status: Status = .active, stage: Stage = .published,
                      published: String = "", adopts: String? = nil, replacedBy: String? = nil) -> Standard {
    Standard(id: id, undatedId: undated, sdo: "ISO/IEC", sources: ["test"], deliverableType: .standard, stage: stage,
             stageCode: "", status: status, committees: [committee], title: id, published: published, adoptedFrom: adopts,
             relations: replacedBy.map { [Relation(kind: .supersededBy, target: $0)] } ?? [])
}

private let sc42 = "ISO/IEC JTC 1/SC 42"
private let jtc21 = "CEN/CLC/JTC 21"

/// ISO/IEC 42001:2023 adopted as EN ISO/IEC 42001:2023, itself adopted as DIN EN ISO/IEC 42001:2024;
/// two editions of ISO/IEC 22989; a home-grown prEN; two "current" editions nothing orders.
private let standards: [Standard] = [
    standard("ISO/IEC 42001:2023", "ISO/IEC 42001", committee: sc42, published: "2023-12"),
    standard("EN ISO/IEC 42001:2023", "EN ISO/IEC 42001", committee: jtc21, published: "2024-01", adopts: "ISO/IEC 42001:2023"),
    standard("DIN EN ISO/IEC 42001:2024-02", "DIN EN ISO/IEC 42001", committee: "DIN NA 043-01-42 AA", published: "2024-02",
             adopts: "EN ISO/IEC 42001:2023"),
    standard("ISO/IEC 22989:2019", "ISO/IEC 22989", committee: sc42, status: .withdrawn, stage: .withdrawn, published: "2019-01",
             replacedBy: "ISO/IEC 22989:2022"),
    standard("ISO/IEC 22989:2022", "ISO/IEC 22989", committee: sc42, published: "2022-07"),
    standard("prEN 18286", "prEN 18286", committee: jtc21, status: .draft, stage: .enquiry),
    standard("ISO/IEC 5259-1:2024", "ISO/IEC 5259-1", committee: sc42, published: "2024-07"),
    standard("ISO/IEC 5259-1:2025", "ISO/IEC 5259-1", committee: sc42, published: "2024-07"),
    standard("ISO/IEC 8183:2023", "ISO/IEC 8183", committee: sc42, published: "2023-07"),
    standard("ISO/IEC 8183:2019", "ISO/IEC 8183", committee: sc42, published: "2019-01", replacedBy: "ISO/IEC 8183:2023"),
]

private func ids(_ resolution: PolicyResolver.Resolution) -> [String] {
    guard case .resolved(let reached) = resolution else { return [] }
    return reached.map { "\(standards[$0.index].id) \($0.match.rawValue)" }
}

@Suite("Policy references resolved against the standards")
struct PolicyResolverTests {
    let resolver = PolicyResolver(standards: standards, canonical: canonical)

    @Test func exactIdAndAdoptersUpTheChain() {
        // The ISO/IEC standard itself, then the EN adopting it and the DIN adopting the EN.
        #expect(ids(resolver.resolve("ISO/IEC 42001:2023")) == [
            "ISO/IEC 42001:2023 exact", "EN ISO/IEC 42001:2023 via-adoption", "DIN EN ISO/IEC 42001:2024-02 via-adoption",
        ])
        // Spacing and case do not matter.
        #expect(ids(resolver.resolve("iso/iec  42001:2023")).first == "ISO/IEC 42001:2023 exact")
    }

    @Test func adoptionDownTheChain() {
        // Naming the national adoption reaches the EN and the ISO/IEC standard it adopts (an adoption of an adoption).
        #expect(ids(resolver.resolve("DIN EN ISO/IEC 42001:2024-02")) == [
            "DIN EN ISO/IEC 42001:2024-02 exact", "EN ISO/IEC 42001:2023 via-adoption", "ISO/IEC 42001:2023 via-adoption",
        ])
        // Naming the EN: down to the ISO/IEC standard, up to the DIN.
        #expect(ids(resolver.resolve("EN ISO/IEC 42001:2023")) == [
            "EN ISO/IEC 42001:2023 exact", "ISO/IEC 42001:2023 via-adoption", "DIN EN ISO/IEC 42001:2024-02 via-adoption",
        ])
    }

    @Test func undatedMeansTheCurrentEdition() {
        #expect(ids(resolver.resolve("ISO/IEC 22989")) == ["ISO/IEC 22989:2022 undated"])
        // A draft reference resolves through its undated id to the published edition.
        #expect(ids(resolver.resolve("ISO/IEC FDIS 42001")).first == "ISO/IEC 42001:2023 undated")
        // A replaced edition still in force loses to the one replacing it.
        #expect(ids(resolver.resolve("ISO/IEC 8183")) == ["ISO/IEC 8183:2023 undated"])
        // A draft with no published edition.
        #expect(ids(resolver.resolve("prEN 18286")) == ["prEN 18286 exact"])
    }

    @Test func ambiguousUndatedReferenceStaysUnresolved() {
        #expect(resolver.resolve("ISO/IEC 5259-1") == .unresolved(
            reason: "several current editions of ISO/IEC 5259-1: ISO/IEC 5259-1:2024, ISO/IEC 5259-1:2025"))
        // Dated, it is exact.
        #expect(ids(resolver.resolve("ISO/IEC 5259-1:2025")) == ["ISO/IEC 5259-1:2025 exact"])
    }

    @Test func unknownReferenceIsUnresolved() {
        #expect(resolver.resolve("prEN 18285") == .unresolved(reason: "no standard in the catalogs"))
    }

    @Test func linksColumnsAndMutualInterest() {
        let location = SourceLocation(source: "policy", file: "p.yaml", line: 3)
        func reference(_ text: String, _ provision: String, _ side: PolicySide) -> PolicyReference {
            PolicyReference(text: text, provisionId: provision, side: side, instrument: side == .eu ? "M593" : "NIST-AI-RMF",
                            relation: side == .eu ? "adopted-for" : "crosswalk", url: "https://example.org/\(provision)",
                            read: "2026-11-29", status: .reported, location: location)
        }
        let catalog = PolicyCatalog(references: [
            reference("EN ISO/IEC 42001:2023", "M593/adoptions", .eu),
            reference("ISO/IEC 42001:2023", "M593/adoptions", .eu),   // same pair again: the most direct match is kept
            reference("prEN 18286", "M593/item-9", .eu),
            reference("ISO/IEC FDIS 42001", "NIST/crosswalk-42001", .us),
            reference("prEN 18285", "M593/item-10", .eu),
        ])
        let findings = resolver.resolve(catalog)
        #expect(findings.unresolved.map(\.reference) == ["prEN 18285"])
        #expect(findings.unresolved.first?.location == location)
        let iso = findings.links.first { $0.standardId == "ISO/IEC 42001:2023" && $0.provisionId == "M593/adoptions" }
        #expect(iso?.match == .exact && iso?.via == "ISO/IEC 42001:2023")
        let us = findings.links.first { $0.standardId == "EN ISO/IEC 42001:2023" && $0.side == .us }
        #expect(us?.match == .viaAdoption && us?.via == "ISO/IEC 42001:2023" && us?.reference == "ISO/IEC FDIS 42001")
        #expect(findings.columns["ISO/IEC 42001:2023"] == PolicyColumns(eu: ["M593/adoptions"], us: ["NIST/crosswalk-42001"]))
        #expect(findings.columns["ISO/IEC 42001:2023"]?.mutualInterest == true)
        #expect(findings.columns["EN ISO/IEC 42001:2023"]?.mutualInterest == true)
        #expect(findings.columns["prEN 18286"] == PolicyColumns(eu: ["M593/item-9"]))
        #expect(findings.columns["prEN 18286"]?.mutualInterest == false)
        // One row per (standard, provision).
        let pairs = findings.links.map { "\($0.standardId)|\($0.provisionId)" }
        #expect(Set(pairs).count == pairs.count)
    }

    @Test func pathsFollowAdoptionsWithTheSeatsOfEachCommittee() {
        let location = SourceLocation(source: "policy", file: "p.yaml", line: 3)
        let catalog = PolicyCatalog(references: [
            PolicyReference(text: "DIN EN ISO/IEC 42001:2024-02", provisionId: "EU/x", side: .eu, instrument: "X", relation: "named",
                            url: "https://example.org", read: "2026-11-29", status: .reported, location: location),
            PolicyReference(text: "prEN 18286", provisionId: "EU/y", side: .eu, instrument: "X", relation: "answers-request-item",
                            url: "https://example.org", read: "2026-11-29", status: .reported, location: location),
        ])
        let findings = resolver.resolve(catalog)
        let committees: [String: CommitteeParticipation] = [
            jtc21: CommitteeParticipation(committee: jtc21, sdo: "CEN/CLC", secretariat: "DS", secretariatCountry: "DK",
                                          pMembers: 34, euPMembers: 27, usStatus: nil),
            sc42: CommitteeParticipation(committee: sc42, sdo: "ISO/IEC", secretariat: "ANSI", secretariatCountry: "US",
                                         pMembers: 48, euPMembers: 20, usStatus: .participating),
        ]
        let paths = resolver.influencePaths(findings, committees: committees)
        let din = paths.first { $0.standardId == "DIN EN ISO/IEC 42001:2024-02" }
        #expect(din?.steps.map(\.standardId) == ["DIN EN ISO/IEC 42001:2024-02", "EN ISO/IEC 42001:2023", "ISO/IEC 42001:2023"])
        #expect(din?.steps.map(\.role) == [.adopts, .adopts, .develops])
        #expect(din?.steps.map(\.committeeKnown) == [false, true, true])   // the DIN committee is not in the data
        #expect(din?.steps.last?.usStatus == .participating && din?.steps.last?.secretariatCountry == "US")
        #expect(din?.usSeat == true)
        // The EN reached through the DIN's adoption chain has its own path.
        let en = paths.first { $0.standardId == "EN ISO/IEC 42001:2023" }
        #expect(en?.steps.map(\.committee) == [jtc21, sc42] && en?.euProvisions == ["EU/x"])
        let pren = paths.first { $0.standardId == "prEN 18286" }
        #expect(pren?.steps.count == 1 && pren?.steps.first?.committee == jtc21 && pren?.steps.first?.euPMembers == 27)
        #expect(pren?.usSeat == false && pren?.steps.first?.secretariat == "DS")
    }

    @Test func pathEndsAtAnAdoptedStandardMissingFromTheCatalogs() {
        let lone = [standard("EN ISO/IEC 23894:2024", "EN ISO/IEC 23894", committee: jtc21, adopts: "ISO/IEC 23894:2023")]
        let resolver = PolicyResolver(standards: lone, canonical: canonical)
        // Undated reference to the adopted standard, absent itself: found through its adopter.
        #expect(ids2(resolver.resolve("ISO/IEC 23894:2023"), lone) == ["EN ISO/IEC 23894:2024 via-adoption"])
        let findings = resolver.resolve(PolicyCatalog(references: [
            PolicyReference(text: "EN ISO/IEC 23894:2024", provisionId: "EU/z", side: .eu, instrument: "X", relation: "adopted-for",
                            url: "https://example.org", read: "2026-11-29", status: .reported,
                            location: SourceLocation(source: "policy", file: "p.yaml", line: 1)),
        ]))
        let path = resolver.influencePaths(findings, committees: [:]).first
        #expect(path?.steps.map(\.standardId) == ["EN ISO/IEC 23894:2024", "ISO/IEC 23894:2023"])
        #expect(path?.steps.last?.committee == "" && path?.steps.last?.committeeKnown == false)
    }
}

private func ids2(_ resolution: PolicyResolver.Resolution, _ standards: [Standard]) -> [String] {
    guard case .resolved(let reached) = resolution else { return [] }
    return reached.map { "\(standards[$0.index].id) \($0.match.rawValue)" }
}
