import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Report

/// Timings of the report stage on a synthetic landscape of `LANDSCAPE_REPORT_BENCHMARK`
/// standards (e.g. 115578, the size of the shared corpus). A measurement, not a pass/fail test:
/// `LANDSCAPE_REPORT_BENCHMARK=115578 swift test --filter ReportBenchmark`.
@Suite("Report benchmark")
struct ReportBenchmarkTests {
    static let size = ProcessInfo.processInfo.environment["LANDSCAPE_REPORT_BENCHMARK"].flatMap(Int.init)

    @Test(.enabled(if: size != nil, "set LANDSCAPE_REPORT_BENCHMARK=N to time the report stage on N standards"))
    func reportStageTimings() throws {
        let count = try #require(Self.size)
        var standards = ReportFixtures.landscape(count: count)
        // Most of a real catalog is not about AI.
        for index in standards.indices where index % 25 != 0 { standards[index].isAIRelevant = false }
        let changes = (0..<2_000).map { Change(id: standards[$0 * 7].id, kind: .stage, from: "enquiry", to: "published") }
        let previous = RecordedRun(sequence: 1, id: "previous", startedAt: ReportFixtures.started, finishedAt: ReportFixtures.started, toolVersion: "0.1.0", standards: count)
        let input = ReportFixtures.input(standards: standards, changes: changes, previousRun: previous)
        let clock = ContinuousClock()

        var html = ""
        let render = clock.measure { html = ReportRenderer.render(input) }
        var csv = ""
        let encode = clock.measure { csv = CSVTables.standards(input.standards) }
        var problems: [DataPackageValidator.Problem] = []
        let validate = clock.measure { problems = DataPackageValidator.validate(csv: csv, file: "standards.csv", table: TableSchemas.standards) }

        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        let snapshots = standards.map(StandardSnapshot.init)
        let run = RunIdentity(id: "bench", startedAt: ReportFixtures.started, finishedAt: ReportFixtures.started, toolVersion: "0.1.0")
        let record = try clock.measure { try history.record(run, standards: snapshots, keepRuns: 3) }
        var comparison: HistoryComparison?
        let compare = try clock.measure { comparison = try history.compare(snapshots) }
        let databaseBytes = try FileManager.default.attributesOfItem(atPath: history.location.path)[.size] as? Int ?? 0

        print("""
        report benchmark: \(count) standards (\(standards.filter { $0.isAIRelevant }.count) AI-relevant)
          render report.html      \(render)  \(html.utf8.count) bytes
          encode standards.csv    \(encode)  \(csv.utf8.count) bytes
          validate standards.csv  \(validate)  \(problems.count) problems
          history record          \(record)  \(databaseBytes) bytes
          history compare         \(compare)  \(comparison?.changes.count ?? -1) changes
        """)
        #expect(problems.isEmpty)
        #expect(comparison?.changes.isEmpty == true)
    }
}
