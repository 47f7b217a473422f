import Foundation
import GRDB
import LandscapeModel

/// The run history: an SQLite store keeping, for each successful run, a snapshot of every
/// standard (id, stage, status, scores, characteristics), so the next run can tell what changed.
///
/// A run uses it in two steps, which is what keeps a failed run from recording anything:
///
/// ```swift
/// let history = try History(at: settings.location(outputDirectory: out, configDirectory: dir))
/// let snapshots = scored.map(StandardSnapshot.init)
/// let comparison = try history.compare(snapshots)        // reads only
/// // … write changes.csv from comparison.changes, the report, publish the outputs …
/// try history.record(run, standards: snapshots, keepRuns: settings.keepRuns)   // only after a successful publish
/// ```
///
/// `record` writes the run in a single transaction: a crash half-way leaves the store as it was.
///
/// Every operation opens the file afresh by its path. The pipeline publishes its outputs by
/// exchanging the output directory with a staging one that the store is carried into, so a
/// connection kept open from before publishing could write to a file that is no longer the
/// published one.
public struct History: Sendable {
    /// The store's file.
    public let location: URL

    /// Opens the store, creating it (and its folder) when absent, and migrates it to the
    /// current schema, so that a store that cannot be used fails the run before it writes anything.
    public init(at location: URL) throws(HistoryError) {
        self.location = location
        do {
            try FileManager.default.createDirectory(at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.migrator.migrate(open())
        } catch {
            throw HistoryError(location: location, action: "cannot open the history store", underlying: error)
        }
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: location.path, configuration: configuration)
    }

    // MARK: - Reading

    /// Recorded runs, newest first.
    public func runs() throws(HistoryError) -> [RecordedRun] {
        try reading("cannot read the recorded runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY sequence DESC").map(RecordedRun.init(row:))
        }
    }

    /// The most recent successful run, if any.
    public func lastRun() throws(HistoryError) -> RecordedRun? {
        try reading("cannot read the last run") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run ORDER BY sequence DESC LIMIT 1").map(RecordedRun.init(row:))
        }
    }

    /// Every standard as a recorded run saw it.
    public func standards(of run: RecordedRun) throws(HistoryError) -> [StandardSnapshot] {
        try reading("cannot read the standards of run \(run.id)") { db in
            var snapshots: [StandardSnapshot] = []
            snapshots.reserveCapacity(run.standards)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM standard WHERE run = ? ORDER BY id", arguments: [run.sequence])
            while let row = try rows.next() {
                snapshots.append(try StandardSnapshot(row: row))
            }
            return snapshots
        }
    }

    /// What changed between the last recorded run and `current`. Writes nothing.
    public func compare(_ current: [StandardSnapshot]) throws(HistoryError) -> HistoryComparison {
        guard let previous = try lastRun() else {
            return HistoryComparison(previous: nil, changes: [])
        }
        // Only what changes are made of: no scores, columns read by position.
        let before = try reading("cannot read the standards of run \(previous.id)") { db in
            var snapshots: [StandardSnapshot] = []
            snapshots.reserveCapacity(previous.standards)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, undated_id, stage, status, characteristics FROM standard WHERE run = ?", arguments: [previous.sequence])
            while let row = try rows.next() {
                let id: String = row[0]
                let stageText: String = row[2], statusText: String = row[3], list: String = row[4]
                guard let stage = Stage(rawValue: stageText), let status = Status(rawValue: statusText) else {
                    throw DatabaseError(message: "standard \(id) has an unknown stage \(stageText) or status \(statusText)")
                }
                snapshots.append(StandardSnapshot(
                    id: id, undatedId: row[1], stage: stage, status: status,
                    characteristics: list.split(separator: ";").compactMap { Characteristic(rawValue: String($0)) }
                ))
            }
            return snapshots
        }
        return HistoryComparison(previous: previous, changes: Change.between(previous: before, current: current))
    }

    // MARK: - Recording

    /// Records a successful run and then deletes all but the newest `keepRuns` runs,
    /// in one transaction. Call it only once the run's outputs are published.
    public func record(_ run: RunIdentity, standards: [StandardSnapshot], keepRuns: Int) throws(HistoryError) {
        precondition(keepRuns >= 1, "keepRuns must be at least 1")
        do {
            try open().write { db in
                try db.execute(
                    sql: "INSERT INTO run (id, started_at, finished_at, tool_version, standards) VALUES (?, ?, ?, ?, ?)",
                    arguments: [run.id, run.startedAt, run.finishedAt, run.toolVersion, standards.count]
                )
                let sequence = db.lastInsertedRowID
                let statement = try db.makeStatement(sql: Self.insertStandardSQL)
                var values: [DatabaseValue] = []
                values.reserveCapacity(7 + Characteristic.allCases.count)
                for snapshot in standards {
                    values.removeAll(keepingCapacity: true)
                    values.append(sequence.databaseValue)
                    values.append(snapshot.id.databaseValue)
                    values.append(snapshot.undatedId.databaseValue)
                    values.append(snapshot.stage.rawValue.databaseValue)
                    values.append(snapshot.status.rawValue.databaseValue)
                    values.append(Self.milli(snapshot.aiRelevance).databaseValue)
                    for characteristic in Characteristic.allCases {
                        values.append(Self.milli(snapshot.scores[characteristic] ?? 0).databaseValue)
                    }
                    values.append(snapshot.characteristicList.databaseValue)
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                }
                try db.execute(
                    sql: "DELETE FROM run WHERE sequence NOT IN (SELECT sequence FROM run ORDER BY sequence DESC LIMIT ?)",
                    arguments: [keepRuns]
                )
            }
        } catch {
            throw HistoryError(location: location, action: "cannot record run \(run.id)", underlying: error)
        }
    }

    // MARK: - Schema

    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("id", .text).notNull().unique()
                table.column("started_at", .datetime).notNull()
                table.column("finished_at", .datetime).notNull()
                table.column("tool_version", .text).notNull()
                table.column("standards", .integer).notNull()
            }
            try db.create(table: "standard", options: [.withoutRowID]) { table in
                table.column("run", .integer).notNull().references("run", onDelete: .cascade)
                table.column("id", .text).notNull()
                table.column("undated_id", .text).notNull()
                table.column("stage", .text).notNull()
                table.column("status", .text).notNull()
                // Scores in thousandths: the CSVs' three decimals, stored compactly.
                table.column("ai_relevance", .integer).notNull()
                for characteristic in Characteristic.allCases {
                    table.column("score_\(characteristic.id)", .integer).notNull()
                }
                table.column("characteristics", .text).notNull()
                table.primaryKey(["run", "id"])
            }
        }
        return migrator
    }()

    private static let insertStandardSQL: String = {
        let columns = ["run", "id", "undated_id", "stage", "status", "ai_relevance"]
            + Characteristic.allCases.map { "score_\($0.id)" } + ["characteristics"]
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT OR REPLACE INTO standard (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }()

    private static func milli(_ score: Double) -> Int { Int((score * 1000).rounded()) }

    private func reading<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try open().read(body)
        } catch {
            throw HistoryError(location: location, action: action, underlying: error)
        }
    }
}

