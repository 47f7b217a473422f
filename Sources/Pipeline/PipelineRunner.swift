import Foundation
import LandscapeModel
import Normalize
import Participation
import Policy
import Report
import Score

/// The commands of `landscape`, as functions from a config to an exit status.
public struct PipelineRunner: Sendable {
    public static let version = "0.1.0"

    public let configPath: String
    public let progress: ProgressReporter
    /// Set by the executable, which exits right after a command: the command's large values
    /// are left for the exit to reclaim instead of being freed one by one (see ``ExitReclaims``).
    public var leavesMemoryToExit = false

    public init(configPath: String, progress: ProgressReporter) {
        self.configPath = configPath
        self.progress = progress
    }

    // MARK: - run

    /// ingest → normalize → score → participation → report, then publishes every output at once.
    public func run(outputOverride: String?) throws -> ExitStatus {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var config = try PipelineConfig.load(from: configPath)
        if let outputOverride {
            config.outputDirectory = PipelineConfig.resolve(outputOverride, against: FileManager.default.currentDirectoryPath)
        }
        let historySettings = config.history
        let reportSettings = config.report
        let regionSettings = config.regions

        try createDirectory(config.outputDirectory)
        let lock = try RunLock(directory: config.outputDirectory)
        defer { lock.release() }
        let runId = Self.runId(startedAt)
        progress.stage("run \(runId)", detail: "config \(config.file)")

        var analysis = try Analysis.perform(config, depth: .score, progress: progress, keepsTexts: false)

        // History: what the previous successful run saw, and this run's snapshot, written in a
        // transaction that is committed only once the outputs are published.
        let historyLocation = historySettings.location(
            outputDirectory: URL(fileURLWithPath: config.outputDirectory),
            configDirectory: URL(fileURLWithPath: config.baseDirectory)
        )
        let snapshots = analysis.scored.map(StandardSnapshot.init)
        let history: History
        var historyMovedAside: String?
        do {
            history = try History(at: historyLocation)
        } catch let error where error.isCorrupt {
            // A damaged store must not stop every nightly run until someone repairs it: it is
            // kept aside for inspection and a new one started (the next run's changes are then
            // relative to nothing: every standard is "added").
            do {
                historyMovedAside = try History.moveAside(historyLocation).path
                progress.warning("\(historyLocation.path): the history store is damaged (\(error.underlying)); moved aside as \(historyMovedAside!), starting a new one")
                history = try History(at: historyLocation)
            } catch {
                throw PipelineError(.cannotCreate, "run history unavailable", file: historyLocation.path, cause: "\(error)")
            }
        } catch {
            throw PipelineError(.cannotCreate, "run history unavailable", file: historyLocation.path, cause: error.description)
        }
        let identity = RunIdentity(id: runId, startedAt: startedAt, finishedAt: Date(), toolVersion: Self.version)
        let keepRuns = historySettings.keepRuns

        // On one core the participation measures and then the largest output, straight into
        // the staging folder; on the other the history.
        progress.stage("participation", detail: "and the history")
        let publisher = try OutputPublisher(directory: config.outputDirectory)
        var outputs: [String] = [TableSchemas.standards.path]
        let standardsFile = try publisher.create(TableSchemas.standards.path)
        let measuring = analysis
        let scored = analysis.scored
        let policyColumns = analysis.policy?.findings.columns
        let (participationWork, historyWork) = concurrently(
            { () -> (measured: (result: ParticipationResult, seconds: Double), written: Result<Void, any Error>, csvSeconds: Double) in
                let measured = measuring.measureParticipation()
                let started = ContinuousClock.now
                let written = Result {
                    try scored.withUnsafeBufferPointer { all in
                        try CSVTables.writeStandards(all, policy: policyColumns) { try standardsFile.write($0) }
                    }
                    try standardsFile.finish()
                }
                return (measured, written, ContinuousClock.now.seconds(since: started))
            },
            { () -> (compared: Result<HistoryComparison, HistoryError>, pending: Result<PendingRecord, HistoryError>?, seconds: Double) in
                let started = ContinuousClock.now
                let compared = Result { () throws(HistoryError) in try history.compare(snapshots) }
                guard case .success = compared else { return (compared, nil, 0) }
                let pending = Result { () throws(HistoryError) in try history.prepareRecord(identity, standards: snapshots, keepRuns: keepRuns) }
                return (compared, pending, ContinuousClock.now.seconds(since: started))
            }
        )
        let csvSeconds = participationWork.csvSeconds
        try participationWork.written.get()
        analysis.adopt(participationWork.measured, progress: progress)
        analysis.timings["history"] = historyWork.seconds
        let participation = analysis.participationResult!
        analysis.policy?.measurePaths(committees: participation.committees)
        let reportStart = clock.now
        let comparison: HistoryComparison
        do {
            comparison = try historyWork.compared.get()
        } catch {
            throw PipelineError(.cannotCreate, "run history unavailable", file: historyLocation.path, cause: error.description)
        }
        var pending: PendingRecord?
        do {
            pending = try historyWork.pending?.get()
        } catch {
            progress.warning("this run will not be recorded in the history: \(error.description)")
        }
        // A run that fails from here on records nothing.
        defer { pending?.rollback() }

        let quarantine = analysis.quarantine
        let errorShare = analysis.errorShare
        let overBudget = errorShare > config.errorBudget
        let status: ExitStatus = overBudget ? .dataError : .success
        let exitReason = overBudget
            ? String(format: "%.2f%% of records quarantined, above the error budget of %.2f%%", errorShare * 100, config.errorBudget * 100)
            : "success"

        func write(_ name: String, _ text: String) throws {
            try publisher.write(name, text)
            outputs.append(name)
        }
        let extraRegions = regionSettings.regions.map(\.name).filter { $0 != RegionSettings.eu && $0 != RegionSettings.us }
        try write(TableSchemas.participation.path, CSVTables.participation(participation.committees, extraRegions: extraRegions))
        try write(TableSchemas.participationSummary.path, CSVTables.participationSummary(participation.summary))
        try write(TableSchemas.quarantine.path, CSVTables.quarantine(quarantine))
        try write(TableSchemas.changes.path, Change.csvTable(comparison.changes))
        try write(TableSchemas.policyLinks.path, CSVTables.policyLinks(analysis.policy?.findings.links ?? []))
        try write(TableSchemas.influencePaths.path, CSVTables.influencePaths(analysis.policy?.findings.paths ?? []))
        try write("datapackage.json", DataPackage.json(tables: TableSchemas.all(extraRegions: extraRegions), created: Self.timestamp(startedAt)))

        let finishedAt = Date()
        let counts = Self.counts(analysis, quarantine: quarantine, changes: comparison.changes.count)
        let report = ReportInput(
            run: RunFacts(
                id: runId, startedAt: startedAt, finishedAt: finishedAt, toolVersion: Self.version,
                inputs: analysis.catalogs.files.map { InputFileSummary(source: $0.source, path: $0.path, records: $0.records) },
                stageCounts: [
                    StageCount(stage: "records read", count: counts.records),
                    StageCount(stage: "quarantined", count: counts.quarantined),
                    StageCount(stage: "standards after de-duplication", count: counts.standards),
                    StageCount(stage: "merges", count: counts.merges),
                    StageCount(stage: "AI-relevant standards", count: counts.aiRelevant),
                ]
            ),
            standards: analysis.scored,
            characteristics: analysis.scorer!.taxonomy.characteristics,
            committees: participation.committees,
            participation: participation.summary,
            regions: regionSettings.regions.map { ReportRegion(name: $0.name, countries: $0.countries) },
            quarantine: quarantine,
            merges: analysis.catalogs.merges,
            changes: comparison.changes,
            previousRun: comparison.previous,
            settings: reportSettings,
            policy: analysis.policy?.findings
        )
        let html = ReportRenderer.render(report)
        try write("report.html", html)
        // Encoding standards.csv, then writing every output and the report.
        analysis.timings["report"] = csvSeconds + clock.now.seconds(since: reportStart)

        var manifest = Manifest(
            runId: runId, tool: "landscape", toolVersion: Self.version,
            startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(Date()),
            config: config.file, configSha256: config.digest, outputDirectory: config.outputDirectory,
            inputs: analysis.catalogs.files, committeeFiles: analysis.committeeFiles,
            counts: counts, timings: [:], errorShare: errorShare, errorBudget: config.errorBudget,
            exitStatus: status.rawValue, exitReason: exitReason, outputs: outputs + ["manifest.json"]
        )
        manifest.historyMovedAside = historyMovedAside
        manifest.timings = analysis.timings.mapValues { ($0 * 1000).rounded() / 1000 }
        manifest.timings["total"] = (clock.now.seconds(since: start) * 1000).rounded() / 1000
        try publisher.write("manifest.json", try manifest.encoded())
        try publisher.publish()

        do {
            try pending?.commit(finishedAt: Date())
            pending = nil
        } catch {
            progress.warning("outputs published, but the run could not be recorded in the history: \(error.description)")
        }

        if leavesMemoryToExit { ExitReclaims.keep(analysis, measuring, snapshots, report) }
        let seconds = clock.now.seconds(since: start)
        if overBudget { progress.error(exitReason) }
        progress.summary(
            "\(status == .success ? "done" : "done with data errors"): \(counts.records) records from \(analysis.catalogs.files.count) files → "
                + "\(counts.standards) standards (\(counts.merges) merged, \(counts.aiRelevant) AI-relevant), "
                + "\(counts.quarantined) quarantined, \(comparison.changes.count) changes; outputs in \(config.outputDirectory) "
                + String(format: "(%.1f s)", seconds),
            fields: ["records": counts.records, "standards": counts.standards, "merges": counts.merges,
                     "quarantined": counts.quarantined, "ai_relevant": counts.aiRelevant, "seconds": seconds,
                     "exit_status": Int(status.rawValue)]
        )
        return status
    }

