import Foundation
import LandscapeModel
@testable import Participation

/// Locations of the repository's inputs and of the shared reference data beside it.
enum Paths {
    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let committees = repository.appendingPathComponent("Inputs/committees")
    /// `<repo>/../shared/reference`.
    static let sharedReference = repository.deletingLastPathComponent().appendingPathComponent("shared/reference")
}

enum SharedData {
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: Paths.sharedReference.appendingPathComponent("iso_technical_committees.jsonl").path)
    }
}

/// A scored standard with just what participation reads.
func scored(
    _ id: String, committee: String, sdo: String = "TST", ai: Bool, _ characteristics: [Characteristic],
    adoptedFrom: String? = nil
) -> ScoredStandard {
    let undated = id.split(separator: ":").first.map(String.init) ?? id
    let standard = Standard(
        id: id, undatedId: undated, sdo: sdo, sources: ["test"], deliverableType: .standard,
        stage: .published, stageCode: "60.60", status: .active,
        committees: committee.isEmpty ? [] : [committee], title: id, adoptedFrom: adoptedFrom,
        origins: [SourceLocation(source: "test", file: "catalog.xml", line: 1)])
    return ScoredStandard(standard: standard, score: ScoreCard(characteristics: characteristics), isAIRelevant: ai)
}

/// The contract's `participation_summary.csv` text for summary rows.
func summaryCSV(_ rows: [CharacteristicParticipation]) -> String {
    "characteristic,region,standards,with_p_member,p_member_share,secretariats\n" + rows.map {
        "\($0.characteristic.id),\($0.region),\($0.standards),\($0.withPMember),\(String(format: "%.3f", $0.pMemberShare)),\($0.secretariats)\n"
    }.joined()
}
