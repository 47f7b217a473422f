import Foundation
import LandscapeModel
import Report

/// When a run started, by the wall clock (for its id and outputs) and the monotonic clock (for durations).
struct RunClock {
    let startedAt = Date()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    var now: ContinuousClock.Instant { clock.now }
    /// Seconds since the run started.
    var seconds: Double { clock.now.seconds(since: start) }

    func seconds(since instant: ContinuousClock.Instant) -> Double { clock.now.seconds(since: instant) }
}

/// How a run ends: success, or data errors when more records were quarantined than the budget allows.
struct RunOutcome {
    let status: ExitStatus
    let reason: String
    let errorShare: Double

    init(_ landscape: Landscape, config: PipelineConfig) {
        errorShare = landscape.errorShare
        let overBudget = errorShare > config.errorBudget
        status = overBudget ? .dataError : .success
        reason = overBudget
            ? String(format: "%.2f%% of records quarantined, above the error budget of %.2f%%", errorShare * 100, config.errorBudget * 100)
            : "success"
    }
}

extension PipelineRunner {
    /// The config, with the output directory given on the command line in place of the configured one.
    func loadConfig(outputOverride: String?) throws -> PipelineConfig {
        var config = try PipelineConfig.load(from: configPath)
        if let outputOverride {
            config.outputDirectory = PipelineConfig.resolve(outputOverride, against: FileManager.default.currentDirectoryPath)
        }
        return config
    }

    /// Everything the outputs are made from.
    func reportInput(_ landscape: Landscape, counts: RunCounts, comparison: HistoryComparison, watch: WatchReport?,
                     identity: RunIdentity, config: PipelineConfig) -> ReportInput {
        var input = ReportInput(
            run: RunFacts(
                id: identity.id, startedAt: identity.startedAt, finishedAt: Date(), toolVersion: Self.version,
                inputs: landscape.catalog.files,
                stageCounts: [
                    StageCount(stage: "records read", count: counts.records),
                    StageCount(stage: "quarantined", count: counts.quarantined),
                    StageCount(stage: "standards after de-duplication", count: counts.standards),
                    StageCount(stage: "merges", count: counts.merges),
                    StageCount(stage: "AI-relevant standards", count: counts.aiRelevant),
                ]
            ),
            standards: landscape.scored,
            characteristics: landscape.scoredCatalog.scorer.taxonomy.characteristics,
            committees: landscape.participation.committees,
            participation: landscape.participation.summary,
            regions: config.regions.regions.map { ReportRegion(name: $0.name, countries: $0.countries) },
            quarantine: landscape.quarantine,
            merges: landscape.catalog.merges,
            changes: comparison.changes,
            previousRun: comparison.previous,
            settings: config.report,
            watch: watch,
            policy: landscape.policy?.findings
        )
        input.terminology = landscape.terminology
        return input
    }

    /// `manifest.json`.
    func manifest(_ landscape: Landscape, counts: RunCounts, config: PipelineConfig, identity: RunIdentity, outcome: RunOutcome,
                  timings: [String: Double], clock: RunClock, outputs: [String], movedAside: String?) -> Manifest {
        var timings = timings.mapValues { ($0 * 1000).rounded() / 1000 }
        timings["total"] = (clock.seconds * 1000).rounded() / 1000
        return Manifest(
            runId: identity.id, tool: "landscape", toolVersion: Self.version,
            startedAt: Self.timestamp(clock.startedAt), finishedAt: Self.timestamp(Date()),
            config: config.file, configSha256: config.digest, outputDirectory: config.outputDirectory,
            inputs: landscape.catalog.files, committeeFiles: landscape.scoredCatalog.committees.files,
            counts: counts, timings: timings,
            errorShare: outcome.errorShare, errorBudget: config.errorBudget,
            exitStatus: outcome.status.rawValue, exitReason: outcome.reason, outputs: outputs,
            historyMovedAside: movedAside
        )
    }

    /// The run's last line: what it read and produced (and the fields of a JSON log line).
    func summarize(_ counts: RunCounts, outcome: RunOutcome, files: Int, config: PipelineConfig, seconds: Double) {
        if outcome.status != .success { progress.error(outcome.reason) }
        progress.summary(
            "\(outcome.status == .success ? "done" : "done with data errors"): \(counts.records) records from \(files) files → "
                + "\(counts.standards) standards (\(counts.merges) merged, \(counts.aiRelevant) AI-relevant), "
                + "\(counts.quarantined) quarantined, \(counts.changes) changes; outputs in \(config.outputDirectory) "
                + String(format: "(%.1f s)", seconds),
            fields: ["records": counts.records, "standards": counts.standards, "merges": counts.merges,
                     "quarantined": counts.quarantined, "ai_relevant": counts.aiRelevant, "seconds": seconds,
                     "exit_status": Int(outcome.status.rawValue)]
        )
    }

    func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.cannotCreate, "cannot create the output directory", file: path, cause: error.localizedDescription)
        }
    }

    static func runId(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date) + "-\(ProcessInfo.processInfo.processIdentifier)"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
