import Foundation
import LandscapeModel
import Testing
@testable import Score

/// The learned text features: their extraction, their weights in the weights file, their
/// use in scoring, and the cross-validation that must never let a held-out fold's labels
/// reach the fit.
@Suite("Learned text features")
struct LearnedFeaturesTests {
    /// A standard whose features are worked out by hand below.
    static let handMade = Fixtures.standard(
        "ISO 7:2020", title: "Privacy of cloud data", abstract: "Robots work. Robots stop; Robot-arms move &amp; <b>fast</b>.",
        keywords: ["cloud", "data 2020"])

    /// Its features: stop words ("of") and numbers ("2020") make none, nor any pair; pairs
    /// are adjacent words of one sentence ("robot work", not "work robot"), never across `;`
    /// (no keywords pair "cloud data"); a hyphen separates two words ("robot arm"); entities
    /// and inline tags are skipped ("move fast"). Words are stemmed (robots → robot, arms → arm).
    static let handMadeKeys = [
        "abstract:arm", "abstract:arm move", "abstract:fast", "abstract:move", "abstract:move fast",
        "abstract:robot", "abstract:robot arm", "abstract:robot stop", "abstract:robot work", "abstract:stop", "abstract:work",
        "keywords:cloud", "keywords:data",
        "title:cloud", "title:cloud data", "title:data", "title:privacy",
    ]

    @Test func theFeaturesOfAHandMadeStandard() {
        #expect(TextFeatures.keys(of: Self.handMade, settings: TextFeatureSettings()) == Self.handMadeKeys)
        // Single words only, and fields left out.
        let words = TextFeatures.keys(of: Self.handMade, settings: TextFeatureSettings(fields: [.title], maximumWords: 1))
        #expect(words == ["title:cloud", "title:data", "title:privacy"])
        // Accents and capitals fold as the vocabulary's do; the French title is not read.
        let french = Fixtures.standard(title: "Sécurité Données", otherTitles: ["fr": "Données personnelles"])
        #expect(TextFeatures.keys(of: french, settings: TextFeatureSettings()) == ["title:donne", "title:securit", "title:securit donne"])
    }

    /// Weights with the given learned weights for `safe` (and none for the other targets).
    static func weights(safe learned: [String: Double], intercept: Double = -1) -> ScoringWeights {
        var targets = [ScoringWeights.Target](repeating: ScoringWeights.Target(intercept: -5), count: ScoreSlot.scoredCount)
        targets[ScoreSlot.slot(.safe)] = ScoringWeights.Target(intercept: intercept, learned: learned)
        return ScoringWeights(targets: targets, textFeatures: TextFeatureSettings())
    }

    @Test func scoringFindsTheFeaturesTrainingExtracts() throws {
        let taxonomy = try Fixtures.smallTaxonomy()
        // Every feature of the standard, each its own weight, and two it does not have.
        var learned: [String: Double] = [:]
        for (position, key) in Self.handMadeKeys.enumerated() { learned[key] = 0.03 * Double(position + 1) }
        learned["title:robot"] = 5
        learned["abstract:cloud data"] = 5
        var weights = Self.weights(safe: learned)
        weights[.characteristic(.privacyEnhanced)] = ScoringWeights.Target(intercept: -20, learned: ["title:cloud": 0.5])
        let scorer = Scorer(taxonomy: taxonomy, weights: weights)
        let card = scorer.detailedScore(Self.handMade)
        let found = card.evidence(for: .characteristic(.safe)).filter { $0.coefficient != nil }
        #expect(Set(found.map(\.term)) == Set(Self.handMadeKeys))
        // Each found once, value 1, contribution its weight; the score adds them all.
        #expect(found.count == Self.handMadeKeys.count)
        for item in found {
            #expect(item.value == 1)
            #expect(item.weight == learned[item.term])
            #expect(item.term.hasPrefix(item.field.rawValue + ":"))
        }
        let total = Self.handMadeKeys.reduce(0.0) { $0 + learned[$1]! }
        #expect(abs(card.score(.safe) - 1 / (1 + exp(-(-1 + total)))) < 1e-12)
        // The words as they stand in the field.
        #expect(found.first { $0.term == "abstract:robot arm" }?.matched == "Robot-arms")
        #expect(found.first { $0.term == "title:cloud data" }?.matched == "cloud data")

        // A run scores the abstract where it is read: the same features, the same score.
        var condensed = Self.handMade
        condensed.condensedAbstract = scorer.abstractEvidence(of: condensed.abstract)
        condensed.abstract = ""
        let run = scorer.score(condensed)
        #expect(abs(run.score(.safe) - card.score(.safe)) < 1e-12)
        // A run's evidence lists the learned features that move the logit by 0.3 or more,
        // for the targets the standard passes.
        let shown = run.evidence(for: .characteristic(.safe)).filter { $0.coefficient != nil }
        #expect(run.characteristics == [.safe])
        #expect(Set(shown.map(\.term)) == Set(Self.handMadeKeys.filter { learned[$0]! >= ScoringModel.shownLearnedWeight }))
        #expect(ScoringModel.shownLearnedWeight == 0.3)
        #expect(shown.count == Self.handMadeKeys.filter { learned[$0]! >= 0.3 }.count)
        // Not for a target it does not pass: privacy keeps its vocabulary term, not the learned one.
        #expect(run.evidence(for: .characteristic(.privacyEnhanced)).map(\.term) == ["privacy"])
        #expect(card.evidence(for: .characteristic(.privacyEnhanced)).map(\.term).sorted() == ["privacy", "title:cloud"])
    }

