import Foundation
import GRDB
import GRDBSQLite
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
        for path in Self.files(at: location) {
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw HistoryError(location: location, action: "refusing to open the history store",
                                   underlying: HistoryError.Refusal("\(path) is a symbolic link (remove it)"))
            }
        }
        do {
            try FileManager.default.createDirectory(at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.migrator.migrate(open())
        } catch {
            throw HistoryError(location: location, action: "cannot open the history store", underlying: error)
        }
    }

    /// The store's file and the files SQLite keeps beside it.
    static func files(at location: URL) -> [String] {
        ["", "-journal", "-wal", "-shm"].map { location.path + $0 }
    }

    /// Moves a store that cannot be used (``HistoryError/isCorrupt``) aside, with its journal,
    /// as `history.sqlite.corrupt-20261129T071500Z`, so that a new store can be started.
    /// Returns the new name of the store.
    public static func moveAside(_ location: URL, at time: Date = Date()) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = ".corrupt-" + formatter.string(from: time)
        let target = URL(fileURLWithPath: location.path + suffix)
        for (path, destination) in zip(files(at: location), files(at: target)) where FileManager.default.fileExists(atPath: path) {
            guard rename(path, destination) == 0 else {
                throw HistoryError(location: location, action: "cannot move the damaged history store aside",
                                   underlying: HistoryError.Refusal(String(cString: strerror(errno))))
            }
        }
        return target
    }

    private func open(holdingTransactions: Bool = false) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        if holdingTransactions {
            // A pending record keeps its transaction open between two accesses, and its pages in
            // memory until the commit (up to 128 MB: about a million standards), so that the
            // store's file is not written before the outputs are published.
            configuration.allowsUnsafeTransactions = true
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
        }
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
        // A merge join over the previous snapshot in id order (the primary key's order, and
        // SQLite's BINARY order is the byte order of the ids): a row is decoded only when its
        // standard changed or is gone, and the previous run is never held in memory.
        let changes = try reading("cannot read the standards of run \(previous.id)") { db in
            let statement = try db.makeStatement(sql: "SELECT id, undated_id, stage, status, characteristics FROM standard WHERE run = ? ORDER BY id")
            let handle = statement.sqliteStatement
            sqlite3_bind_int64(handle, 1, previous.sequence)
            func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
                let start = sqlite3_column_text(handle, column)
                return UnsafeBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(handle, column)))
            }
            func same(_ column: Int32, _ text: String) -> Bool { text.compareBytes(to: bytes(column)) == 0 }
            func decoded() throws -> StandardSnapshot {
                func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }
                let id = text(0)
                let (stage, status) = try StandardSnapshot.stored(stage: text(2), status: text(3), of: id)
                return StandardSnapshot(id: id, undatedId: text(1), stage: stage, status: status,
                                        characteristics: StandardSnapshot.stored(characteristics: text(4)))
            }
            var join = Change.Join(current: current)
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw Self.stepFailure(code, in: db) }
                if let match = join.advance(to: bytes(0)) {
                    if same(2, match.stage.rawValue), same(3, match.status.rawValue), same(4, match.characteristicList) { continue }
                    join.compare(try decoded(), with: match)
                } else {
                    join.remove(try decoded())
                }
            }
            return join.finish()
        }
        return HistoryComparison(previous: previous, changes: changes)
    }

    // MARK: - Recording

    /// Records a successful run and then deletes all but the newest `keepRuns` runs,
    /// in one transaction. Call it only once the run's outputs are published.
    public func record(_ run: RunIdentity, standards: [StandardSnapshot], keepRuns: Int, watch: WatchRecord? = nil) throws(HistoryError) {
        try prepareRecord(run, standards: standards, keepRuns: keepRuns, watch: watch).commit(finishedAt: run.finishedAt)
    }

    /// Writes a run's snapshot inside a transaction that stays open until ``PendingRecord/commit(finishedAt:)``.
    ///
    /// This lets a run write its snapshot while it renders its outputs, and make it count only
    /// once they are published: nothing is recorded if the pending record is rolled back or
    /// dropped, or if the process dies before the commit (SQLite rolls the journal back the
    /// next time the store is opened).
    /// - Parameter watch: the run's committees, drafts and trend counts (``watch(_:comparison:keepRuns:regions:country:)``).
    public func prepareRecord(_ run: RunIdentity, standards: [StandardSnapshot], keepRuns: Int, watch: WatchRecord? = nil) throws(HistoryError) -> PendingRecord {
        precondition(keepRuns >= 1, "keepRuns must be at least 1")
        do {
            let queue = try open(holdingTransactions: true)
            let sequence = try queue.inDatabase { db in
                try db.beginTransaction(.immediate)
                do {
                    return try Self.insert(run, standards: standards, keepRuns: keepRuns, watch: watch, into: db)
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
            return PendingRecord(queue: queue, sequence: sequence, run: run, location: location)
        } catch {
            throw HistoryError(location: location, action: "cannot record run \(run.id)", underlying: error)
        }
    }

    private static func insert(_ run: RunIdentity, standards: [StandardSnapshot], keepRuns: Int, watch: WatchRecord?, into db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO run (id, started_at, finished_at, tool_version, standards) VALUES (?, ?, ?, ?, ?)",
            arguments: [run.id, run.startedAt, run.finishedAt, run.toolVersion, standards.count]
        )
        let sequence = db.lastInsertedRowID
        // Bound straight through SQLite's C API: a snapshot is one row per standard,
        // and boxing each value costs more than SQLite's own work.
        let statement = try db.makeStatement(sql: insertStandardSQL)
        let handle = statement.sqliteStatement
        var scores = [Int64](repeating: 0, count: Characteristic.allCases.count)
        for snapshot in standards {
            sqlite3_reset(handle)
            var column: Int32 = 0
            func bind(_ value: Int64) {
                column += 1
                sqlite3_bind_int64(handle, column, value)
            }
            func bind(_ text: String) {
                column += 1
                // A native string's bytes, without copying the string; SQLite copies them.
                let bound = text.utf8.withContiguousStorageIfAvailable { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        if let start = chars.baseAddress {
                            sqlite3_bind_text(handle, column, start, Int32(chars.count), transient)
                        } else {
                            sqlite3_bind_text(handle, column, "", 0, transient)
                        }
                    }
                }
                if bound == nil {
                    _ = sqlite3_bind_text(handle, column, text, -1, transient)
                }
            }
            bind(sequence)
            bind(snapshot.id)
            bind(snapshot.undatedId)
            bind(snapshot.stage.rawValue)
            bind(snapshot.status.rawValue)
            bind(milli(snapshot.aiRelevance))
            for index in scores.indices { scores[index] = 0 }
            for (characteristic, score) in snapshot.scores where score != 0 {
                scores[characteristic.ordinal] = milli(score)
            }
            for score in scores { bind(score) }
            bind(snapshot.characteristicList)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw stepFailure(code, in: db, sql: insertStandardSQL) }
        }
        try db.execute(
            sql: "DELETE FROM run WHERE sequence NOT IN (SELECT sequence FROM run ORDER BY sequence DESC LIMIT ?)",
            arguments: [keepRuns]
        )
        if let watch { try insert(watch, run: sequence, into: db) }
        try collectCommitteeGarbage(in: db)
        return sequence
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
        migrator.registerMigration("v2-watch") { db in try migrateToWatch(db) }
        return migrator
    }()

    private static let insertStandardSQL: String = {
        let columns = ["run", "id", "undated_id", "stage", "status", "ai_relevance"]
            + Characteristic.allCases.map { "score_\($0.id)" } + ["characteristics"]
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT OR REPLACE INTO standard (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }()

    private static func milli(_ score: Double) -> Int64 { Int64((score * 1000).rounded()) }

    /// The error of a statement stepped through SQLite's C API.
    private static func stepFailure(_ code: Int32, in db: Database, sql: String? = nil) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// SQLite copies the bound text before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func reading<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try open().read(body)
        } catch {
            throw HistoryError(location: location, action: action, underlying: error)
        }
    }
}