    // MARK: - validate

    /// Reads the config and every input as `run` would, reports every problem, writes nothing.
    public func validate() throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        let analysis = try Analysis.perform(config, depth: .normalize, progress: progress)
        // Rejected files were reported as they were read; list the rejected records.
        for entry in analysis.quarantine where entry.scope == .record {
            progress.warning("\(entry.location): \(entry.reference.isEmpty ? "" : entry.reference + ": ")\(entry.reason)")
        }
        let overBudget = analysis.errorShare > config.errorBudget
        progress.summary(
            "\(overBudget ? "invalid" : "valid"): \(analysis.catalogs.recordCount) records from \(analysis.catalogs.files.count) files → "
                + "\(analysis.catalogs.standards.count) standards, \(analysis.quarantine.count) quarantined"
                + String(format: " (%.2f%% of records; budget %.2f%%)", analysis.errorShare * 100, config.errorBudget * 100)
        )
        return overBudget ? .dataError : .success
    }

    // MARK: - evaluate

    /// Reads gold files (one or more, as one set of labels).
    private func loadGold(_ paths: [String]) throws -> GoldFile {
        var files: [GoldFile] = []
        for path in paths {
            do {
                files.append(try GoldFile.load(path))
            } catch let error as GoldFileError {
                throw PipelineError(.dataError, error.reason, file: error.file, line: error.line)
            } catch {
                throw PipelineError(.noInput, "cannot read the gold file", file: path, cause: "\(error)")
            }
        }
        guard !files.isEmpty else { throw PipelineError(.usage, "no gold file given") }
        return GoldFile.combined(files)
    }

    /// Scores the configured inputs and compares them with gold files; with `folds`, also
    /// fits the weights on K − 1 folds of the labelled standards and scores the held-out fold,
    /// for every fold, and prints that cross-validated comparison last.
    /// - Parameter worst: how many of the worst errors to list (of each table).
    public func evaluate(goldPaths: [String], folds: Int? = nil, worst: Int = 25) throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        let gold = try loadGold(goldPaths)
        if let folds, folds < 2 { throw PipelineError(.usage, "--folds must be at least 2, got \(folds)") }
        let analysis = try Analysis.perform(config, depth: .score, progress: progress, keepsTexts: false)
        let scorer = analysis.scorer!
        let evaluation = Evaluation.evaluate(
            gold: gold, scored: analysis.scored, matchKey: Normalizer.matchKey,
            threshold: scorer.characteristicThreshold, aiThreshold: scorer.aiRelevanceThreshold, thresholds: scorer.thresholds
        )
        guard let folds else {
            print(evaluation.render(worst: worst), terminator: "")
            return .success
        }
        let model = scorer.model == nil ? "the taxonomy's hand-set weights" : "the fitted weights of \(config.scoring.weights ?? "")"
        print(evaluation.render(title: "Plain (\(model), scored on the labels they may have been fitted on)", worst: worst, finalLine: false))
        progress.stage("cross-validation", detail: "\(folds) folds")
        let clock = ContinuousClock()
        let started = clock.now
        let standards = analysis.scored.map(\.standard)
        let crossValidated = ScorerTraining.crossValidate(gold: gold, standards: standards, scorer: scorer,
                                                          matchKey: Normalizer.matchKey, folds: folds)
        progress.stage("cross-validation done", detail: String(format: "%.1f s", clock.now.seconds(since: started)))
        print(crossValidated.render(title: "Cross-validated (\(folds) folds: weights fitted on the other folds, each standard scored held out)",
                                    worst: worst), terminator: "")
        return .success
    }

    // MARK: - train

    /// Fits the scoring weights on gold files and writes the weights file.
    /// - Parameter outputPath: where to write; nil: the configured `scoring.weights`, else
    ///   `Inputs/scoring-weights.yaml` beside the config.
    public func train(goldPaths: [String], outputPath: String?) throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        let gold = try loadGold(goldPaths)
        let target = outputPath.map { PipelineConfig.resolve($0, against: FileManager.default.currentDirectoryPath) }
            ?? config.scoring.weightsPath(relativeTo: config.baseDirectory).map { PipelineConfig.resolve($0, against: config.baseDirectory) }
            ?? config.resolve("Inputs/scoring-weights.yaml")
        let analysis = try Analysis.perform(config, depth: .normalize, progress: progress, keepsTexts: false, loadsWeights: false)
        let (examples, unmatched, duplicates) = ScorerTraining.examples(
            gold: gold, standards: analysis.catalogs.standards, scorer: analysis.scorer!, matchKey: Normalizer.matchKey)
        for label in unmatched { progress.warning("\(label.id) (gold line \(label.line)): no standard in the configured inputs; not used") }
        for label in duplicates { progress.warning("\(label.id) (gold line \(label.line)): names a standard already labelled; not used again") }
        guard !examples.isEmpty else { throw PipelineError(.dataError, "no gold id matches a standard of the configured inputs") }
        progress.stage("train", detail: "\(examples.count) labelled standards")
        let weights = ScorerTraining.fit(examples, goldFiles: goldPaths.map { URL(fileURLWithPath: $0).lastPathComponent })
        let text = weights.yaml
        do {
            let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw PipelineError(.cannotCreate, "cannot write the weights file", file: target, cause: error.localizedDescription)
        }
        for slot in 0..<weights.targets.count {
            let name = slot < Characteristic.allCases.count ? Characteristic.allCases[slot].id : "ai_relevance"
            let positives = examples.filter { slot < Characteristic.allCases.count ? $0.label.characteristics.contains(Characteristic.allCases[slot]) : $0.label.aiRelevant }.count
            let model = weights.targets[slot]
            print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) positives \(String(positives).leftPadded(4))  lambda \(model.lambda)  terms \(model.terms.count + model.aiTerms.count)")
        }
        progress.summary("trained on \(examples.count) labelled standards (\(unmatched.count) unmatched) → \(target)",
                         fields: ["examples": examples.count, "unmatched": unmatched.count])
        return .success
    }

    // MARK: - explain

    /// Prints one standard: its record and where each field came from, every score with its
    /// evidence, and its committee's participation figures.
    public func explain(reference: String) throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        // Only the standards asked for are scored.
        let analysis = try Analysis.perform(config, depth: .normalize, progress: progress)
        let standards = analysis.catalogs.standards
        let key = Normalizer.matchKey(reference)
        let matches = standards.filter { Normalizer.matchKey($0.id) == key }
            + standards.filter { standard in Normalizer.matchKey(standard.id) != key && standard.aliases.contains { Normalizer.matchKey($0) == key } }
        let found = (matches.isEmpty ? standards.filter { Normalizer.matchKey($0.undatedId) == key } : matches)
            .map { standard in
                let card = analysis.scorer!.detailedScore(standard)
                return ScoredStandard(standard: standard, score: card, isAIRelevant: analysis.scorer!.isAIRelevant(card))
            }
        guard !found.isEmpty else {
            let close = standards.lazy.filter { $0.undatedId.localizedCaseInsensitiveContains(reference) }.prefix(5).map(\.id)
            throw PipelineError(.dataError, "no standard \"\(reference)\" in the configured inputs" + (close.isEmpty ? "" : "; did you mean: \(close.joined(separator: ", "))?"))
        }
        for scored in found {
            let figures = analysis.participation?.figures(for: scored.standard)
            let chain = Explanation.adoptionChain(of: scored.standard, in: standards)
            var explanation = Explanation(scored: scored, scorer: analysis.scorer!, figures: figures, adoptionChain: chain)
            if let policy = analysis.policy {
                let participation = analysis.participation
                explanation.policyLines = policy.explanation(of: scored.standard) { committee in
                    participation.flatMap { PolicyStage.row($0.figures(committee: committee)) }
                }
            }
            print(explanation.text)
        }
        return .success
    }

    // MARK: - helpers

    private func createDirectory(_ path: String) throws {
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

    static func counts(_ analysis: Analysis, quarantine: [QuarantineEntry], changes: Int) -> Manifest.Counts {
        var counts = Manifest.Counts()
        counts.records = analysis.catalogs.recordCount
        counts.standards = analysis.scored.count
        counts.merges = analysis.catalogs.merges.count
        counts.quarantined = quarantine.count
        counts.quarantinedFiles = quarantine.filter { $0.scope == .file }.count
        counts.quarantinedRecords = counts.quarantined - counts.quarantinedFiles
        counts.aiRelevant = analysis.scored.filter(\.isAIRelevant).count
        for scored in analysis.scored {
            counts.byStage[scored.standard.stage.rawValue, default: 0] += 1
            counts.bySdo[scored.standard.sdo, default: 0] += 1
            for characteristic in scored.score.characteristics {
                counts.byCharacteristic[characteristic.id, default: 0] += 1
            }
        }
        counts.participationIssues = analysis.participationWarnings.count
        counts.changes = changes
        return counts
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