    // MARK: - the weights file

    @Test func theWeightsFileRoundTripsWithLearnedFeatures() throws {
        let taxonomy = try Fixtures.smallTaxonomy()
        let examples = try Self.examples()
        let weights = ScorerTraining.fit(examples, goldFiles: ["small.csv"])
        #expect(weights.textFeatures == TextFeatureSettings())
        let safe = weights[.characteristic(.safe)]
        #expect(!safe.learned.isEmpty)
        // What was learnt: valves (stemmed "valv") go with `safe` in the labels below.
        #expect(try #require(safe.learned["title:valv"]) > 0)
        let yaml = weights.yaml
        #expect(yaml.contains("\nversion: 2\n"))
        #expect(yaml.contains("\ntext_features:\n  fields: [abstract, keywords, title]\n  maximum_words: 2\n  minimum_count: 2\n"))
        let loaded = try ScoringWeights.parse(yaml: yaml, source: "w.yaml", taxonomy: taxonomy)
        #expect(loaded.yaml == yaml)
        #expect(loaded.textFeatures == weights.textFeatures)
        for slot in 0..<ScoreSlot.scoredCount {
            for (key, value) in weights.targets[slot].learned {
                #expect(abs(loaded.targets[slot].learned[key]! - value) <= 5e-7)
            }
        }
        // Each target's factor for the learned features is one of the candidates, written and read back.
        for target in weights.targets {
            #expect(TrainingOptions().learnedPenaltyFactors.contains(try #require(target.learnedPenalty)))
        }
        #expect(loaded.targets.map(\.learnedPenalty) == weights.targets.map(\.learnedPenalty))
        let single = ScorerTraining.fit(examples, options: TrainingOptions(learnedPenaltyFactors: [7]))
        #expect(single.targets.allSatisfy { $0.learnedPenalty == 7 })
        #expect(single.yaml.contains("\n    learned_penalty: 7.000000\n"))
        // Without text features: a version 1 file, as before.
        let plain = ScorerTraining.fit(examples, options: TrainingOptions(textFeatures: nil))
        #expect(plain.targets.allSatisfy { $0.learnedPenalty == nil })
        #expect(plain.yaml.hasSuffix("\nversion: 1\n"))
        #expect(!plain.yaml.contains("\n    learned:\n"))
        #expect(!plain.yaml.contains("\ntext_features:"))
    }

    static let goodWeights = """
    targets:
      accountable_transparent: {intercept: -2}
      ai_relevance: {intercept: -2, learned: {"title:machin learn": 1.5}}
      explainable_interpretable: {intercept: -2}
      fair_bias_managed: {intercept: -2}
      human_oversight: {intercept: -2}
      privacy_enhanced: {intercept: -2}
      safe:
        intercept: -3
        learned:
          "title:safety": 2
          "abstract:pump": -0.5
      secure_resilient: {intercept: -2}
      societal_wellbeing: {intercept: -2}
      valid_reliable: {intercept: -2}
    text_features:
      fields: [title, abstract]
      maximum_words: 2
      minimum_count: 3
    version: 2

    """

