import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Report

/// A history written by landscape 0.1.0 (schema v1, no committee snapshots), upgraded in place.
@Suite("History migration")
struct HistoryMigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture's standards as landscape 0.1.0 recorded them (`history-v1.txt`).
    static func recorded() throws -> [StandardSnapshot] {
        try String(contentsOf: fixtures.appendingPathComponent("history-v1.txt"), encoding: .utf8)
            .split(separator: "\n").map { line in
                let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                return StandardSnapshot(id: fields[0], undatedId: fields[1], stage: Stage(rawValue: fields[2])!, status: Status(rawValue: fields[3])!,
                                        characteristics: fields[4].split(separator: ";").compactMap { Characteristic(rawValue: String($0)) })
            }
    }

    @Test func aVersion1HistoryIsUpgradedAndComparedAgainst() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let location = directory.appendingPathComponent("history.sqlite")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("history-v1.sqlite"), to: location)

        let history = try History(at: location)
        let runs = try history.runs()
        #expect(runs.count == 1)
        let old = try #require(runs.first)
        #expect(old.toolVersion == "0.1.0")
        #expect(old.standards == 33)
        let stored = try history.standards(of: old)
        let recorded = try Self.recorded()
        #expect(stored.map(\.id) == recorded.map(\.id))
        #expect(try history.committees(of: old) == nil)

        // The next run: one draft moves on, one standard is new, one is gone.
        var current = recorded.filter { $0.id != "ISO 1003:2008" }
        let index = try #require(current.firstIndex { $0.id == "ISO/IEC 22989:2022/CD Amd 1" })
        current[index].stage = .enquiry
        current.append(StandardSnapshot(id: "ISO/IEC PWI 99001", undatedId: "ISO/IEC PWI 99001", stage: .proposal, status: .draft))
        let comparison = try history.compare(current)
        #expect(comparison.previous?.id == old.id)
        #expect(comparison.changes == [
            Change(id: "ISO 1003:2008", kind: .removed, from: "withdrawn"),
            Change(id: "ISO/IEC 22989:2022/CD Amd 1", kind: .stage, from: "committee", to: "enquiry"),
            Change(id: "ISO/IEC PWI 99001", kind: .added, to: "proposal"),
        ])

        // Its watch says that the old run kept no committees or drafts, and records both.
        let committees = [CommitteeSnapshot(reference: "ISO/IEC JTC 1/SC 42", secretariat: "ANSI", pMembers: ["ANSI", "DIN"])]
        let input = WatchInput(at: Date(timeIntervalSince1970: 1_900_000_000), committees: committees, drafts: [], trend: [], aiCommittees: [])
        let (report, record) = try history.watch(input, comparison: comparison, keepRuns: 10, regions: [], country: { _ in nil })
        #expect(!report.hasCommitteeBaseline)
        #expect(report.participationChanges.isEmpty)
        #expect(report.runsWithoutTrend == 1)
        let next = RunIdentity(id: "after-upgrade", startedAt: input.at, finishedAt: input.at, toolVersion: "0.2.0")
        try history.record(next, standards: current, keepRuns: 10, watch: record)

        // Reopened (as the night after does), the store keeps both runs, the old one unchanged.
        let reopened = try History(at: location)
        #expect(try reopened.runs().map(\.id) == ["after-upgrade", old.id])
        #expect(try reopened.standards(of: old).map(\.id) == recorded.map(\.id))
        #expect(try reopened.committees(of: try #require(try reopened.lastRun())) == committees)
    }
}
