import Foundation
import LandscapeModel
@testable import Report

/// Literal, deterministic inputs for the report: a small landscape that exercises every section.
enum ReportFixtures {
    static let started = Date(timeIntervalSince1970: 1_795_000_000)

    static let characteristicInfos: [CharacteristicInfo] = Characteristic.allCases.map { characteristic in
        let names: [Characteristic: (String, [String], [String])] = [
            .validReliable: ("Valid and reliable", ["Valid and reliable"], ["HLEG: technical robustness and safety", "AI Act Art. 15 accuracy", "M/593: accuracy"]),
            .safe: ("Safe", ["Safe"], ["HLEG: technical robustness and safety", "AI Act Art. 9 risk management", "M/593: risk management"]),
            .secureResilient: ("Secure and resilient", ["Secure and resilient"], ["AI Act Art. 15 cybersecurity", "M/593: robustness", "M/593: cybersecurity"]),
            .accountableTransparent: ("Accountable and transparent", ["Accountable and transparent"], ["HLEG: transparency", "HLEG: accountability", "AI Act Art. 11, 12, 13, 17", "M/593: logging, transparency, quality management, conformity assessment"]),
            .explainableInterpretable: ("Explainable and interpretable", ["Explainable and interpretable"], ["HLEG: transparency (explainability)", "AI Act Art. 13"]),
            .privacyEnhanced: ("Privacy-enhanced", ["Privacy-enhanced"], ["HLEG: privacy and data governance", "AI Act Art. 10", "M/593: data governance and quality"]),
            .fairBiasManaged: ("Fair, with harmful bias managed", ["Fair – with harmful bias managed"], ["HLEG: diversity, non-discrimination and fairness", "AI Act Art. 10(2)(f)"]),
            .humanOversight: ("Human oversight", [], ["HLEG: human agency and oversight", "AI Act Art. 14", "M/593: human oversight"]),
            .societalWellbeing: ("Societal and environmental well-being", [], ["HLEG: societal and environmental well-being"]),
        ]
        let (name, nist, eu) = names[characteristic]!
        return CharacteristicInfo(characteristic: characteristic, name: name, definition: "What \(name.lowercased()) means for an AI system, as the taxonomy defines it.", nist: nist, eu: eu)
    }

    static let committees: [CommitteeParticipation] = [
        CommitteeParticipation(committee: "ISO/IEC JTC 1/SC 42", sdo: "ISO/IEC", secretariat: "ANSI", secretariatCountry: "US", pMembers: 48, oMembers: 26, euPMembers: 17, euOMembers: 5, usStatus: .participating, standards: 60, aiStandards: 55),
        CommitteeParticipation(committee: "ISO/IEC JTC 1/SC 27", sdo: "ISO/IEC", secretariat: "DIN", secretariatCountry: "DE", pMembers: 53, oMembers: 21, euPMembers: 18, euOMembers: 4, usStatus: .participating, standards: 40, aiStandards: 12),
        CommitteeParticipation(committee: "ISO/TC 299", sdo: "ISO", secretariat: "SIS", secretariatCountry: "SE", pMembers: 25, oMembers: 12, euPMembers: 10, euOMembers: 3, usStatus: .observing, standards: 30, aiStandards: 10),
        CommitteeParticipation(committee: "ISO/TC 22/SC 32", sdo: "ISO", secretariat: "JISC", secretariatCountry: "JP", pMembers: 20, oMembers: 10, euPMembers: 8, euOMembers: 2, usStatus: .participating, standards: 25, aiStandards: 9),
        CommitteeParticipation(committee: "IEC/TC 65", sdo: "IEC", secretariat: "SNV", secretariatCountry: "CH", pMembers: 33, oMembers: 14, euPMembers: 15, euOMembers: 2, usStatus: .participating, standards: 20, aiStandards: 8),
        CommitteeParticipation(committee: "CEN/CLC/JTC 21", sdo: "CEN/CLC", secretariat: "DS", secretariatCountry: "DK", pMembers: 34, oMembers: 0, euPMembers: 27, euOMembers: 0, standards: 15, aiStandards: 14),
        CommitteeParticipation(committee: "IEEE C/AISC", sdo: "IEEE", membership: .individualsAndEntities),
        CommitteeParticipation(committee: "IEEE SSIT/SC", sdo: "IEEE", membership: .individualsAndEntities),
    ]

