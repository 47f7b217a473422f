import Foundation
import LandscapeModel
import Testing
@testable import Score

/// The fitted scorer: the optimiser, the folds, `train`'s weights file and the cross-validated evaluation.
@Suite("Fitted scoring")
struct FittedScoringTests {
    /// A deterministic pseudo-random sequence in [0, 1) (a 64-bit LCG), for synthetic data.
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// Rows of three features, about a third of them absent in each row.
    static func syntheticRows(_ count: Int, seed: UInt64) -> [LogisticRegression.Row] {
        var random = Sequence(state: seed)
        return (0..<count).map { _ in
            (0..<3).compactMap { index -> (index: Int, value: Double)? in
                random.next() < 0.33 ? nil : (index, random.next() * 4 - 2)
            }
        }
    }

    @Test func fittingRecoversKnownWeightsFromExactProbabilities() {
        // Targets are the model's own probabilities: without a penalty the log-loss is smallest
        // exactly at the weights that made them.
        let truth = LogisticRegression(intercept: -0.7, weights: [1.5, -2.0, 0.25])
        let rows = Self.syntheticRows(400, seed: 7)
        let targets = rows.map(truth.probability)
        let fitted = LogisticRegression.fit(rows: rows, targets: targets, featureCount: 3, lambda: 0)
        #expect(abs(fitted.intercept - truth.intercept) < 1e-4, "intercept \(fitted.intercept)")
        for (found, expected) in zip(fitted.weights, truth.weights) {
            #expect(abs(found - expected) < 1e-4, "weights \(fitted.weights)")
        }
        #expect(fitted.iterations < 50)
    }

    @Test func fittingRecoversKnownWeightsFromSampledLabels() {
        let truth = LogisticRegression(intercept: 0.5, weights: [2.0, -1.0, 0.0])
        let rows = Self.syntheticRows(8_000, seed: 11)
        var random = Sequence(state: 3)
        let labels = rows.map { random.next() < truth.probability($0) ? 1.0 : 0.0 }
        let fitted = LogisticRegression.fit(rows: rows, targets: labels, featureCount: 3, lambda: 1e-6)
        #expect(abs(fitted.intercept - 0.5) < 0.1, "intercept \(fitted.intercept)")
        for (found, expected) in zip(fitted.weights, truth.weights) {
            #expect(abs(found - expected) < 0.1, "weights \(fitted.weights)")
        }
    }

    @Test func theL2PenaltyShrinksTheWeights() {
        let truth = LogisticRegression(intercept: 0, weights: [1.5, -2.0, 0.25])
        let rows = Self.syntheticRows(400, seed: 5)
        let targets = rows.map(truth.probability)
        let loose = LogisticRegression.fit(rows: rows, targets: targets, featureCount: 3, lambda: 0)
        let tight = LogisticRegression.fit(rows: rows, targets: targets, featureCount: 3, lambda: 1)
        let norm = { (model: LogisticRegression) in model.weights.reduce(0) { $0 + $1 * $1 } }
        #expect(norm(tight) < norm(loose) / 4)
        // The optimum of mean log-loss + λ‖w‖²: the gradient vanishes there.
        for feature in 0..<3 {
            var gradient = 2 * 1.0 * tight.weights[feature]
            for (row, y) in zip(rows, targets) {
                let residual = tight.probability(row) - y
                for (index, value) in row where index == feature { gradient += residual * value / Double(rows.count) }
            }
            #expect(abs(gradient) < 1e-8)
        }
    }