    @Test func aHandWrittenFileWithLearnedFeaturesScores() throws {
        let taxonomy = try Fixtures.smallTaxonomy()
        let weights = try ScoringWeights.parse(yaml: Self.goodWeights, source: "w.yaml", taxonomy: taxonomy)
        #expect(weights.textFeatures == TextFeatureSettings(fields: [.title, .abstract], maximumWords: 2, minimumCount: 3))
        let scorer = Scorer(taxonomy: taxonomy, weights: weights)
        let card = scorer.score(Fixtures.standard(title: "Machine learning and safety", abstract: "For pumps."))
        #expect(abs(card.aiRelevance - 1 / (1 + exp(-(-2 + 1.5)))) < 1e-12)
        #expect(abs(card.score(.safe) - 1 / (1 + exp(-(-3 + 2 - 0.5)))) < 1e-12)
        // Keywords are not among the fields: "pump" there is no feature.
        let keywords = scorer.score(Fixtures.standard(title: "Safety", keywords: ["pumps"]))
        #expect(abs(keywords.score(.safe) - 1 / (1 + exp(-(-3 + 2)))) < 1e-12)
    }

    /// A bad variant of ``goodWeights``.
    static func replacing(_ text: String, _ replacement: String) -> String {
        precondition(goodWeights.contains(text))
        return goodWeights.replacingOccurrences(of: text, with: replacement)
    }

    /// Each bad file and the line and key its error must name.
    static let badFiles: [(yaml: String, line: Int, key: String, reason: String)] = [
        (Self.replacing("version: 2", "version: 1"),
         16, "text_features", "needs version 2"),
        (Self.replacing("version: 2", "version: 3"),
         20, "version", "unsupported version"),
        (Self.replacing("\"abstract:pump\"", "\"colour:red\""),
         12, "targets.safe.learned.colour:red", "not a learned feature"),
        (Self.replacing("\"abstract:pump\"", "\"keywords:pump\""),
         12, "targets.safe.learned.keywords:pump", "not among text_features.fields"),
        (Self.replacing("\"abstract:pump\"", "\"abstract:Pump\""),
         12, "targets.safe.learned.abstract:Pump", "not a stemmed word"),
        (Self.replacing("\"abstract:pump\"", "\"abstract:big red pump\""),
         12, "targets.safe.learned.abstract:big red pump", "not a learned feature"),
        (Self.replacing("maximum_words: 2", "maximum_words: 1"),
         3, "targets.ai_relevance.learned.title:machin learn", "more than text_features.maximum_words"),
        (Self.replacing("    intercept: -3\n", "    intercept: -3\n    learned_penalty: 0\n"),
         10, "targets.safe.learned_penalty", "out of range"),
        (Self.replacing("\"title:safety\": 2", "\"title:safety\": lots"),
         11, "targets.safe.learned.title:safety", "expected a number"),
        (Self.replacing("fields: [title, abstract]", "fields: [title, summary]"),
         17, "text_features.fields[1]", "unknown field"),
        (Self.replacing("maximum_words: 2", "maximum_words: 3"),
         18, "text_features.maximum_words", "out of range"),
        (Self.replacing("  minimum_count: 3\n", "  minimum_count: 3\n  colour: red\n"),
         20, "text_features.colour", "unknown key"),
        (Self.replacing("text_features:\n  fields: [title, abstract]\n  maximum_words: 2\n  minimum_count: 3\n", ""),
         3, "targets.ai_relevance.learned", "need text_features"),
    ]

    @Test(arguments: badFiles)
    func theWeightsFileRejectsBadLearnedFeatures(yaml: String, line: Int, key: String, reason: String) throws {
        try Fixtures.expectWeightsError(yaml, line: line, key: key, reason: reason)
    }

    // MARK: - no leakage