/// A run's snapshot, written but not yet committed: see ``History/prepareRecord(_:standards:keepRuns:)``.
public struct PendingRecord: Sendable {
    fileprivate let queue: DatabaseQueue
    fileprivate let sequence: Int64
    fileprivate let run: RunIdentity
    fileprivate let location: URL

    /// Makes the run part of the history, with the time it finished.
    public func commit(finishedAt: Date) throws(HistoryError) {
        do {
            try queue.inDatabase { db in
                do {
                    try db.execute(sql: "UPDATE run SET finished_at = ? WHERE sequence = ?", arguments: [finishedAt, sequence])
                    try db.commit()
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        } catch {
            throw HistoryError(location: location, action: "cannot record run \(run.id)", underlying: error)
        }
    }

    /// Drops the snapshot: the history stays as it was.
    public func rollback() {
        try? queue.inDatabase { db in
            if db.isInsideTransaction { try db.rollback() }
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

    /// Whether the store's file is damaged or not an SQLite database at all: a new store is
    /// the only way on (see ``History/moveAside(_:at:)``).
    public var isCorrupt: Bool {
        guard let error = underlying as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// A reason of the pipeline's own.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

extension StandardSnapshot {
    fileprivate init(row: Row) throws {
        let id: String = row["id"]
        let (stage, status) = try Self.stored(stage: row["stage"], status: row["status"], of: id)
        var scores: [Characteristic: Double] = [:]
        for characteristic in Characteristic.allCases {
            let milli: Int = row["score_\(characteristic.id)"]
            scores[characteristic] = Double(milli) / 1000
        }
        self.init(
            id: id,
            undatedId: row["undated_id"],
            stage: stage,
            status: status,
            aiRelevance: Double(row["ai_relevance"] as Int) / 1000,
            scores: scores,
            characteristics: Self.stored(characteristics: row["characteristics"])
        )
    }

    /// A stored stage and status, which must be ones this version knows.
    fileprivate static func stored(stage: String, status: String, of id: String) throws -> (Stage, Status) {
        guard let known = Stage(rawValue: stage), let knownStatus = Status(rawValue: status) else {
            throw DatabaseError(message: "standard \(id) has an unknown stage \(stage) or status \(status)")
        }
        return (known, knownStatus)
    }

    /// A stored `;`-joined characteristics list.
    fileprivate static func stored(characteristics list: String) -> [Characteristic] {
        list.split(separator: ";").compactMap { Characteristic(rawValue: String($0)) }
    }
}