    @Test func thePenaltyShrinksTowardsItsPriorMeans() {
        let truth = LogisticRegression(intercept: 0, weights: [1.5, -2.0, 0.25])
        let rows = Self.syntheticRows(400, seed: 9)
        let targets = rows.map(truth.probability)
        let sparse = LogisticRegression.SparseRows(rows, featureCount: 3)
        let means = [3.0, 1.0, -2.0]
        // A strong penalty holds the weights at the means, not at 0.
        let held = LogisticRegression.fit(sparse, targets: targets, lambda: 1_000, priorMeans: means)
        for (found, mean) in zip(held.weights, means) { #expect(abs(found - mean) < 0.01, "weights \(held.weights)") }
        // The optimum of mean log-loss + λ‖w − m‖²: the gradient vanishes there.
        let fitted = LogisticRegression.fit(sparse, targets: targets, lambda: 0.5, priorMeans: means)
        for feature in 0..<3 {
            var gradient = 2 * 0.5 * (fitted.weights[feature] - means[feature])
            for (row, y) in zip(rows, targets) {
                let residual = fitted.probability(row) - y
                for (index, value) in row where index == feature { gradient += residual * value / Double(rows.count) }
            }
            #expect(abs(gradient) < 1e-8)
        }
        // Zero means are the plain L2 penalty.
        let plain = LogisticRegression.fit(sparse, targets: targets, lambda: 0.5)
        let zero = LogisticRegression.fit(sparse, targets: targets, lambda: 0.5, priorMeans: [0, 0, 0])
        #expect(plain.weights == zero.weights && plain.intercept == zero.intercept)
    }

    // MARK: - folds

    static func labels(_ count: Int) -> (ids: [String], labels: [GoldLabel]) {
        let ids = (0..<count).map { "ISO \(1000 + $0 * 7):2020" }
        let labels = ids.enumerated().map { index, id in
            var characteristics: Set<Characteristic> = []
            if index % 3 == 0 { characteristics.insert(.safe) }
            if index % 10 == 4 { characteristics.insert(.explainableInterpretable) }
            return GoldLabel(id: id, aiRelevant: index % 10 == 4 || index % 7 == 0, characteristics: characteristics)
        }
        return (ids, labels)
    }

    @Test func foldsAreDisjointCoverEveryStandardAndSpreadRareClasses() {
        let (ids, labels) = Self.labels(103)
        let folds = ScorerTraining.folds(ids: ids, labels: labels, count: 5)
        #expect(folds.count == ids.count)
        // One fold per standard, every fold in range: the folds are disjoint and cover all.
        #expect(folds.allSatisfy { (0..<5).contains($0) })
        let members = (0..<5).map { fold in Set(ids.indices.filter { folds[$0] == fold }) }
        #expect(members.reduce(Set<Int>()) { $0.union($1) } == Set(ids.indices))
        for a in 0..<5 { for b in (a + 1)..<5 { #expect(members[a].isDisjoint(with: members[b])) } }
        // Balanced: 103 = 5 × 20 + 3.
        #expect(members.map(\.count).sorted() == [20, 20, 21, 21, 21])
        // The rare class (explainable, 10 standards) is spread two per fold.
        let rare = ids.indices.filter { labels[$0].characteristics.contains(.explainableInterpretable) }
        #expect(rare.count == 10)
        #expect((0..<5).map { fold in rare.filter { folds[$0] == fold }.count } == [2, 2, 2, 2, 2])
    }

    @Test func theBestThresholdAndItsF1AreTheHandComputedOnes() {
        // Scores 0.9 (positive), 0.8 (negative), 0.3 (positive), 0.2 (negative):
        //   up to 0.20 all four listed: TP 2, FP 2 → F1 4/6; 0.25 and 0.30: TP 2, FP 1 → 4/5;
        //   0.35 … 0.80: TP 1, FP 1, FN 1 → 1/2; 0.85, 0.90: TP 1, FN 1 → 2/3; 0.95: none → 0.
        // Best F1 4/5 at 0.25 and 0.30; the one nearer to the fallback 0.5 is 0.30.
        let best = ScorerTraining.bestThreshold([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0], accuracy: false, fallback: 0.5)
        #expect(abs(best.threshold - 0.30) < 1e-12)
        #expect(abs(best.value - 0.8) < 1e-12)
        // Accuracy: 0.25 or 0.30 (3 of 4 right), 0.85 or 0.90 (3 of 4 right): nearest to 0.5 is 0.30.
        let accuracy = ScorerTraining.bestThreshold([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0], accuracy: true, fallback: 0.5)
        #expect(abs(accuracy.threshold - 0.30) < 1e-12)
        #expect(accuracy.value == 3)
    }

    @Test func theStrengthWithTheBestHeldOutF1WinsWhateverItsLogLoss() {
        // A higher F1 wins even with a higher log-loss; an equal F1 goes to the lower log-loss;
        // a lower F1 never wins.
        #expect(ScorerTraining.improves(f1: 0.8, loss: 10, over: (f1: 0.7, loss: 5)))
        #expect(ScorerTraining.improves(f1: 0.7, loss: 4, over: (f1: 0.7, loss: 5)))
        #expect(!ScorerTraining.improves(f1: 0.7, loss: 5, over: (f1: 0.7, loss: 5)))
        #expect(!ScorerTraining.improves(f1: 0.6, loss: 1, over: (f1: 0.7, loss: 5)))
        // Without the F1 (every candidate at 0) the log-loss alone decides, from the first on.
        #expect(ScorerTraining.improves(f1: 0, loss: 100, over: (f1: -.infinity, loss: .infinity)))
        #expect(!ScorerTraining.improves(f1: 0, loss: 6, over: (f1: 0, loss: 5)))
    }

    @Test func foldsDependOnTheIdsNotOnTheirOrder() {
        let (ids, labels) = Self.labels(40)
        let folds = ScorerTraining.folds(ids: ids, labels: labels, count: 4)
        let reversed = ScorerTraining.folds(ids: ids.reversed(), labels: labels.reversed(), count: 4)
        #expect(Array(reversed.reversed()) == folds)
        #expect(ScorerTraining.stableHash("ISO/IEC 42001:2023") == ScorerTraining.stableHash("ISO/IEC 42001:2023"))
        #expect(ScorerTraining.stableHash("") == 0xcbf2_9ce4_8422_2325)
    }

    @Test func theEditionKeyKeepsADraftInTheFoldOfItsPublishedStandard() throws {
        var (standards, _) = Self.corpus()
        // Drafts of three labelled standards, under undated references of their own.
        for number in [100, 201, 302] {
            standards.append(Fixtures.standard("ISO/DIS \(number)", title: standards.first { $0.id == "ISO \(number):2020" }!.title))
        }
        var csv = "id,ai_relevant,characteristics\n"
        for standard in standards {
            let label = standard.title.hasPrefix("Functional") ? "0,safe" : standard.title.hasPrefix("Cyber") ? "0,secure_resilient"
                : standard.title.hasPrefix("Machine") ? "1," : "0,"
            csv += "\(standard.id),\(label)\n"
        }
        let gold = try GoldFile.parse(csv, path: "editions.csv")
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let published: (Standard) -> String = { EvaluationTests.key($0.undatedId.replacingOccurrences(of: "ISO/DIS ", with: "ISO ")) }
        let examples = ScorerTraining.examples(gold: gold, standards: standards, scorer: scorer, matchKey: EvaluationTests.key,
                                               editionKey: published).examples
        #expect(examples.count == 35)
        let folds = ScorerTraining.folds(examples, count: 5)
        for number in [100, 201, 302] {
            let draft = try #require(examples.firstIndex { $0.id == "ISO/DIS \(number)" })
            let standard = try #require(examples.firstIndex { $0.id == "ISO \(number):2020" })
            #expect(examples[draft].group == examples[standard].group)
            #expect(folds[draft] == folds[standard])
        }
        // Without the key each keeps its own undated reference.
        let apart = ScorerTraining.examples(gold: gold, standards: standards, scorer: scorer, matchKey: EvaluationTests.key).examples
        #expect(apart.first { $0.id == "ISO/DIS 100" }?.group != apart.first { $0.id == "ISO 100:2020" }?.group)
    }

    // MARK: - train

    /// Labelled standards for the small taxonomy: safety, security and AI terms in titles.
    static func corpus() -> (standards: [Standard], gold: GoldFile) {
        var standards: [Standard] = []
        var csv = "id,ai_relevant,characteristics\n"
        let products = ["pumps", "valves", "cranes", "lifts", "presses", "mixers", "saws", "drills"]
        for (index, product) in products.enumerated() {
            standards.append(Fixtures.standard("ISO \(100 + index):2020", title: "Functional safety of \(product)"))
            csv += "ISO \(100 + index):2020,0,safe\n"
            standards.append(Fixtures.standard("ISO \(200 + index):2020", title: "Cybersecurity for \(product)"))
            csv += "ISO \(200 + index):2020,0,secure_resilient\n"
            standards.append(Fixtures.standard("ISO \(300 + index):2020", title: "Dimensions of \(product)"))
            csv += "ISO \(300 + index):2020,0,\n"
            standards.append(Fixtures.standard("ISO \(400 + index):2020", title: "Machine learning for \(product)"))
            csv += "ISO \(400 + index):2020,1,\n"
        }
        return (standards, try! GoldFile.parse(csv, path: "small.csv"))
    }

    static func examples() throws -> [LabelledExample] {
        let (standards, gold) = corpus()
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        return ScorerTraining.examples(gold: gold, standards: standards, scorer: scorer, matchKey: EvaluationTests.key).examples
    }

    @Test func trainingIsDeterministicAndTheFileRoundTrips() throws {
        let examples = try Self.examples()
        #expect(examples.count == 32)
        let first = ScorerTraining.fit(examples, goldFiles: ["small.csv"]).yaml
        let second = ScorerTraining.fit(examples, goldFiles: ["small.csv"]).yaml
        #expect(first == second)
        // Another order of the same labels: the same bytes.
        let shuffled = ScorerTraining.fit(examples.reversed(), goldFiles: ["small.csv"]).yaml
        #expect(shuffled == first)

        let taxonomy = try Fixtures.smallTaxonomy()
        let loaded = try ScoringWeights.parse(yaml: first, source: "w.yaml", taxonomy: taxonomy)
        #expect(loaded.yaml == first)
        #expect(loaded.examples == 32)
        #expect(loaded.goldFiles == ["small.csv"])
        // What was learnt: the safety term is strong evidence of `safe`, the AI term of AI relevance.
        let scorer = Scorer(taxonomy: taxonomy, weights: loaded)
        let card = scorer.score(Fixtures.standard(title: "Functional safety of machine learning"))
        #expect(card.characteristics == [.safe])
        #expect(card.aiRelevance > 0.5)
        let plain = scorer.score(Fixtures.standard(title: "Dimensions of bolts"))
        #expect(plain.characteristics.isEmpty)
        #expect(plain.aiRelevance < 0.5)
        // Every score keeps its evidence: each feature's contribution is coefficient × value
        // (the taxonomy's term, and the learned words and pairs of the title).
        let detailed = scorer.detailedScore(Fixtures.standard(title: "Functional safety of machine learning"))
        let safe = detailed.evidence(for: .characteristic(.safe))
        #expect(safe.map(\.term).contains("functional safety"))
        #expect(safe.filter { $0.term.hasPrefix("title:") }.allSatisfy { $0.value == 1 && $0.coefficient == $0.weight })
        let item = try #require(safe.first { $0.term == "functional safety" })
        #expect(item.field == .title)
        #expect(item.matched == "Functional safety")
        let coefficient = try #require(item.coefficient)
        let value = try #require(item.value)
        #expect(value == 4.5) // term weight 1.5 × title weight 3
        #expect(abs(item.weight - coefficient * value) < 1e-12)
        let intercept = try #require(card.intercept(for: .characteristic(.safe)))
        #expect(abs(card.score(.safe) - 1 / (1 + exp(-(intercept + safe.reduce(0) { $0 + $1.weight })))) < 1e-12)
    }

    /// A characteristic with two labelled standards borrows the strength of a title term from
    /// the characteristics with many: its field weights are shrunk towards the shared ones.
    @Test func aRareCharacteristicBorrowsTheSharedFieldWeights() throws {
        var (standards, gold) = Self.corpus()
        for (index, product) in ["pumps", "valves"].enumerated() {
            standards.append(Fixtures.standard("ISO \(600 + index):2020", title: "Explainability of \(product)"))
            gold.labels.append(GoldLabel(id: "ISO \(600 + index):2020", aiRelevant: false, characteristics: [.explainableInterpretable]))
        }
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let examples = ScorerTraining.examples(gold: gold, standards: standards, scorer: scorer, matchKey: EvaluationTests.key).examples
        let isAI = [Bool](repeating: false, count: examples.count)
        let shared = try #require(ScorerTraining.sharedFieldWeights(examples, isAI: isAI, lambda: 0.01))
        #expect(shared[ScoredField.fieldIndex(.title)] > 1, "shared field weights \(shared)")

        let options = TrainingOptions(lambdas: [0.1], textFeatures: nil)
        var without = options
        without.sharesFieldWeights = false
        let borrowed = ScorerTraining.fit(examples, options: options).targets[ScoreSlot.slot(.explainableInterpretable)]
        let alone = ScorerTraining.fit(examples, options: without).targets[ScoreSlot.slot(.explainableInterpretable)]
        let title = { (target: ScoringWeights.Target) in target.fields[.title] ?? 0 }
        #expect(title(borrowed) > title(alone), "title weight \(title(borrowed)) against \(title(alone))")
        // So a standard it never saw, whose title names the term, scores higher.
        let taxonomy = try Fixtures.smallTaxonomy()
        let unseen = Fixtures.standard(title: "Explainability of cranes")
        let withShared = Scorer(taxonomy: taxonomy, weights: ScorerTraining.fit(examples, options: options))
        let withoutShared = Scorer(taxonomy: taxonomy, weights: ScorerTraining.fit(examples, options: without))
        #expect(withShared.score(unseen).score(.explainableInterpretable) > withoutShared.score(unseen).score(.explainableInterpretable))
        // The other characteristics' fits are unchanged in kind: safety still makes `safe`.
        #expect(withShared.score(Fixtures.standard(title: "Functional safety of saws")).characteristics.contains(.safe))
    }

    // MARK: - the weights file

    static let goodWeights = """
    ai_threshold: 0.5
    targets:
      accountable_transparent: {intercept: -2, fields: {title: 1}}
      ai_relevance: {intercept: -2, fields: {title: 1}, terms: {"machine learning": 0.5}}
      explainable_interpretable: {intercept: -2}
      fair_bias_managed: {intercept: -2}
      human_oversight: {intercept: -2}
      privacy_enhanced: {intercept: -2}
      safe:
        intercept: -3
        fields: {title: 1.0, ics: 2}
        terms: {"functional safety": 0.5, "13.110": 1}
      secure_resilient: {intercept: -2}
      societal_wellbeing: {intercept: -2}
      valid_reliable: {intercept: -2}
    threshold: 0.5
    version: 1

    """

    @Test func aHandWrittenWeightsFileScores() throws {
        let taxonomy = try Fixtures.smallTaxonomy()
        let weights = try ScoringWeights.parse(yaml: Self.goodWeights, source: "w.yaml", taxonomy: taxonomy)
        let scorer = Scorer(taxonomy: taxonomy, weights: weights)
        // "functional safety" in the title: value 1.5 × 3 = 4.5, coefficient 1 + 0.5; logit −3 + 6.75.
        let card = scorer.score(Fixtures.standard(title: "Functional safety", ics: ["13.110.10"]))
        // ICS 13.110: value 1.0 × 1.0, coefficient 2 + 1 → +3.
        #expect(abs(card.score(.safe) - 1 / (1 + exp(-(-3 + 6.75 + 3)))) < 1e-12)
        #expect(card.characteristics == [.safe])
        #expect(abs(card.score(.privacyEnhanced) - 1 / (1 + exp(2))) < 1e-12)
        #expect(abs(card.aiRelevance - 1 / (1 + exp(2))) < 1e-12)
    }

    /// Each bad file and the line and key its error must name.
    @Test(arguments: [
        (Self.goodWeights.replacingOccurrences(of: "threshold: 0.5\nversion", with: "threshold: 0.5\ncolour: red\nversion"),
         17, "colour", "unknown key"),
        (Self.goodWeights.replacingOccurrences(of: "\"functional safety\": 0.5", with: "\"pump\": 0.5"),
         12, "targets.safe.terms.pump", "unknown term"),
        (Self.goodWeights.replacingOccurrences(of: "ics: 2", with: "ics: lots"),
         11, "targets.safe.fields.ics", "expected a number"),
        (Self.goodWeights.replacingOccurrences(of: "ics: 2", with: "screen: 2"),
         11, "targets.safe.fields.screen", "unknown field"),
        (Self.goodWeights.replacingOccurrences(of: "  valid_reliable: {intercept: -2}\n", with: ""),
         2, "targets", "missing target(s): valid_reliable"),
        (Self.goodWeights.replacingOccurrences(of: "human_oversight: {intercept: -2}", with: "human_oversight: {intercept: -2, slope: 1}"),
         7, "targets.human_oversight.slope", "unknown key"),
        (Self.goodWeights.replacingOccurrences(of: "ai_threshold: 0.5", with: "ai_threshold: 1.5"),
         1, "ai_threshold", "out of range"),
        (Self.goodWeights.replacingOccurrences(of: "safe:\n    intercept: -3", with: "safe:\n    intercept: .nan"),
         10, "targets.safe.intercept", "expected a number"),
    ])
    func theWeightsFileRejectsUnknownKeysAndBadValues(yaml: String, line: Int, key: String, reason: String) throws {
        try Fixtures.expectWeightsError(yaml, line: line, key: key, reason: reason)
    }

    // MARK: - cross-validated evaluation

    @Test func crossValidatedEvaluationGivesTheHandComputedNumbers() throws {
        // 32 standards of four kinds (8 each) plus two the labels contradict:
        //   "Functional safety of pumps 2" labelled none (its kind is always safe);
        //   "Dimensions of pumps 2" labelled safe (nothing in it says so).
        // Every held-out standard of the four kinds is predicted as its kind (the other folds
        // hold 6 or more of its kind), the two contradicting ones as their kind too:
        //   safe: TP 8, FP 1, FN 1 → P 8/9, R 8/9, F1 8/9
        //   secure_resilient: TP 8 → 1, 1, 1
        //   micro: TP 16, FP 1, FN 1 → F1 32/34 = 0.941; macro F1 (8/9 + 1)/2 = 0.944
        //   AI relevance: the 8 machine-learning standards right and the 26 others → 34/34.
        var (standards, gold) = Self.corpus()
        standards.append(Fixtures.standard("ISO 500:2020", title: "Functional safety of pumps 2"))
        standards.append(Fixtures.standard("ISO 501:2020", title: "Dimensions of pumps 2"))
        gold.labels.append(GoldLabel(id: "ISO 500:2020", aiRelevant: false, characteristics: []))
        gold.labels.append(GoldLabel(id: "ISO 501:2020", aiRelevant: false, characteristics: [.safe]))
        gold.labels.append(GoldLabel(id: "ISO 999:2020", aiRelevant: false, characteristics: [.safe]))
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let evaluation = ScorerTraining.crossValidate(gold: gold, standards: standards, scorer: scorer,
                                                      matchKey: EvaluationTests.key, folds: 4,
                                                      options: TrainingOptions(lambdas: [0.01]))
        #expect(evaluation.matched == 34)
        #expect(evaluation.unmatched.map(\.id) == ["ISO 999:2020"])
        #expect(evaluation.perCharacteristic[.safe] == Evaluation.Counts(truePositives: 8, falsePositives: 1, falseNegatives: 1))
        #expect(evaluation.perCharacteristic[.secureResilient] == Evaluation.Counts(truePositives: 8, falsePositives: 0, falseNegatives: 0))
        #expect(evaluation.micro == Evaluation.Counts(truePositives: 16, falsePositives: 1, falseNegatives: 1))
        #expect(abs(evaluation.micro.f1 - 32.0 / 34.0) < 1e-12)
        #expect(abs(evaluation.macroF1 - (8.0 / 9.0 + 1) / 2) < 1e-12)
        #expect(evaluation.aiCorrect == 34)
        let text = evaluation.render(title: "Cross-validated")
        #expect(text.hasPrefix("Cross-validated\n"))
        #expect(text.hasSuffix("\nmicro_f1=0.941\n"))
        // The errors show each feature's contribution.
        let falsePositive = try #require(evaluation.errors.first { $0.goldID == "ISO 500:2020" })
        #expect(falsePositive.evidence.first?.coefficient != nil)
        // Each error is measured against its own fold's threshold: on the wrong side of it.
        for error in evaluation.errors { #expect(error.margin >= 0, "\(error.goldID) \(error.target): \(error.score) vs \(error.threshold)") }

        // The held-out predictions: one row per matched label, in gold order, beside its labels.
        #expect(evaluation.predictions.count == 34)
        let rows = try CSV.parse(evaluation.predictionsCSV())
        #expect(rows.first == Evaluation.predictionColumns)
        #expect(rows.count == 35)
        let byID = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[2], $0) })
        let contradicted = try #require(byID["ISO 500:2020"])
        #expect(Array(contradicted[2...7]) == ["ISO 500:2020", "ISO 500:2020", "0", "", "0", "safe"])
        let unsupported = try #require(byID["ISO 501:2020"])
        #expect(Array(unsupported[4...7]) == ["0", "safe", "0", ""])
        // Each row's predicted characteristics are those whose score passed its fold's threshold,
        // and the counts of the rows are the table's.
        var safe = Evaluation.Counts()
        for row in rows.dropFirst() {
            let gold = row[5].split(separator: ";").contains("safe"), predicted = row[7].split(separator: ";").contains("safe")
            if gold && predicted { safe.truePositives += 1 } else if predicted { safe.falsePositives += 1 } else if gold { safe.falseNegatives += 1 }
            #expect(Double(row[8]) != nil && row[9...].allSatisfy { Double($0) != nil })
        }
        #expect(safe == evaluation.perCharacteristic[.safe])
    }
}
