import Foundation
import LandscapeModel
import Participation
import Report

/// The nightly watch's part of a run: what the history is handed from the other stages, as plain values.
struct Watching: Sendable {
    let standards: [ScoredStandard]
    let committees: [Committee]
    let members: MemberDirectory?
    let regions: [ReportRegion]
    let keepRuns: Int
    let at: Date

    init(_ scored: ScoredCatalog, regions: RegionSettings, keepRuns: Int, at: Date) {
        standards = scored.scored
        committees = scored.committees.data.directory.committees
        members = scored.committees.data.members
        self.regions = regions.regions.map { ReportRegion(name: $0.name, countries: $0.countries) }
        self.keepRuns = keepRuns
        self.at = at
    }

    /// Seat changes, open drafts, new work and trend against the history, and what to record.
    func watch(_ history: History, comparison: HistoryComparison) -> Result<(report: WatchReport, record: WatchRecord), HistoryError> {
        let input = WatchInput.build(standards: standards, committees: committees, at: at)
        let members = members
        return Result { () throws(HistoryError) in
            try history.watch(input, comparison: comparison, keepRuns: keepRuns, regions: regions, country: { members?.country(of: $0) })
        }
    }
}