/// Who a run is, as the history records it.
public struct RunIdentity: Sendable, Hashable {
    public var id: String
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String

    public init(id: String, startedAt: Date, finishedAt: Date, toolVersion: String) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
    }
}

/// A run the history has recorded.
public struct RecordedRun: Sendable, Hashable {
    /// Order of recording; increases with every run.
    public var sequence: Int64
    public var id: String
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String
    /// How many standards its snapshot holds.
    public var standards: Int

    public init(sequence: Int64, id: String, startedAt: Date, finishedAt: Date, toolVersion: String, standards: Int) {
        self.sequence = sequence
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
        self.standards = standards
    }

    init(row: Row) {
        sequence = row["sequence"]
        id = row["id"]
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        toolVersion = row["tool_version"]
        standards = row["standards"]
    }
}

/// The changes since the previous successful run, and which run that was.
public struct HistoryComparison: Sendable {
    /// Nil on the first run: there is nothing to compare with, and `changes` is empty.
    public var previous: RecordedRun?
    public var changes: [Change]

    public init(previous: RecordedRun?, changes: [Change]) {
        self.previous = previous
        self.changes = changes
    }
}

/// The history store cannot be opened, read or written.
public struct HistoryError: Error, CustomStringConvertible {
    public var location: URL
    public var action: String
    public var underlying: any Error

    public var description: String { "\(location.path): \(action): \(underlying)" }
}

extension StandardSnapshot {
    fileprivate init(row: Row) throws {
        let id: String = row["id"]
        let stageText: String = row["stage"]
        let statusText: String = row["status"]
        guard let stage = Stage(rawValue: stageText), let status = Status(rawValue: statusText) else {
            throw DatabaseError(message: "standard \(id) has an unknown stage \(stageText) or status \(statusText)")
        }
        var scores: [Characteristic: Double] = [:]
        for characteristic in Characteristic.allCases {
            let milli: Int = row["score_\(characteristic.id)"]
            scores[characteristic] = Double(milli) / 1000
        }
        let list: String = row["characteristics"]
        self.init(
            id: id,
            undatedId: row["undated_id"],
            stage: stage,
            status: status,
            aiRelevance: Double(row["ai_relevance"] as Int) / 1000,
            scores: scores,
            characteristics: list.split(separator: ";").compactMap { Characteristic(rawValue: String($0)) }
        )
    }
}