    /// 60 standards: pumps, valves and sensors, each with a line of abstract; `safe` goes with
    /// valves and a few others, AI relevance with sensors, so that text features carry the labels.
    static func corpus() -> (standards: [Standard], gold: GoldFile) {
        var standards: [Standard] = []
        var csv = "id,ai_relevant,characteristics\n"
        let kinds = ["pumps", "valves", "sensors"]
        let materials = ["steel", "brass", "plastic", "copper", "iron"]
        for index in 0..<60 {
            let kind = kinds[index % 3], material = materials[(index / 3) % 5]
            let id = "ISO \(1000 + index):2020"
            standards.append(Fixtures.standard(
                id, title: "\(material.capitalized) \(kind) for plants",
                abstract: "This document specifies \(kind) made of \(material). It covers testing of \(kind) in service."))
            let safe = kind == "valves" || index % 7 == 0
            let ai = kind == "sensors" && index % 4 != 1
            csv += "\(id),\(ai ? 1 : 0),\(safe ? "safe" : "")\n"
        }
        return (standards, try! GoldFile.parse(csv, path: "small.csv"))
    }

    /// A word the scanner keeps whole with a character that is neither a letter nor a digit
    /// (a private-use glyph before "json", as in an abstract of the corpus) makes no learned
    /// feature: the weights file `train` writes is one the run reads.
    @Test func aWordTheWeightsFileCannotNameMakesNoFeature() throws {
        var (standards, gold) = Self.corpus()
        for index in standards.indices {
            standards[index].abstract += " Data are exchanged as \u{F02D}json files."
        }
        let examples = try Self.examples((standards, gold))
        #expect(examples.allSatisfy { $0.textKeys.contains { $0.contains("\u{F02D}") } })
        let keys = ScorerTraining.textFeatureKeys(examples, minimumCount: 2)
        #expect(keys.contains("abstract:exchang"))
        #expect(!keys.contains { $0.contains("\u{F02D}") })
        let weights = ScorerTraining.fit(examples, goldFiles: ["small.csv"])
        let loaded = try ScoringWeights.parse(yaml: weights.yaml, source: "w.yaml", taxonomy: try Fixtures.smallTaxonomy())
        #expect(loaded.yaml == weights.yaml)
    }

    static func examples(_ corpus: (standards: [Standard], gold: GoldFile) = corpus()) throws -> [LabelledExample] {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        return ScorerTraining.examples(gold: corpus.gold, standards: corpus.standards, scorer: scorer, matchKey: EvaluationTests.key).examples
    }

    @Test func aHeldOutFoldsLabelsReachNeitherTheFitNorTheThresholds() throws {
        let examples = try Self.examples()
        #expect(examples.count == 60)
        #expect(examples.allSatisfy { !$0.textKeys.isEmpty })
        let options = TrainingOptions(lambdas: [0.001, 0.01, 0.1], innerFolds: 3)
        let folds = ScorerTraining.folds(examples, count: 4)
        let before = ScorerTraining.crossValidatedCards(examples, folds: 4, options: options)
        // Every label of fold 0 turned upside down: its held-out scores and thresholds must not move.
        var flipped = examples
        for index in flipped.indices where folds[index] == 0 {
            flipped[index].label.aiRelevant.toggle()
            flipped[index].label.characteristics = Set(Characteristic.allCases).subtracting(flipped[index].label.characteristics)
        }
        // The folds are assigned from the labels (strata of the rarest label): keep them as they were.
        let after = ScorerTraining.crossValidatedCards(flipped, folds: 4, options: options, assigned: folds)
        var compared = 0
        for index in examples.indices where folds[index] == 0 {
            #expect(after[index].card.aiRelevance == before[index].card.aiRelevance)
            #expect(after[index].card.scores == before[index].card.scores)
            #expect(after[index].thresholds == before[index].thresholds)
            compared += 1
        }
        #expect(compared == 15)
        // The test can fail: the same flip does move the other folds, fitted with those labels.
        let moved = examples.indices.filter { folds[$0] != 0 && after[$0].card.scores != before[$0].card.scores }
        #expect(moved.count == 45)
    }

