import Foundation
import LandscapeModel

/// What the nightly watch keeps of one draft: enough to tell when it entered its stage.
public struct DraftSnapshot: Sendable, Hashable {
    public var id: String
    public var undatedId: String
    public var title: String
    public var sdo: String
    /// Primary committee as the standard names it; empty when unknown.
    public var committee: String
    public var stage: Stage
    /// The source's own stage code (`40.20`, `DIS`, `Under Enquiry`).
    public var stageCode: String
    public var isAIRelevant: Bool
    public var characteristics: [Characteristic]

    public init(id: String, undatedId: String, title: String = "", sdo: String = "", committee: String = "", stage: Stage,
                stageCode: String = "", isAIRelevant: Bool = false, characteristics: [Characteristic] = []) {
        self.id = id
        self.undatedId = undatedId
        self.title = title
        self.sdo = sdo
        self.committee = committee
        self.stage = stage
        self.stageCode = stageCode
        self.isAIRelevant = isAIRelevant
        self.characteristics = characteristics
    }
}

/// The number of AI-relevant standards of one characteristic at one stage in one run.
public struct TrendCount: Sendable, Hashable {
    public var characteristic: Characteristic
    public var stage: Stage
    public var standards: Int

    public init(characteristic: Characteristic, stage: Stage, standards: Int) {
        self.characteristic = characteristic
        self.stage = stage
        self.standards = standards
    }
}

/// What one run hands the watch: this run's committees, drafts and stage counts, as plain values.
public struct WatchInput: Sendable {
    /// When the run started: the date of everything this run sees first.
    public var at: Date
    public var committees: [CommitteeSnapshot]
    /// Every standard before publication (stages proposal to approval).
    public var drafts: [DraftSnapshot]
    /// This run's AI-relevant standards per characteristic and stage (zero counts left out).
    public var trend: [TrendCount]
    /// Committees (as standards name them) that own at least one AI-relevant standard.
    public var aiCommittees: Set<String>

    public init(at: Date, committees: [CommitteeSnapshot], drafts: [DraftSnapshot], trend: [TrendCount], aiCommittees: Set<String>) {
        self.at = at
        self.committees = committees
        self.drafts = drafts
        self.trend = trend
        self.aiCommittees = aiCommittees
    }

    /// One pass over the run's standards, and one snapshot per committee of the committee data.
    public static func build(standards: [ScoredStandard], committees: [Committee], at: Date) -> WatchInput {
        var drafts: [DraftSnapshot] = []
        var counts: [Int] = Array(repeating: 0, count: Characteristic.allCases.count * Stage.allCases.count)
        var aiCommittees: Set<String> = []
        for scored in standards {
            let standard = scored.standard
            if scored.isAIRelevant {
                if !standard.committee.isEmpty { aiCommittees.insert(standard.committee) }
                for characteristic in scored.score.characteristics {
                    counts[characteristic.ordinal * Stage.allCases.count + standard.stage.ordinal] += 1
                }
            }
            if standard.stage.isDraft {
                drafts.append(DraftSnapshot(
                    id: standard.id, undatedId: standard.undatedId, title: standard.title, sdo: standard.sdo,
                    committee: standard.committee, stage: standard.stage, stageCode: standard.stageCode,
                    isAIRelevant: scored.isAIRelevant, characteristics: scored.score.characteristics
                ))
            }
        }
        var trend: [TrendCount] = []
        for characteristic in Characteristic.allCases {
            for stage in Stage.allCases {
                let count = counts[characteristic.ordinal * Stage.allCases.count + stage.ordinal]
                if count > 0 { trend.append(TrendCount(characteristic: characteristic, stage: stage, standards: count)) }
            }
        }
        return WatchInput(at: at, committees: CommitteeSnapshot.snapshots(of: committees), drafts: drafts, trend: trend, aiCommittees: aiCommittees)
    }
}

/// When the history first saw a draft, and since when it has been at its current stage code.
struct DraftStage: Sendable, Hashable {
    var id: String
    var firstSeen: Date
    var firstStage: Stage
    /// Whether `firstSeen` is the run that saw it appear; false when it was already there
    /// when the watch began (the first run, or the first after an upgrade): then it is only
    /// known to exist since at least `firstSeen`.
    var firstExact: Bool
    var stage: Stage
    var stageCode: String
    var since: Date
    /// Whether `since` is the run that saw it reach this stage code (false: on or before).
    var sinceExact: Bool
}

