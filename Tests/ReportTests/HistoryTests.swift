import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Report

@Suite("Run history")
struct HistoryTests {
    private func run(_ number: Int) -> RunIdentity {
        let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(number) * 86_400)
        return RunIdentity(id: "run-\(number)", startedAt: start, finishedAt: start.addingTimeInterval(30), toolVersion: "0.1.0")
    }

    private func snapshot(_ id: String, _ stage: Stage) -> StandardSnapshot {
        StandardSnapshot(
            id: id, undatedId: id, stage: stage, status: stage == .published ? .active : .draft,
            aiRelevance: 0.912, scores: [.safe: 0.5, .privacyEnhanced: 0.125], characteristics: [.safe]
        )
    }

    @Test func firstRunHasNothingToCompareWith() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("nested/history.sqlite"))
        let comparison = try history.compare([snapshot("A", .published)])
        #expect(comparison.previous == nil)
        #expect(comparison.changes.isEmpty)
    }

    @Test func secondRunSeesExactlyTheThreeChanges() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let location = directory.appendingPathComponent("history.sqlite")
        let first = [snapshot("ISO 1:2020", .published), snapshot("ISO 2:2021", .enquiry), snapshot("ISO 3:2019", .published)]
        try History(at: location).record(run(1), standards: first, keepRuns: 5)

        // Reopen, as the next night's run does.
        let history = try History(at: location)
        let second = [snapshot("ISO 1:2020", .published), snapshot("ISO 2:2021", .published), snapshot("ISO 4:2024", .committee)]
        let comparison = try history.compare(second)

        #expect(comparison.previous?.id == "run-1")
        #expect(comparison.changes == [
            Change(id: "ISO 2:2021", kind: .stage, from: "enquiry", to: "published"),
            Change(id: "ISO 3:2019", kind: .removed, from: "published"),
            Change(id: "ISO 4:2024", kind: .added, to: "committee"),
        ])
    }

    @Test func snapshotsRoundTripWithThreeDecimals() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        let standard = snapshot("IEEE Std 7001-2021", .published)
        try history.record(run(1), standards: [standard], keepRuns: 3)

        let recorded = try #require(try history.lastRun())
        #expect(recorded.id == "run-1")
        #expect(recorded.standards == 1)
        #expect(recorded.startedAt == run(1).startedAt)
        let stored = try history.standards(of: recorded)
        #expect(stored.count == 1)
        #expect(stored.first?.id == standard.id)
        #expect(stored.first?.aiRelevance == 0.912)
        #expect(stored.first?.scores[.privacyEnhanced] == 0.125)
        #expect(stored.first?.scores[.humanOversight] == 0)
        #expect(stored.first?.characteristics == [.safe])
    }

    @Test func retentionKeepsTheNewestRuns() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        for number in 1...5 {
            try history.record(run(number), standards: [snapshot("ISO \(number):2020", .published), snapshot("ISO 0:2000", .published)], keepRuns: 2)
        }
        let runs = try history.runs()
        #expect(runs.map(\.id) == ["run-5", "run-4"])
        // Snapshots of deleted runs go with them.
        #expect(try history.standards(of: runs[1]).map(\.id) == ["ISO 0:2000", "ISO 4:2020"])
    }

    @Test func aRunThatIsNotRecordedLeavesTheComparisonBaseAlone() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        try history.record(run(1), standards: [snapshot("ISO 1:2020", .enquiry)], keepRuns: 3)

        // A run that compares, then fails before publishing, records nothing …
        _ = try history.compare([snapshot("ISO 1:2020", .published)])
        // … so the next run is still compared with run 1.
        let comparison = try history.compare([snapshot("ISO 1:2020", .published)])
        #expect(comparison.previous?.id == "run-1")
        #expect(comparison.changes.map(\.kind) == [.stage])
        #expect(try history.runs().count == 1)
    }

    @Test func aFailedRecordLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        try history.record(run(1), standards: [snapshot("ISO 1:2020", .published)], keepRuns: 3)
        // The same run id again violates the store's uniqueness: the whole record is rolled back.
        #expect(throws: HistoryError.self) {
            try history.record(run(1), standards: [snapshot("ISO 9:2020", .published)], keepRuns: 3)
        }
        #expect(try history.runs().map(\.id) == ["run-1"])
        #expect(try history.standards(of: try #require(try history.lastRun())).map(\.id) == ["ISO 1:2020"])
    }

    @Test func aPendingRecordCountsOnlyOnceCommitted() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let location = directory.appendingPathComponent("history.sqlite")
        let history = try History(at: location)
        try history.record(run(1), standards: [snapshot("ISO 1:2020", .enquiry)], keepRuns: 5)
        let before = try Data(contentsOf: location)

        // Written but not committed: readers see the store as it was, and its file is untouched.
        var pending: PendingRecord? = try history.prepareRecord(run(2), standards: [snapshot("ISO 1:2020", .published)], keepRuns: 5)
        #expect(try History(at: location).runs().map(\.id) == ["run-1"])
        #expect(try Data(contentsOf: location) == before)
        pending?.rollback()
        pending = nil
        #expect(try history.runs().map(\.id) == ["run-1"])

        // Dropped without a commit (a run that failed before publishing): nothing recorded.
        do { _ = try history.prepareRecord(run(2), standards: [snapshot("ISO 1:2020", .published)], keepRuns: 5) }
        #expect(try history.runs().map(\.id) == ["run-1"])

        let finished = Date(timeIntervalSince1970: 1_900_000_000)
        try history.prepareRecord(run(3), standards: [snapshot("ISO 1:2020", .published)], keepRuns: 5).commit(finishedAt: finished)
        let runs = try history.runs()
        #expect(runs.map(\.id) == ["run-3", "run-1"])
        #expect(runs[0].finishedAt == finished)
        #expect(try history.compare([snapshot("ISO 1:2020", .published)]).changes.isEmpty)
    }

    @Test func recordingAfterTheOutputDirectoryWasSwappedWritesToThePublishedStore() throws {
        let folder = try TemporaryFolder()
        let root = folder.url
        let files = FileManager.default
        let outputs = root.appendingPathComponent("Outputs")
        let location = outputs.appendingPathComponent("history.sqlite")
        let history = try History(at: location)
        try history.record(run(1), standards: [snapshot("ISO 1:2020", .enquiry)], keepRuns: 5)
        _ = try history.compare([snapshot("ISO 1:2020", .published)])

        // Publish the way the pipeline does: a staging folder carrying the store replaces the outputs.
        let staging = root.appendingPathComponent(".Outputs.staging")
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        try files.copyItem(at: location, to: staging.appendingPathComponent("history.sqlite"))
        try files.moveItem(at: outputs, to: root.appendingPathComponent(".Outputs.old"))
        try files.moveItem(at: staging, to: outputs)
        try files.removeItem(at: root.appendingPathComponent(".Outputs.old"))

        try history.record(run(2), standards: [snapshot("ISO 1:2020", .published)], keepRuns: 5)
        #expect(try History(at: location).runs().map(\.id) == ["run-2", "run-1"])
    }

    @Test func settingsDecodeWithDefaultsAndRejectZeroRetention() throws {
        let decoder = JSONDecoder()
        let defaults = try decoder.decode(HistorySettings.self, from: Data("{}".utf8))
        #expect(defaults == HistorySettings(path: nil, keepRuns: 10))
        let configured = try decoder.decode(HistorySettings.self, from: Data(#"{"path": "state/history.sqlite", "keep_runs": 3}"#.utf8))
        #expect(configured.keepRuns == 3)
        #expect(throws: DecodingError.self) { try decoder.decode(HistorySettings.self, from: Data(#"{"keep_runs": 0}"#.utf8)) }

        let output = URL(fileURLWithPath: "/srv/landscape/Outputs")
        let config = URL(fileURLWithPath: "/srv/landscape")
        #expect(defaults.location(outputDirectory: output, configDirectory: config).path == "/srv/landscape/Outputs/history.sqlite")
        #expect(configured.location(outputDirectory: output, configDirectory: config).path == "/srv/landscape/state/history.sqlite")
    }
}
