import Foundation
import LandscapeModel
import Policy
import Report
import Terminology

/// The commands of `landscape`, as functions from a config to an exit status.
public struct PipelineRunner: Sendable {
    public static let version = "0.1.0"

    public let configPath: String
    public let progress: ProgressReporter
    /// Called by `run` with its status once everything is published and reported, while the
    /// run's values are still alive. The executable passes a function that ends the process,
    /// which reclaims a corpus's worth of standards at once instead of freeing them one
    /// allocation at a time (a quarter of a second); a runner used as a library leaves it nil.
    public var whenDone: (@Sendable (ExitStatus) -> Void)?

    public init(configPath: String, progress: ProgressReporter) {
        self.configPath = configPath
        self.progress = progress
    }

    // MARK: - run

    /// ingest → normalize → score → participation → report, then publishes every output at once.
    public func run(outputOverride: String?) throws -> ExitStatus {
        let clock = RunClock()
        let config = try loadConfig(outputOverride: outputOverride)
        try createDirectory(config.outputDirectory)
        let lock = try RunLock(directory: config.outputDirectory)
        defer { lock.release() }
        let identity = RunIdentity(id: Self.runId(clock.startedAt), startedAt: clock.startedAt, finishedAt: Date(), toolVersion: Self.version)
        progress.stage("run \(identity.id)", detail: "config \(config.file)")

        let stages = try Stages(config, progress: progress)
        let scored = try stages.score(try stages.readCatalog(keepsTexts: false))
        let terminology = try stages.defineTerms(scored.catalog)
        // Resolving the policy references overlaps the participation measures, which need
        // its result only to write standards.csv.
        let policy = Background { [catalog = scored.catalog] in stages.resolvePolicy(catalog) }
        let history = try RunHistory.open(config, progress: progress)
        let publisher = try OutputPublisher(directory: config.outputDirectory)

        // On one core the participation measures, then the largest output straight into the
        // staging folder; on the other the comparison with the previous run and this run's record.
        progress.stage("participation", detail: "and the history")
        let snapshots = scored.scored.map(StandardSnapshot.init)
        let watching = Watching(scored, regions: config.regions, keepRuns: config.history.keepRuns, at: clock.startedAt)
        let standardsFile = try publisher.create(TableSchemas.standards.path)
        let (measured, recorded) = Parallel.both(
            { Result { try measureAndWrite(scored, terminology: terminology, policy: policy, stages: stages, standardsTo: standardsFile) } },
            { history.compareAndPrepare(snapshots, watching: watching, run: identity) }
        )
        let (landscape, standardsSeconds) = try measured.get()
        let comparison = try recorded.comparison()
        var pending = recorded.pendingRecord(progress: progress)
        let watch = recorded.watchReport(progress: progress)
        // A run that fails from here on records nothing.
        defer { pending?.rollback() }

        let writing = clock.now
        let outcome = RunOutcome(landscape, config: config)
        let counts = landscape.counts(changes: comparison.changes.count)
        let report = reportInput(landscape, counts: counts, comparison: comparison, watch: watch, identity: identity, config: config)
        var outputs = [TableSchemas.standards.path]
        try RunOutputs.write(report, created: Self.timestamp(clock.startedAt)) { name, text in
            try publisher.write(name, text)
            outputs.append(name)
        }
        let timings = landscape.timings.merging(["history": recorded.seconds, "report": standardsSeconds + clock.seconds(since: writing)]) { $1 }
        let manifest = self.manifest(landscape, counts: counts, config: config, identity: identity, outcome: outcome,
                                     timings: timings, clock: clock, outputs: outputs + ["manifest.json"], movedAside: history.movedAside)
        try publisher.write("manifest.json", try manifest.encoded())
        try publisher.publish()
        pending = recorded.commit(pending, progress: progress)

        summarize(counts, outcome: outcome, files: landscape.catalog.files.count, config: config, seconds: clock.seconds)
        withExtendedLifetime((scored, landscape, snapshots, report)) { whenDone?(outcome.status) }
        return outcome.status
    }

    /// The participation measures, then `standards.csv` into the staging folder: the work of
    /// one core while the other compares with the history. Returns the landscape and the
    /// seconds spent writing.
    private func measureAndWrite(_ scored: ScoredCatalog, terminology: (result: TerminologyResult, seconds: Double),
                                 policy: Background<(stage: PolicyStage, seconds: Double)?>, stages: Stages,
                                 standardsTo file: StagedFile) throws -> (Landscape, Double) {
        let landscape = stages.measureParticipation(scored, terminology: terminology, policy: policy.wait)
        let started = ContinuousClock.now
        try CSVTables.writeStandards(landscape.scored, policy: landscape.policy?.findings.columns) { try file.write($0) }
        try file.finish()
        return (landscape, ContinuousClock.now.seconds(since: started))
    }

    // MARK: - validate

    /// Reads the config and every input as `run` would, reports every problem, writes nothing.
    public func validate() throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        let stages = try Stages(config, progress: progress)
        let catalog = try stages.readCatalog(keepsTexts: true)
        let committees = try stages.committees()
        // The glossaries are inputs too: a bad one is a config error here as in `run`.
        let terminology = try stages.defineTerms(catalog).result
        _ = stages.resolvePolicy(catalog)
        // Rejected files were reported as they were read; list the rejected records.
        let quarantine = catalog.quarantine + committees.data.warnings.compactMap(\.quarantineEntry)
        for entry in quarantine + terminology.quarantine where entry.scope == .record {
            progress.warning("\(entry.location): \(entry.reference.isEmpty ? "" : entry.reference + ": ")\(entry.reason)")
        }
        let errorShare = Landscape.errorShare(rows: quarantine.count, records: catalog.recordCount)
        let overBudget = errorShare > config.errorBudget
        progress.summary(
            "\(overBudget ? "invalid" : "valid"): \(catalog.recordCount) records from \(catalog.files.count) files → "
                + "\(catalog.standards.count) standards, \(quarantine.count) quarantined"
                + String(format: " (%.2f%% of records; budget %.2f%%)", errorShare * 100, config.errorBudget * 100)
        )
        return overBudget ? .dataError : .success
    }
}