    @Test func featuresAreChosenWithoutLabels() throws {
        // Which text features a fit may use depends on how many standards have them, not on
        // their labels: the same with every label changed.
        let examples = try Self.examples()
        var relabelled = examples
        for index in relabelled.indices { relabelled[index].label = GoldLabel(id: examples[index].label.id, aiRelevant: false, characteristics: []) }
        #expect(ScorerTraining.textFeatureKeys(examples, minimumCount: 3) == ScorerTraining.textFeatureKeys(relabelled, minimumCount: 3))
        #expect(ScorerTraining.textFeatureKeys(examples, minimumCount: 3).contains("title:valv"))
        // "plants" is in every title; a word of one standard only is no feature.
        #expect(ScorerTraining.textFeatureKeys(examples, minimumCount: 61).isEmpty)
    }

    // MARK: - the optimiser on many features

    @Test func eachFeaturesOwnPenaltyIsTheOneMinimised() {
        var random = FittedScoringTests.Sequence(state: 5)
        let featureCount = 40
        let rows: [LogisticRegression.Row] = (0..<300).map { _ in
            (0..<featureCount).filter { _ in random.next() < 0.2 }.map { (index: $0, value: 1.0) }
        }
        let truth = LogisticRegression(intercept: -0.5, weights: (0..<featureCount).map { _ in random.next() * 2 - 1 })
        let targets = rows.map { random.next() < truth.probability($0) ? 1.0 : 0.0 }
        let lambda = 0.01
        // The second half penalised ten times as much (as learned features with factor 10).
        let penalties = (0..<featureCount).map { $0 < featureCount / 2 ? 1.0 : 10.0 }
        let sparse = LogisticRegression.SparseRows(rows, featureCount: featureCount)
        let fitted = LogisticRegression.fit(sparse, targets: targets, lambda: lambda, penalties: penalties)
        var gradient = zip(fitted.weights, penalties).map { 2 * lambda * $1 * $0 }
        for (row, y) in zip(rows, targets) {
            let residual = (fitted.probability(row) - y) / Double(rows.count)
            for (index, value) in row { gradient[index] += residual * value }
        }
        #expect(gradient.allSatisfy { abs($0) < 1e-8 })
        // Heavier penalties shrink: the second half's weights are smaller than with one strength for all.
        let even = LogisticRegression.fit(sparse, targets: targets, lambda: lambda)
        let norm = { (weights: ArraySlice<Double>) in weights.reduce(0) { $0 + $1 * $1 } }
        #expect(norm(fitted.weights[(featureCount / 2)...]) < norm(even.weights[(featureCount / 2)...]) / 4)
    }

    @Test func fittingManySparseFeaturesReachesTheOptimum() {
        var random = FittedScoringTests.Sequence(state: 17)
        let featureCount = 400
        let rows: [LogisticRegression.Row] = (0..<600).map { _ in
            var row: [(index: Int, value: Double)] = []
            for index in 0..<featureCount where random.next() < 0.03 { row.append((index, 1)) }
            return row
        }
        let truth = LogisticRegression(intercept: -1, weights: (0..<featureCount).map { _ in random.next() * 4 - 2 })
        let targets = rows.map { random.next() < truth.probability($0) ? 1.0 : 0.0 }
        let lambda = 0.001
        let sparse = LogisticRegression.SparseRows(rows, featureCount: featureCount)
        let fitted = LogisticRegression.fit(sparse, targets: targets, lambda: lambda)
        // The gradient of mean log-loss + λ‖w‖² vanishes at the optimum.
        var gradient = fitted.weights.map { 2 * lambda * $0 }
        var interceptGradient = 0.0
        for (row, y) in zip(rows, targets) {
            let residual = (fitted.probability(row) - y) / Double(rows.count)
            interceptGradient += residual
            for (index, value) in row { gradient[index] += residual * value }
        }
        // (The intercept's own penalty is a negligible 1e-8 b².)
        #expect(abs(interceptGradient + 2e-8 * fitted.intercept) < 1e-8)
        #expect(gradient.allSatisfy { abs($0) < 1e-8 })
        // Started elsewhere (a fit at another strength), the same optimum.
        let warm = LogisticRegression.fit(sparse, targets: targets, lambda: lambda,
                                          start: LogisticRegression.fit(sparse, targets: targets, lambda: 0.1))
        #expect(zip(warm.weights, fitted.weights).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(abs(warm.intercept - fitted.intercept) < 1e-6)
    }
}