/// A draft open for comment: a row of `open_for_comment.csv`.
public struct OpenDraft: Sendable, Hashable {
    public enum EntryBasis: String, Sendable, Hashable, CaseIterable {
        /// The first run that saw it at this stage; it entered it after the run before.
        case firstRun = "first-run"
        /// It was already at this stage when the history began to watch: on or before this date.
        case atStageWhenWatchBegan = "on-or-before"
    }

    public var draft: DraftSnapshot
    /// Whether the ballot is still running by its stage code (ISO 40.20–40.59; every other
    /// enquiry code), or the vote has closed and the comments are being resolved (40.60–40.99).
    public var votingOpen: Bool
    public var entered: Date
    public var enteredBasis: EntryBasis
    /// Expected close: `entered` plus the organisation's usual enquiry length; nil when no rule applies.
    public var closes: Date?
    public var rule: CommentPeriodRule?
}

/// A draft the history saw appear: new work.
public struct NewWork: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// First seen at a proposal or preparatory stage (harmonized 00–20).
        case proposal
        /// First seen at a later draft stage, in a committee that owns AI-relevant standards.
        case draftInAICommittee = "draft-in-ai-committee"
    }

    public var draft: DraftSnapshot
    public var kind: Kind
    public var firstSeen: Date
    public var firstStage: Stage
    /// Whether this run is the one that first saw it.
    public var isNewThisRun: Bool
}

/// One run's count in the trend over runs (`trend.csv`).
public struct TrendPoint: Sendable, Hashable {
    public var runId: String
    public var startedAt: Date
    public var characteristic: Characteristic
    public var stage: Stage
    public var standards: Int
}

/// What the nightly watch found: seat changes, drafts open for comment, new work and the trend.
public struct WatchReport: Sendable {
    /// Seat changes since the previous run, with each body's country and regions.
    public var participationChanges: [ParticipationChange]
    /// Whether the previous run recorded its committees (false on the first run and on the
    /// first run after an upgrade of a history written by an earlier version).
    public var hasCommitteeBaseline: Bool
    /// Whether the previous run recorded its drafts, so that first sightings are dates.
    public var hasDraftBaseline: Bool
    public var openForComment: [OpenDraft]
    public var newWork: [NewWork]
    /// Kept runs with trend data, oldest first, this run last.
    public var trend: [TrendPoint]
    /// The run's date.
    public var at: Date
    /// Kept runs recorded before trend data was kept (left out of the trend).
    public var runsWithoutTrend: Int

    public init(participationChanges: [ParticipationChange] = [], hasCommitteeBaseline: Bool = false, hasDraftBaseline: Bool = false,
                openForComment: [OpenDraft] = [], newWork: [NewWork] = [], trend: [TrendPoint] = [], at: Date = Date(timeIntervalSince1970: 0),
                runsWithoutTrend: Int = 0) {
        self.participationChanges = participationChanges
        self.hasCommitteeBaseline = hasCommitteeBaseline
        self.hasDraftBaseline = hasDraftBaseline
        self.openForComment = openForComment
        self.newWork = newWork
        self.trend = trend
        self.at = at
        self.runsWithoutTrend = runsWithoutTrend
    }

    /// The run id of this run's trend points (its id is not known to the history).
    public static let thisRun = "this run"

    /// The runs of the trend, oldest first.
    public var trendRuns: [(id: String, startedAt: Date)] {
        var seen: Set<String> = []
        var runs: [(id: String, startedAt: Date)] = []
        for point in trend where seen.insert(point.runId).inserted { runs.append((point.runId, point.startedAt)) }
        return runs
    }
}

/// What a run writes into the history for the watch, inside its pending record.
public struct WatchRecord: Sendable {
    var committees: [CommitteeSnapshot]
    var draftUpserts: [DraftStage]
    var draftDeletes: [String]
    /// Whether the draft table is started afresh (the previous run kept none).
    var replacesDrafts: Bool
    var trend: [TrendCount]
}

