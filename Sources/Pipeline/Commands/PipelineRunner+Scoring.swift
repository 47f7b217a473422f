import Foundation
import LandscapeModel
import Normalize
import Score

/// `evaluate` and `train`: the scorer against gold labels.
extension PipelineRunner {
    // MARK: - evaluate

    /// The key that groups the editions of one standard into one cross-validation fold: the
    /// undated reference of the published standard, which its drafts share (`ISO/IEC DIS
    /// 42005` and `ISO/IEC 42005:2025` are one standard; their texts are nearly the same), an
    /// IEEE project's drafts with the standard they became (`IEEE P7001/D-1-2020-06` and
    /// `IEEE Std 7001-2021`).
    static func editionKey(_ standard: Standard) -> String {
        Normalizer.matchKey(Reference.withoutProjectMarks(Reference.policyNames(standard.id).undatedId))
    }

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
    /// - Parameters:
    ///   - worst: how many of the worst errors to list (of each table).
    ///   - predictionsPath: where to write every labelled standard's labels beside its scores
    ///     (the held-out ones with `folds`), as CSV.
    public func evaluate(goldPaths: [String], folds: Int? = nil, worst: Int = 25, predictionsPath: String? = nil) throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        let gold = try loadGold(goldPaths)
        if let folds, folds < 2 { throw PipelineError(.usage, "--folds must be at least 2, got \(folds)") }
        let stages = try Stages(config, progress: progress)
        // With folds, the labelled standards' abstracts are read for their text features.
        let scored = try stages.score(try stages.readCatalog(keepsTexts: folds != nil))
        let scorer = scored.scorer
        let evaluation = Evaluation.evaluate(
            gold: gold, scored: scored.scored, matchKey: Normalizer.matchKey,
            threshold: scorer.characteristicThreshold, aiThreshold: scorer.aiRelevanceThreshold, thresholds: scorer.thresholds
        )
        guard let folds else {
            try writePredictions(evaluation, to: predictionsPath)
            print(evaluation.render(worst: worst), terminator: "")
            return .success
        }
        let model = scorer.model == nil ? "the taxonomy's hand-set weights" : "the fitted weights of \(config.scoring.weights ?? "")"
        print(evaluation.render(title: "Plain (\(model), scored on the labels they may have been fitted on)", worst: worst, finalLine: false))
        progress.stage("cross-validation", detail: "\(folds) folds")
        let clock = ContinuousClock()
        let started = clock.now
        let standards = scored.scored.map(\.standard)
        let crossValidated = ScorerTraining.crossValidate(gold: gold, standards: standards, scorer: scorer,
                                                          matchKey: Normalizer.matchKey, editionKey: Self.editionKey, folds: folds)
        progress.stage("cross-validation done", detail: String(format: "%.1f s", clock.now.seconds(since: started)))
        try writePredictions(crossValidated, to: predictionsPath)
        print(crossValidated.render(title: "Cross-validated (\(folds) folds: weights fitted on the other folds, each standard scored held out)",
                                    worst: worst), terminator: "")
        return .success
    }

    /// Writes ``Evaluation/predictionsCSV()`` to `path` (relative to the working directory).
    private func writePredictions(_ evaluation: Evaluation, to path: String?) throws {
        guard let path else { return }
        let target = PipelineConfig.resolve(path, against: FileManager.default.currentDirectoryPath)
        try write(evaluation.predictionsCSV(), to: target, what: "the predictions")
        progress.stage("predictions written", detail: target)
    }

    /// Writes a file of `evaluate` or `train` whole: its folder made if need be, the text
    /// through a temporary file renamed into place.
    private func write(_ text: String, to target: String, what: String) throws {
        do {
            let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw PipelineError(.cannotCreate, "cannot write \(what)", file: target, cause: error.localizedDescription)
        }
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
        let stages = try Stages(config, progress: progress, loadsWeights: false)
        // The abstracts are kept: their text features are read from them.
        let catalog = try stages.readCatalog(keepsTexts: true)
        _ = try stages.committees()
        let (examples, unmatched, duplicates) = ScorerTraining.examples(
            gold: gold, standards: catalog.standards, scorer: stages.scorer, matchKey: Normalizer.matchKey, editionKey: Self.editionKey)
        for label in unmatched { progress.warning("\(label.id) (gold line \(label.line)): no standard in the configured inputs; not used") }
        for label in duplicates { progress.warning("\(label.id) (gold line \(label.line)): names a standard already labelled; not used again") }
        guard !examples.isEmpty else { throw PipelineError(.dataError, "no gold id matches a standard of the configured inputs") }
        progress.stage("train", detail: "\(examples.count) labelled standards")
        let weights = ScorerTraining.fit(examples, goldFiles: goldPaths.map { URL(fileURLWithPath: $0).lastPathComponent })
        try write(weights.yaml, to: target, what: "the weights file")
        for slot in 0..<weights.targets.count {
            let name = slot < Characteristic.allCases.count ? Characteristic.allCases[slot].id : "ai_relevance"
            let positives = examples.filter { slot < Characteristic.allCases.count ? $0.label.characteristics.contains(Characteristic.allCases[slot]) : $0.label.aiRelevant }.count
            let model = weights.targets[slot]
            print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) positives \(String(positives).leftPadded(4))  lambda \(model.lambda)\(model.learnedPenalty.map { "  learned_penalty \($0)" } ?? "")  terms \(model.terms.count + model.aiTerms.count)  learned \(model.learned.count)")
        }
        progress.summary("trained on \(examples.count) labelled standards (\(unmatched.count) unmatched) → \(target)",
                         fields: ["examples": examples.count, "unmatched": unmatched.count])
        return .success
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
