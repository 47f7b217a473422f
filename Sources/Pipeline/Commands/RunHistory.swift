import Foundation
import LandscapeModel
import Report

/// The run history as `run` uses it: what the previous successful run saw, and this run's
/// snapshot, written in a transaction that is committed only once the outputs are published.
struct RunHistory: Sendable {
    let history: History
    let location: URL
    /// Where a damaged store was moved before a new one was started.
    let movedAside: String?

    /// Opens the configured store. A damaged store must not stop every nightly run until
    /// someone repairs it: it is kept aside for inspection and a new one started (the run's
    /// changes are then relative to nothing: every standard is "added").
    static func open(_ config: PipelineConfig, progress: ProgressReporter) throws -> RunHistory {
        let location = config.history.location(
            outputDirectory: URL(fileURLWithPath: config.outputDirectory),
            configDirectory: URL(fileURLWithPath: config.baseDirectory)
        )
        do {
            return RunHistory(history: try History(at: location), location: location, movedAside: nil)
        } catch let error where error.isCorrupt {
            do {
                let movedAside = try History.moveAside(location).path
                progress.warning("\(location.path): the history store is damaged (\(error.underlying)); moved aside as \(movedAside), starting a new one")
                return RunHistory(history: try History(at: location), location: location, movedAside: movedAside)
            } catch {
                throw PipelineError(.cannotCreate, "run history unavailable", file: location.path, cause: "\(error)")
            }
        } catch {
            throw PipelineError(.cannotCreate, "run history unavailable", file: location.path, cause: error.description)
        }
    }

    /// Compares `snapshots` with the previous run and, when that worked, runs the nightly
    /// watch and prepares this run's record.
    func compareAndPrepare(_ snapshots: [StandardSnapshot], watching: Watching, run: RunIdentity) -> Recorded {
        let started = ContinuousClock.now
        let compared = Result { () throws(HistoryError) in try history.compare(snapshots) }
        guard case .success(let comparison) = compared else {
            return Recorded(compared: compared, pending: nil, watch: nil, seconds: 0, location: location)
        }
        let watch = watching.watch(history, comparison: comparison)
        let record = try? watch.get().record
        let pending = Result { () throws(HistoryError) in
            try history.prepareRecord(run, standards: snapshots, keepRuns: watching.keepRuns, watch: record)
        }
        return Recorded(compared: compared, pending: pending, watch: watch,
                        seconds: ContinuousClock.now.seconds(since: started), location: location)
    }

    /// What ``compareAndPrepare(_:run:keepRuns:)`` did.
    struct Recorded: Sendable {
        let compared: Result<HistoryComparison, HistoryError>
        let pending: Result<PendingRecord, HistoryError>?
        let watch: Result<(report: WatchReport, record: WatchRecord), HistoryError>?
        let seconds: Double
        let location: URL

        /// The comparison; without it the run cannot report its changes and stops.
        func comparison() throws -> HistoryComparison {
            do {
                return try compared.get()
            } catch {
                throw PipelineError(.cannotCreate, "run history unavailable", file: location.path, cause: error.description)
            }
        }

        /// The prepared record; without it the run goes on and is not recorded.
        func pendingRecord(progress: ProgressReporter) -> PendingRecord? {
            do {
                return try pending?.get()
            } catch {
                progress.warning("this run will not be recorded in the history: \(error.description)")
                return nil
            }
        }

        /// Seat changes, drafts open for comment, new work and the trend; nil, with a warning,
        /// when the history could not tell.
        func watchReport(progress: ProgressReporter) -> WatchReport? {
            do {
                return try watch?.get().report
            } catch {
                progress.warning("the nightly watch (seat changes, open for comment, new work, trend) is left out: \(error.description)")
                return nil
            }
        }

        /// Commits the record once the outputs are published; returns the record when that
        /// failed (it is then still to be rolled back), else nil.
        func commit(_ record: PendingRecord?, progress: ProgressReporter) -> PendingRecord? {
            do {
                try record?.commit(finishedAt: Date())
                return nil
            } catch {
                progress.warning("outputs published, but the run could not be recorded in the history: \(error.description)")
                return record
            }
        }
    }
}
