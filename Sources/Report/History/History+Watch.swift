import Foundation
import GRDB
import LandscapeModel

// The watch's tables. Committee snapshots are content-addressed: a committee state (reference,
// secretariat, members) is stored once however many runs saw it, and a run's committees are a
// set of states, also stored once: a run whose committees did not change adds one row
// (`run_committees`). Retention deletes runs; sets and states no kept run uses go with them.
//
// `draft_stage` holds one row per draft of the last recorded run: when the history first saw it
// and since when it has had its stage code. `trend` holds each run's AI-relevant standards per
// characteristic and stage (at most 63 rows a run) and goes with its run.
extension History {
    /// Schema v2 (the watch), upgrading a v1 store in place: its runs and snapshots are kept
    /// as they are; they have no committee, draft or trend data, and the report says so.
    static func migrateToWatch(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE committee_state (
                id INTEGER PRIMARY KEY, digest INTEGER NOT NULL, reference TEXT NOT NULL,
                secretariat TEXT NOT NULL, p_members TEXT NOT NULL, o_members TEXT NOT NULL);
            CREATE INDEX committee_state_digest ON committee_state(digest);
            CREATE TABLE committee_set (id INTEGER PRIMARY KEY, digest INTEGER NOT NULL, size INTEGER NOT NULL);
            CREATE INDEX committee_set_digest ON committee_set(digest);
            CREATE TABLE committee_set_item (
                set_id INTEGER NOT NULL REFERENCES committee_set(id) ON DELETE CASCADE,
                state INTEGER NOT NULL REFERENCES committee_state(id),
                PRIMARY KEY (set_id, state)) WITHOUT ROWID;
            CREATE INDEX committee_set_item_state ON committee_set_item(state);
            CREATE TABLE run_committees (
                run INTEGER PRIMARY KEY REFERENCES run(sequence) ON DELETE CASCADE,
                set_id INTEGER NOT NULL REFERENCES committee_set(id));
            CREATE INDEX run_committees_set ON run_committees(set_id);
            CREATE TABLE draft_stage (
                id TEXT PRIMARY KEY NOT NULL, first_seen DATETIME NOT NULL, first_stage TEXT NOT NULL,
                first_exact INTEGER NOT NULL, stage TEXT NOT NULL, stage_code TEXT NOT NULL,
                since DATETIME NOT NULL, since_exact INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE trend (
                run INTEGER NOT NULL REFERENCES run(sequence) ON DELETE CASCADE,
                characteristic TEXT NOT NULL, stage TEXT NOT NULL, standards INTEGER NOT NULL,
                PRIMARY KEY (run, characteristic, stage)) WITHOUT ROWID;
            """)
    }

    // MARK: - Reading

    /// The watch for this run: seat changes since the previous run, drafts open for comment,
    /// new work and the trend over the kept runs, and what to record. Writes nothing.
    /// - Parameters:
    ///   - comparison: this run's ``compare(_:)``.
    ///   - keepRuns: `history.keep_runs` (the trend shows the runs that stay kept).
    ///   - regions: configured regions, for the region of each body.
    ///   - country: a national body's country, if known.
    public func watch(_ input: WatchInput, comparison: HistoryComparison, keepRuns: Int, regions: [ReportRegion],
                      country: @escaping @Sendable (String) -> String?) throws(HistoryError) -> (report: WatchReport, record: WatchRecord) {
        let previous = comparison.previous
        let stored = try reading("cannot read the watch data") { db -> (committees: [CommitteeSnapshot]?, drafts: [String: DraftStage], trend: [TrendPoint], runsWithoutTrend: Int) in
            var committees: [CommitteeSnapshot]?
            if let previous, let setID = try Int64.fetchOne(db, sql: "SELECT set_id FROM run_committees WHERE run = ?", arguments: [previous.sequence]) {
                committees = try Row.fetchAll(db, sql: """
                    SELECT s.reference, s.secretariat, s.p_members, s.o_members
                    FROM committee_set_item i JOIN committee_state s ON s.id = i.state WHERE i.set_id = ?
                    """, arguments: [setID]).map { row in
                    CommitteeSnapshot(reference: row[0], secretariat: row[1], pMembers: CommitteeSnapshot.split(row[2]), oMembers: CommitteeSnapshot.split(row[3]))
                }
            }
            var drafts: [String: DraftStage] = [:]
            if committees != nil {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, first_seen, first_stage, first_exact, stage, stage_code, since, since_exact FROM draft_stage")
                while let row = try rows.next() {
                    let id: String = row[0]
                    guard let firstStage = Stage(rawValue: row[2]), let stage = Stage(rawValue: row[4]) else { continue }
                    drafts[id] = DraftStage(id: id, firstSeen: row[1], firstStage: firstStage, firstExact: row[3], stage: stage,
                                            stageCode: row[5], since: row[6], sinceExact: row[7])
                }
            }
            // The runs that stay kept once this one is recorded.
            let kept = try Row.fetchAll(db, sql: "SELECT sequence, id, started_at FROM run ORDER BY sequence DESC LIMIT ?", arguments: [keepRuns - 1])
            var trend: [TrendPoint] = []
            var without = 0
            for run in kept.reversed() {
                let sequence: Int64 = run[0]
                let rows = try Row.fetchAll(db, sql: "SELECT characteristic, stage, standards FROM trend WHERE run = ?", arguments: [sequence])
                let hasTrend = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM run_committees WHERE run = ?)", arguments: [sequence]) ?? false
                if !hasTrend { without += 1; continue }
                for row in rows {
                    guard let characteristic = Characteristic(rawValue: row[0]), let stage = Stage(rawValue: row[1]) else { continue }
                    trend.append(TrendPoint(runId: run[1], startedAt: run[2], characteristic: characteristic, stage: stage, standards: row[2]))
                }
            }
            return (committees, drafts, trend, without)
        }
        let watching = stored.committees != nil
        let changes = stored.committees.map { ParticipationChange.between(previous: $0, current: input.committees) } ?? []
        let stages = WatchLogic.draftStages(previous: stored.drafts, drafts: input.drafts, changes: comparison.changes, watching: watching, at: input.at)
        var trend = stored.trend
        let runId = WatchReport.thisRun
        trend += input.trend.map { TrendPoint(runId: runId, startedAt: input.at, characteristic: $0.characteristic, stage: $0.stage, standards: $0.standards) }
        let report = WatchReport(
            participationChanges: ParticipationChange.locate(changes, country: country, regions: regions),
            hasCommitteeBaseline: watching,
            hasDraftBaseline: watching,
            openForComment: WatchLogic.openForComment(drafts: input.drafts, stages: stages.current),
            newWork: WatchLogic.newWork(drafts: input.drafts, stages: stages.current, aiCommittees: input.aiCommittees, at: input.at),
            trend: trend, at: input.at, runsWithoutTrend: stored.runsWithoutTrend
        )
        let record = WatchRecord(committees: input.committees, draftUpserts: stages.upserts, draftDeletes: stages.deletes,
                                 replacesDrafts: !watching, trend: input.trend)
        return (report, record)
    }

    // MARK: - Recording

    /// Writes the watch data of run `sequence`, inside the run's transaction.
    static func insert(_ record: WatchRecord, run sequence: Int64, into db: Database) throws {
        let setID = try committeeSet(record.committees, in: db)
        try db.execute(sql: "INSERT INTO run_committees (run, set_id) VALUES (?, ?)", arguments: [sequence, setID])
        if record.replacesDrafts { try db.execute(sql: "DELETE FROM draft_stage") }
        if !record.draftDeletes.isEmpty {
            let delete = try db.makeStatement(sql: "DELETE FROM draft_stage WHERE id = ?")
            for id in record.draftDeletes { try delete.execute(arguments: [id]) }
        }
        if !record.draftUpserts.isEmpty {
            let upsert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO draft_stage (id, first_seen, first_stage, first_exact, stage, stage_code, since, since_exact)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in record.draftUpserts {
                try upsert.execute(arguments: [row.id, row.firstSeen, row.firstStage.rawValue, row.firstExact,
                                               row.stage.rawValue, row.stageCode, row.since, row.sinceExact])
            }
        }
        let trend = try db.makeStatement(sql: "INSERT INTO trend (run, characteristic, stage, standards) VALUES (?, ?, ?, ?)")
        for count in record.trend {
            try trend.execute(arguments: [sequence, count.characteristic.id, count.stage.rawValue, count.standards])
        }
    }

    /// Deletes the committee sets no kept run uses, and the states no kept set holds
    /// (after retention has deleted runs).
    static func collectCommitteeGarbage(in db: Database) throws {
        try db.execute(sql: "DELETE FROM committee_set WHERE id NOT IN (SELECT set_id FROM run_committees)")
        try db.execute(sql: "DELETE FROM committee_state WHERE id NOT IN (SELECT state FROM committee_set_item)")
    }

    /// The id of the stored set holding exactly these committee states, storing what is new.
    private static func committeeSet(_ committees: [CommitteeSnapshot], in db: Database) throws -> Int64 {
        let find = try db.makeStatement(sql: "SELECT id, reference, secretariat, p_members, o_members FROM committee_state WHERE digest = ?")
        let add = try db.makeStatement(sql: "INSERT INTO committee_state (digest, reference, secretariat, p_members, o_members) VALUES (?, ?, ?, ?, ?)")
        var states: [Int64] = []
        states.reserveCapacity(committees.count)
        for committee in committees {
            let digest = committee.digest
            let p = CommitteeSnapshot.joined(committee.pMembers), o = CommitteeSnapshot.joined(committee.oMembers)
            let candidates = try Row.fetchAll(find, arguments: [digest])
            if let same = candidates.first(where: { $0[1] == committee.reference && $0[2] == committee.secretariat && $0[3] == p && $0[4] == o }) {
                states.append(same[0])
            } else {
                try add.execute(arguments: [digest, committee.reference, committee.secretariat, p, o])
                states.append(db.lastInsertedRowID)
            }
        }
        states.sort()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for state in states {
            var value = UInt64(bitPattern: state)
            for _ in 0..<8 {
                hash ^= value & 0xff
                hash = hash &* 0x0000_0100_0000_01b3
                value >>= 8
            }
        }
        let digest = Int64(bitPattern: hash)
        for candidate in try Int64.fetchAll(db, sql: "SELECT id FROM committee_set WHERE digest = ? AND size = ?", arguments: [digest, states.count]) {
            let items = try Int64.fetchAll(db, sql: "SELECT state FROM committee_set_item WHERE set_id = ? ORDER BY state", arguments: [candidate])
            if items == states { return candidate }
        }
        try db.execute(sql: "INSERT INTO committee_set (digest, size) VALUES (?, ?)", arguments: [digest, states.count])
        let setID = db.lastInsertedRowID
        let item = try db.makeStatement(sql: "INSERT INTO committee_set_item (set_id, state) VALUES (?, ?)")
        for state in states { try item.execute(arguments: [setID, state]) }
        return setID
    }

    // MARK: - Inspection

    /// How many committee states and sets the store holds (for tests and the size check).
    public func committeeStorage() throws(HistoryError) -> (states: Int, sets: Int, runs: Int) {
        try reading("cannot read the committee snapshots") { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM committee_state") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM committee_set") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run_committees") ?? 0)
        }
    }

    /// The committees a recorded run saw; nil when it recorded none (written by an earlier version).
    public func committees(of run: RecordedRun) throws(HistoryError) -> [CommitteeSnapshot]? {
        try reading("cannot read the committees of run \(run.id)") { db in
            guard let setID = try Int64.fetchOne(db, sql: "SELECT set_id FROM run_committees WHERE run = ?", arguments: [run.sequence]) else { return nil }
            return try Row.fetchAll(db, sql: """
                SELECT s.reference, s.secretariat, s.p_members, s.o_members
                FROM committee_set_item i JOIN committee_state s ON s.id = i.state WHERE i.set_id = ? ORDER BY s.reference
                """, arguments: [setID]).map { row in
                CommitteeSnapshot(reference: row[0], secretariat: row[1], pMembers: CommitteeSnapshot.split(row[2]), oMembers: CommitteeSnapshot.split(row[3]))
            }
        }
    }
}