/// The watch's reasoning, on plain values (the store reads and writes them: ``History/watch(_:comparison:keepRuns:regions:country:)``).
enum WatchLogic {
    /// This run's draft table, from the previous one and the run's comparison.
    /// - Parameter watching: whether the previous run kept the table (so that an id it lacks is new).
    static func draftStages(previous: [String: DraftStage], drafts: [DraftSnapshot], changes: [Change], watching: Bool, at now: Date)
        -> (current: [String: DraftStage], upserts: [DraftStage], deletes: [String]) {
        var added: Set<String> = []
        var renamedFrom: [String: String] = [:]
        for change in changes {
            if change.kind == .added { added.insert(change.id) }
            if !change.previousID.isEmpty { renamedFrom[change.id] = change.previousID }
        }
        var current: [String: DraftStage] = [:]
        current.reserveCapacity(drafts.count)
        var upserts: [DraftStage] = []
        for draft in drafts {
            var row: DraftStage
            if let known = previous[draft.id] {
                row = known
                if known.stage != draft.stage || known.stageCode != draft.stageCode {
                    row.stage = draft.stage
                    row.stageCode = draft.stageCode
                    row.since = now
                    row.sinceExact = watching
                    upserts.append(row)
                }
            } else if watching, let old = renamedFrom[draft.id].flatMap({ previous[$0] }) {
                row = DraftStage(id: draft.id, firstSeen: old.firstSeen, firstStage: old.firstStage, firstExact: old.firstExact,
                                 stage: draft.stage, stageCode: draft.stageCode, since: now, sinceExact: true)
                upserts.append(row)
            } else {
                let isNew = watching && added.contains(draft.id)
                // In the previous run but not as a draft: the stage is new, the standard is not.
                row = DraftStage(id: draft.id, firstSeen: now, firstStage: draft.stage, firstExact: isNew,
                                 stage: draft.stage, stageCode: draft.stageCode, since: now, sinceExact: watching)
                upserts.append(row)
            }
            current[draft.id] = row
        }
        let deletes = previous.keys.filter { current[$0] == nil }.sorted()
        return (current, upserts, deletes)
    }

    /// Whether a draft at this stage is at an enquiry or public-comment stage, and whether
    /// its vote is still running by its code.
    static func commentStage(_ draft: DraftSnapshot) -> (isOpen: Bool, votingOpen: Bool) {
        guard draft.stage == .enquiry else { return (false, false) }
        let code = draft.stageCode.trimmingCharacters(in: .whitespaces)
        if let value = Double(code) {
            // 40.00 registered, not yet circulated; 40.98 deleted.
            guard value >= 40.195, value < 41, abs(value - 40.98) > 0.001 else { return (false, false) }
            return (true, value < 40.595)
        }
        // IEC project codes before circulation or after a rejected vote.
        let word = code.uppercased().split(separator: ".").first.map(String.init) ?? ""
        if ["ACDV", "TCDV", "CDVM", "ADIS", "PRVDTS", "PRVDTR"].contains(word) { return (false, false) }
        return (true, true)
    }

    static func openForComment(drafts: [DraftSnapshot], stages: [String: DraftStage]) -> [OpenDraft] {
        var open: [OpenDraft] = []
        for draft in drafts {
            let (isOpen, voting) = commentStage(draft)
            guard isOpen, let row = stages[draft.id] else { continue }
            let rule = CommentPeriodRule.rule(for: draft)
            open.append(OpenDraft(
                draft: draft, votingOpen: voting, entered: row.since,
                enteredBasis: row.sinceExact ? .firstRun : .atStageWhenWatchBegan,
                closes: rule.map { row.since.addingTimeInterval(Double($0.weeks) * 7 * 86_400) }, rule: rule
            ))
        }
        let far = Date.distantFuture
        return open.sorted {
            if $0.draft.isAIRelevant != $1.draft.isAIRelevant { return $0.draft.isAIRelevant }
            if ($0.closes ?? far) != ($1.closes ?? far) { return ($0.closes ?? far) < ($1.closes ?? far) }
            return $0.draft.id.precedesInByteOrder($1.draft.id)
        }
    }

    /// Drafts first seen within the last 90 days (exact first sightings only).
    static func newWork(drafts: [DraftSnapshot], stages: [String: DraftStage], aiCommittees: Set<String>, at now: Date) -> [NewWork] {
        let horizon = now.addingTimeInterval(-90 * 86_400)
        var work: [NewWork] = []
        for draft in drafts {
            guard let row = stages[draft.id], row.firstExact, row.firstSeen >= horizon else { continue }
            let kind: NewWork.Kind
            if row.firstStage <= .preparatory {
                kind = .proposal
            } else if aiCommittees.contains(draft.committee) {
                kind = .draftInAICommittee
            } else {
                continue
            }
            work.append(NewWork(draft: draft, kind: kind, firstSeen: row.firstSeen, firstStage: row.firstStage,
                                isNewThisRun: row.firstSeen == now))
        }
        return work.sorted {
            if $0.firstSeen != $1.firstSeen { return $0.firstSeen > $1.firstSeen }
            return $0.draft.id.precedesInByteOrder($1.draft.id)
        }
    }
}