    static let regions = [
        ReportRegion(name: "EU", countries: ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]),
        ReportRegion(name: "US", countries: ["US"]),
    ]

    /// A standard with the given facts and scores.
    static func standard(
        _ id: String, sdo: String, stage: Stage, committee: String, title: String,
        characteristics: [Characteristic], aiRelevant: Bool = true, score: Double = 0.8
    ) -> ScoredStandard {
        let status: Status = stage == .published ? .active : (stage == .withdrawn ? .withdrawn : .draft)
        let undated = id.split(separator: ":").first.map(String.init) ?? id
        let evidence = characteristics.map { Evidence(target: .characteristic($0), term: "term for \($0.id)", matched: "Term for \($0.id)", field: .title, weight: 2) }
        return ScoredStandard(
            standard: Standard(
                id: id, undatedId: undated, sdo: sdo, sources: [sdo.lowercased()], deliverableType: .standard,
                stage: stage, stageCode: stage == .published ? "60.60" : "40.20", status: status,
                committees: [committee], title: title, published: stage == .published ? "2024-05" : ""
            ),
            score: ScoreCard(
                aiRelevance: aiRelevant ? 0.9 : 0.1,
                scores: Dictionary(uniqueKeysWithValues: characteristics.map { ($0, score) }),
                characteristics: characteristics,
                evidence: evidence
            ),
            isAIRelevant: aiRelevant
        )
    }

    /// A deterministic landscape of `count` standards spread over SDOs, stages and characteristics.
    static func landscape(count: Int = 240) -> [ScoredStandard] {
        let layout: [(sdo: String, committee: String)] = [
            ("ISO/IEC", "ISO/IEC JTC 1/SC 42"), ("ISO/IEC", "ISO/IEC JTC 1/SC 27"), ("ISO", "ISO/TC 299"),
            ("ISO", "ISO/TC 22/SC 32"), ("IEC", "IEC/TC 65"), ("CEN/CLC", "CEN/CLC/JTC 21"),
            ("IEEE", "IEEE C/AISC"), ("IEEE", "IEEE SSIT/SC"),
        ]
        let stages: [Stage] = [.published, .published, .published, .enquiry, .committee, .approval, .preparatory, .proposal, .withdrawn, .published]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { index in
            let place = layout[next(layout.count)]
            var characteristics: Set<Characteristic> = [Characteristic.allCases[next(7)]]
            if next(3) == 0 { characteristics.insert(Characteristic.allCases[next(Characteristic.allCases.count)]) }
            let stage = stages[next(stages.count)]
            let prefix = place.sdo == "IEEE" ? "IEEE Std" : place.sdo
            return standard(
                "\(prefix) \(20000 + index):202\(index % 5)", sdo: place.sdo, stage: stage, committee: place.committee,
                title: "Artificial intelligence — part \(index) of the landscape",
                characteristics: characteristics.sorted(), aiRelevant: next(5) != 0,
                score: 0.5 + Double(next(500)) / 1000
            )
        }
    }

    /// A complete report input over `landscape()`, with participation computed the simple way.
    static func input(standards: [ScoredStandard] = landscape(), changes: [Change] = [], previousRun: RecordedRun? = nil) -> ReportInput {
        let committeeByName = Dictionary(uniqueKeysWithValues: committees.map { ($0.committee, $0) })
        var participation: [CharacteristicParticipation] = []
        for characteristic in Characteristic.allCases {
            let relevant = standards.filter { $0.isAIRelevant && $0.score.characteristics.contains(characteristic) }
            for region in regions {
                var withP = 0, secretariats = 0, share = 0.0
                for scored in relevant {
                    guard let committee = committeeByName[scored.standard.committee] else { continue }
                    let regionP = region.name == "EU" ? committee.euPMembers : (committee.usStatus == .participating ? 1 : 0)
                    if regionP > 0 { withP += 1 }
                    if committee.pMembers > 0 { share += Double(regionP) / Double(committee.pMembers) }
                    if region.countries.contains(committee.secretariatCountry) { secretariats += 1 }
                }
                participation.append(CharacteristicParticipation(
                    characteristic: characteristic, region: region.name, standards: relevant.count,
                    withPMember: withP, pMemberShare: relevant.isEmpty ? 0 : share / Double(relevant.count), secretariats: secretariats
                ))
            }
        }
        let inputs = (1...4).map { InputFileRecord(source: "iso", path: "Inputs/iso/catalog-00\($0).xml.gz", records: 1200 + $0) }
            + [InputFileRecord(source: "ieee", path: "Inputs/ieee/ieee-idams.xml", records: 640)]
        return ReportInput(
            run: RunFacts(
                id: "2026-11-26T02-00-00Z", startedAt: started, finishedAt: started.addingTimeInterval(42.5), toolVersion: "0.1.0",
                inputs: inputs,
                stageCounts: [StageCount(stage: "records read", count: 5450), StageCount(stage: "standards", count: standards.count), StageCount(stage: "AI-relevant", count: standards.filter(\.isAIRelevant).count)]
            ),
            standards: standards,
            characteristics: characteristicInfos,
            committees: committees,
            participation: participation,
            regions: regions,
            quarantine: [
                QuarantineEntry(location: SourceLocation(source: "iso", file: "Inputs/iso/catalog-003.xml.gz", line: 1812), reference: "ISO 1234:2020", reason: "malformed XML: Premature end of data in tag standard", scope: .record),
                QuarantineEntry(location: SourceLocation(source: "iso", file: "Inputs/iso/broken.xml", line: 0), reason: "unreadable file: not gzip", scope: .file),
                QuarantineEntry(location: SourceLocation(source: "ieee", file: "Inputs/ieee/ieee-idams.xml", line: 77), reason: "missing reference: no stdnumber", scope: .record),
            ],
            merges: [
                Merge(id: "ISO/IEC 42001:2023", origins: [SourceLocation(source: "iso", file: "Inputs/iso/catalog-001.xml.gz", line: 10), SourceLocation(source: "iso", file: "Inputs/iso/catalog-002.xml.gz", line: 99)],
                      stageFrom: SourceLocation(source: "iso", file: "Inputs/iso/catalog-001.xml.gz", line: 10), conflictingStageCodes: []),
            ],
            changes: changes,
            previousRun: previousRun
        )
    }
}

