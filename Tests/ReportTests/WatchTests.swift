import Foundation
import TestSupport
import LandscapeModel
import Testing
@testable import Report

@Suite("Nightly watch: seats, open for comment, new work, trend")
struct WatchTests {
    static let day = 86_400.0

    static func run(_ number: Int) -> RunIdentity {
        let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(number) * day)
        return RunIdentity(id: "run-\(number)", startedAt: start, finishedAt: start.addingTimeInterval(30), toolVersion: "0.2.0")
    }

    static let sc42 = CommitteeSnapshot(reference: "ISO/IEC JTC 1/SC 42", secretariat: "ANSI", pMembers: ["ANSI", "DIN", "AFNOR", "BSI"], oMembers: ["EVS"])
    static let sc27 = CommitteeSnapshot(reference: "ISO/IEC JTC 1/SC 27", secretariat: "DIN", pMembers: ["DIN", "ANSI"])
    static let tc199 = CommitteeSnapshot(reference: "ISO/TC 199", secretariat: "DIN", pMembers: ["DIN"])

    static let countries = ["ANSI": "US", "DIN": "DE", "AFNOR": "FR", "BSI": "GB", "EVS": "EE", "SIS": "SE", "IST": "IS"]
    static let regions = [ReportRegion(name: "EU", countries: ["DE", "FR", "EE", "SE"]), ReportRegion(name: "US", countries: ["US"]),
                          ReportRegion(name: "UK", countries: ["GB"])]

    static func draft(_ id: String, _ stage: Stage, _ code: String, sdo: String = "ISO/IEC", committee: String = "ISO/IEC JTC 1/SC 42",
                      ai: Bool = true, characteristics: [Characteristic] = [.accountableTransparent]) -> DraftSnapshot {
        DraftSnapshot(id: id, undatedId: id, title: "Artificial intelligence — \(id)", sdo: sdo, committee: committee, stage: stage,
                      stageCode: code, isAIRelevant: ai, characteristics: characteristics)
    }

    static func snapshots(_ drafts: [DraftSnapshot], published: [String] = ["ISO/IEC 42001:2023"]) -> [StandardSnapshot] {
        drafts.map { StandardSnapshot(id: $0.id, undatedId: $0.undatedId, stage: $0.stage, status: .draft, characteristics: $0.characteristics) }
            + published.map { StandardSnapshot(id: $0, undatedId: $0, stage: .published, status: .active) }
    }

    /// One night: compare, watch, record (with the watch data); returns the watch report.
    @discardableResult
    static func night(_ history: History, _ number: Int, committees: [CommitteeSnapshot], drafts: [DraftSnapshot],
                      trend: [TrendCount] = [], keepRuns: Int = 10) throws -> (report: WatchReport, comparison: HistoryComparison) {
        let identity = run(number)
        let standards = snapshots(drafts)
        let comparison = try history.compare(standards)
        let input = WatchInput(at: identity.startedAt, committees: committees, drafts: drafts, trend: trend, aiCommittees: ["ISO/IEC JTC 1/SC 42"])
        let (report, record) = try history.watch(input, comparison: comparison, keepRuns: keepRuns, regions: regions, country: { countries[$0] })
        try history.record(identity, standards: standards, keepRuns: keepRuns, watch: record)
        return (report, comparison)
    }

    // MARK: Seats

    @Test func seatChangesAreClassifiedAndLocated() {
        let after = CommitteeSnapshot(reference: Self.sc42.reference, secretariat: "BSI", pMembers: ["ANSI", "AFNOR", "EVS", "IST"], oMembers: ["DIN"])
        let changes = ParticipationChange.locate(ParticipationChange.between(previous: [Self.sc42, Self.sc27], current: [after, Self.tc199]),
                                                 country: { Self.countries[$0] }, regions: Self.regions)
        #expect(changes.map { [$0.committee, $0.kind.rawValue, $0.body, $0.from, $0.to, $0.country, $0.regions.joined(separator: ";")] } == [
            ["ISO/IEC JTC 1/SC 42", "member-added", "IST", "", "P", "IS", ""],
            ["ISO/IEC JTC 1/SC 42", "member-removed", "BSI", "P", "", "GB", "UK"],
            ["ISO/IEC JTC 1/SC 42", "member-p-to-o", "DIN", "P", "O", "DE", "EU"],
            ["ISO/IEC JTC 1/SC 42", "member-o-to-p", "EVS", "O", "P", "EE", "EU"],
            ["ISO/IEC JTC 1/SC 42", "secretariat", "BSI", "ANSI", "BSI", "GB", "UK"],
        ])
        // The secretariat row knows where it came from, for the report.
        #expect(changes.last?.fromCountry == "US")
        #expect(changes.last?.fromRegions == ["US"])
        // Listing order does not matter; a committee new or gone as a whole is not a seat change.
        let reordered = CommitteeSnapshot(reference: Self.sc42.reference, secretariat: "ANSI", pMembers: ["BSI", "AFNOR", "DIN", "ANSI"], oMembers: ["EVS"])
        #expect(ParticipationChange.between(previous: [Self.sc42], current: [reordered]).isEmpty)
        #expect(ParticipationChange.between(previous: [Self.sc27], current: [Self.tc199]).isEmpty)
    }

    @Test func unchangedCommitteesCostOneRowARunAndRetentionCollectsTheRest() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        let committees = [Self.sc42, Self.sc27, Self.tc199]
        for number in 1...3 { try Self.night(history, number, committees: committees, drafts: [], keepRuns: 2) }
        var storage = try history.committeeStorage()
        #expect(storage.states == 3)
        #expect(storage.sets == 1)
        #expect(storage.runs == 2)

        // One committee changes: one new state, one new set; the other two states are shared.
        let moved = CommitteeSnapshot(reference: Self.sc27.reference, secretariat: "SIS", pMembers: Self.sc27.pMembers)
        let (report, _) = try Self.night(history, 4, committees: [Self.sc42, moved, Self.tc199], drafts: [], keepRuns: 2)
        #expect(report.hasCommitteeBaseline)
        #expect(report.participationChanges.map { "\($0.committee) \($0.kind.rawValue) \($0.from)→\($0.to) \($0.regions)" } == ["ISO/IEC JTC 1/SC 27 secretariat DIN→SIS [\"EU\"]"])
        storage = try history.committeeStorage()
        #expect(storage.states == 4)
        #expect(storage.sets == 2)

        // Two more unchanged runs with keep_runs 2: the first set and the old SC 27 state are gone.
        for number in 5...6 { try Self.night(history, number, committees: [Self.sc42, moved, Self.tc199], drafts: [], keepRuns: 2) }
        storage = try history.committeeStorage()
        #expect(storage.states == 3)
        #expect(storage.sets == 1)
        #expect(storage.runs == 2)
        let last = try #require(try history.lastRun())
        #expect(try history.committees(of: last) == [moved, Self.sc42, Self.tc199].sorted { $0.reference < $1.reference })
    }

    // MARK: Open for comment, new work

    @Test func aDraftEnteringEnquiryIsOpenFromTheFirstRunThatSawIt() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        let cd = Self.draft("ISO/IEC 22989:2022/CD Amd 1", .committee, "30.60")
        let cen = Self.draft("prEN 18286", .enquiry, "Under Enquiry", sdo: "CEN/CLC", committee: "CEN/CLC/JTC 21")
        let first = try Self.night(history, 1, committees: [Self.sc42], drafts: [cd, cen]).report
        // The first run cannot tell when the CEN draft reached enquiry: on or before its date.
        #expect(first.openForComment.map(\.draft.id) == ["prEN 18286"])
        #expect(first.openForComment.first?.enteredBasis == .atStageWhenWatchBegan)
        #expect(first.newWork.isEmpty)
        #expect(!first.hasDraftBaseline)

        let dis = Self.draft(cd.id, .enquiry, "40.20")
        let proposal = Self.draft("ISO/IEC PWI 99001", .proposal, "00.00", characteristics: [])
        let registered = Self.draft("ISO 5:2030", .enquiry, "40.00", sdo: "ISO", committee: "ISO/TC 1", ai: false, characteristics: [])
        let second = try Self.night(history, 2, committees: [Self.sc42], drafts: [dis, cen, proposal, registered]).report
        let open = try #require(second.openForComment.first { $0.draft.id == dis.id })
        #expect(open.enteredBasis == .firstRun)
        #expect(open.entered == Self.run(2).startedAt)
        #expect(open.closes == Self.run(2).startedAt.addingTimeInterval(84 * Self.day))
        #expect(open.rule == .iso)
        #expect(open.votingOpen)
        // 40.00 (registered, not yet circulated) is not open; the CEN draft keeps its first date.
        #expect(!second.openForComment.contains { $0.draft.id == registered.id })
        let kept = try #require(second.openForComment.first { $0.draft.id == cen.id })
        #expect(kept.entered == Self.run(1).startedAt)
        #expect(kept.rule == .cenCenelec)
        // Sorted by expected close, AI-relevant first.
        #expect(second.openForComment.map(\.draft.id) == ["prEN 18286", dis.id])
        #expect(WatchTables.openForComment(second.openForComment).contains("\(dis.id),Artificial intelligence — \(dis.id),ISO/IEC,ISO/IEC JTC 1/SC 42,40.20,open,\(WatchTables.day(Self.run(2).startedAt)),first-run,\(WatchTables.day(Self.run(2).startedAt.addingTimeInterval(84 * Self.day))),estimate,iso-dis-ballot,true,accountable_transparent"))

        // New work: the proposal, seen for the first time this run.
        #expect(second.newWork.map { "\($0.draft.id) \($0.kind.rawValue) \($0.isNewThisRun)" } == ["ISO/IEC PWI 99001 proposal true"])

        // Ten days later it is still new work (last 30 days), no longer new this run.
        let third = try Self.night(history, 12, committees: [Self.sc42], drafts: [dis, cen, proposal]).report
        #expect(third.newWork.map { "\($0.draft.id) \($0.isNewThisRun) \($0.firstSeen == Self.run(2).startedAt)" } == ["ISO/IEC PWI 99001 false true"])
        #expect(third.openForComment.first { $0.draft.id == dis.id }?.entered == Self.run(2).startedAt)
    }

    @Test func enquiryCodesOutsideTheBallotAreNotOpen() {
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "40.20")) == (true, true))
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "40.60")) == (true, false))
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "40.99")) == (true, false))
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "40.00")) == (false, false))
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "ACDV")) == (false, false))
        #expect(WatchLogic.commentStage(Self.draft("a", .enquiry, "CCDV")) == (true, true))
        #expect(WatchLogic.commentStage(Self.draft("a", .committee, "30.60")) == (false, false))
        #expect(CommentPeriodRule.rule(for: Self.draft("IEEE P7001", .enquiry, "", sdo: "IEEE")) == nil)
        #expect(CommentPeriodRule.rule(for: Self.draft("IEC 1", .enquiry, "CCDV", sdo: "IEC")) == .iec)
    }

    // MARK: Trend

    @Test func trendCoversTheKeptRunsWithThisRunLast() throws {
        let folder = try TemporaryFolder()
        let directory = folder.url
        let history = try History(at: directory.appendingPathComponent("history.sqlite"))
        let first = try Self.night(history, 1, committees: [], drafts: [], trend: [TrendCount(characteristic: .safe, stage: .published, standards: 3)], keepRuns: 2).report
        #expect(first.trendRuns.count == 1)
        try Self.night(history, 2, committees: [], drafts: [], trend: [TrendCount(characteristic: .safe, stage: .published, standards: 4)], keepRuns: 2)
        let third = try Self.night(history, 3, committees: [], drafts: [], trend: [TrendCount(characteristic: .safe, stage: .published, standards: 5)], keepRuns: 2).report
        // keep_runs 2: run 2 and this run.
        #expect(third.trend.map { "\($0.runId) \($0.standards)" } == ["run-2 4", "\(WatchReport.thisRun) 5"])
        let csv = WatchTables.trend(third.trend, runId: "run-3")
        #expect(try CSV.parse(csv).map { $0[0] } == ["run", "run-2", "run-3"])
    }
}
