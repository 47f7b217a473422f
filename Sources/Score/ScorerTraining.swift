import Foundation
import LandscapeModel

/// A labelled standard with the taxonomy's evidence in it: one example to fit or test on.
public struct LabelledExample: Sendable {
    /// The matched standard's canonical id.
    public var id: String
    /// The key of the standard's editions (by default its undated reference; the pipeline gives
    /// the undated reference of the published standard, which its drafts share): folds are
    /// assigned by it, so that no edition or draft is scored by weights fitted on another.
    public var group: String
    public var label: GoldLabel
    /// Index of the standard in the list it was matched in.
    public var index: Int
    var items: [SlotEvidence]
    var indicators: [Indicator]
    /// Every learned text feature of the standard, by key (`title:machin learn`), sorted.
    var textKeys: [String] = []
}

/// How `landscape train` fits the weights.
public struct TrainingOptions: Sendable {
    /// Candidate L2 strengths; each target takes the one whose held-out probabilities in an
    /// inner cross-validation over the training examples only are best (``selectsByF1``).
    public var lambdas: [Double]
    /// Folds of that inner cross-validation.
    public var innerFolds: Int
    /// The strength used when the inner cross-validation cannot run (fewer than two examples
    /// of a class in the training examples, or a single candidate).
    public var defaultLambda: Double
    /// An indicator (committee or ICS code) becomes a feature of a target when at least this
    /// many training examples have it.
    public var minimumIndicatorCount: Int
    /// Default decision thresholds, written to the weights file.
    public var threshold: Double
    public var aiThreshold: Double
    /// Whether each target's threshold is chosen on its inner cross-validation's held-out
    /// probabilities (best F1; best accuracy for AI relevance) rather than the default.
    public var choosesThresholds: Bool
    /// The learned text features beside the vocabulary; nil: the vocabulary, committees and
    /// ICS codes only.
    public var textFeatures: TextFeatureSettings?
    /// Learned text features whose fitted weight for a target is smaller than this (in
    /// absolute value) are left out of that target's model: thousands of near-zero weights
    /// would change no decision, only lengthen the weights file and its loading.
    public var learnedWeightFloor: Double
    /// Candidate factors of the L2 strength for the learned text features (the taxonomy's
    /// vocabulary, committees and ICS codes take the strength itself): each target takes the
    /// pair of strength and factor with the lowest inner cross-validated log-loss. A factor
    /// above 1 asks more evidence of a word the labels taught than of a term the project chose.
    public var learnedPenaltyFactors: [Double]
    /// Whether each characteristic's field weights are shrunk towards the field weights shared
    /// by all the characteristics (fitted on every characteristic's vocabulary evidence
    /// together) rather than towards 0: a term of the taxonomy in a title is strong evidence
    /// whichever characteristic it names, and a characteristic with few labels (the
    /// explainability standards are a handful) borrows that strength from the others.
    public var sharesFieldWeights: Bool
    /// Whether a characteristic's strength and learned-feature factor are the pair whose inner
    /// held-out probabilities give the best F1 at their best threshold (the lower log-loss
    /// breaking ties) rather than the pair with the lowest log-loss. The F1 at a threshold is
    /// what the run does with the probabilities and what `evaluate` measures; the log-loss also
    /// rewards calibrating the thousands of clear negatives, and chose stronger penalties that
    /// listed fewer of the standards the labels give a characteristic. AI relevance keeps the
    /// log-loss: its threshold is chosen for accuracy, not F1.
    public var selectsByF1: Bool

    public init(lambdas: [Double] = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1], innerFolds: Int = 5, defaultLambda: Double = 0.01,
                threshold: Double = 0.5, aiThreshold: Double = 0.5, choosesThresholds: Bool = true,
                minimumIndicatorCount: Int = 3, textFeatures: TextFeatureSettings? = TextFeatureSettings(),
                learnedWeightFloor: Double = 0.03, learnedPenaltyFactors: [Double] = [1, 3, 10], sharesFieldWeights: Bool = true,
                selectsByF1: Bool = true) {
        precondition(!learnedPenaltyFactors.isEmpty && learnedPenaltyFactors.allSatisfy { $0 > 0 })
        self.selectsByF1 = selectsByF1
        self.sharesFieldWeights = sharesFieldWeights
        self.learnedPenaltyFactors = learnedPenaltyFactors
        self.textFeatures = textFeatures
        self.learnedWeightFloor = learnedWeightFloor
        self.choosesThresholds = choosesThresholds
        self.minimumIndicatorCount = minimumIndicatorCount
        self.lambdas = lambdas
        self.innerFolds = innerFolds
        self.defaultLambda = defaultLambda
        self.threshold = threshold
        self.aiThreshold = aiThreshold
    }
}

/// Fits ``ScoringWeights`` on labelled standards, assigns cross-validation folds and
/// measures the fitted scorer on held-out folds.
public enum ScorerTraining {
    /// Matches the gold labels to standards (``Evaluation/match(_:count:standard:matchKey:)``)
    /// and takes the evidence of each matched standard, and its learned text features when
    /// `textFeatures` is given (from the abstract's text: the standards must keep it). A
    /// standard named by several labels is taken once, with its first label.
    /// - Parameter editionKey: the key shared by the editions and drafts of one standard
    ///   (``LabelledExample/group``); nil: the match key of its undated reference.
    public static func examples(gold: GoldFile, standards: [Standard], scorer: Scorer,
                                matchKey: (String) -> String, editionKey: ((Standard) -> String)? = nil,
                                textFeatures: TextFeatureSettings? = TextFeatureSettings())
        -> (examples: [LabelledExample], unmatched: [GoldLabel], duplicates: [GoldLabel]) {
        let (pairs, unmatched) = Evaluation.match(gold, count: standards.count, standard: { standards[$0] }, matchKey: matchKey)
        var seen = Set<Int>()
        var examples: [LabelledExample] = []
        var duplicates: [GoldLabel] = []
        for (label, index) in pairs {
            guard seen.insert(index).inserted else { duplicates.append(label); continue }
            let standard = standards[index]
            examples.append(LabelledExample(id: standard.id, group: editionKey?(standard) ?? matchKey(standard.undatedId),
                                            label: label, index: index,
                                            items: scorer.evidenceItems(standard),
                                            indicators: Scorer.indicators(of: standard),
                                            textKeys: textFeatures.map { TextFeatures.keys(of: standard, settings: $0) } ?? []))
        }
        return (examples, unmatched, duplicates)
    }

    // MARK: - folds

    /// A stable 64-bit hash of a text (FNV-1a over its UTF-8 bytes): the same on every run and machine.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Assigns each example to one of `count` folds, deterministically and stratified, with
    /// all the examples of a group (the editions and drafts of one standard) in one fold: the
    /// groups are ordered by stratum (the rarest class among their labels: a characteristic
    /// or AI relevance, else none), then by the stable hash of their key, and dealt out in
    /// turn, so that every fold gets its share of each rare class. Every example gets exactly one fold.
    public static func folds(_ examples: [LabelledExample], count: Int) -> [Int] {
        folds(ids: examples.map(\.group), labels: examples.map(\.label), count: count)
    }

    /// - Parameter ids: each example's group key (examples with equal keys share a fold).
    public static func folds(ids: [String], labels: [GoldLabel], count: Int) -> [Int] {
        precondition(count >= 1 && ids.count == labels.count)
        // One label per group: the union of its examples' labels.
        var groupIndex: [String: Int] = [:]
        var groupIDs: [String] = []
        var groupLabels: [GoldLabel] = []
        var exampleGroup: [Int] = []
        for (id, label) in zip(ids, labels) {
            if let index = groupIndex[id] {
                groupLabels[index].characteristics.formUnion(label.characteristics)
                groupLabels[index].aiRelevant = groupLabels[index].aiRelevant || label.aiRelevant
                exampleGroup.append(index)
            } else {
                groupIndex[id] = groupIDs.count
                exampleGroup.append(groupIDs.count)
                groupIDs.append(id)
                groupLabels.append(label)
            }
        }
        let groupFolds = groupFolds(ids: groupIDs, labels: groupLabels, count: count)
        return exampleGroup.map { groupFolds[$0] }
    }

    private static func groupFolds(ids: [String], labels: [GoldLabel], count: Int) -> [Int] {
        // Class sizes: the characteristics in contract order, then AI relevance.
        var sizes = [Int](repeating: 0, count: ScoreSlot.scoredCount)
        for label in labels {
            for characteristic in label.characteristics { sizes[ScoreSlot.slot(characteristic)] += 1 }
            if label.aiRelevant { sizes[ScoreSlot.aiRelevance] += 1 }
        }
        let strata = labels.map { label -> Int in
            var classes = label.characteristics.map { ScoreSlot.slot($0) }
            if label.aiRelevant { classes.append(ScoreSlot.aiRelevance) }
            return classes.min { sizes[$0] != sizes[$1] ? sizes[$0] < sizes[$1] : $0 < $1 } ?? ScoreSlot.scoredCount
        }
        let hashes = ids.map(stableHash)
        let order = ids.indices.sorted { a, b in
            let ka = (stratumSize(strata[a], sizes), strata[a]), kb = (stratumSize(strata[b], sizes), strata[b])
            if ka != kb { return ka < kb }
            if hashes[a] != hashes[b] { return hashes[a] < hashes[b] }
            return ids[a] < ids[b]
        }
        var folds = [Int](repeating: 0, count: ids.count)
        for (position, index) in order.enumerated() { folds[index] = position % count }
        return folds
    }

    /// A stratum's size, for ordering the rarest first (examples without a class last).
    private static func stratumSize(_ stratum: Int, _ sizes: [Int]) -> Int {
        stratum < sizes.count ? sizes[stratum] : Int.max
    }

    // MARK: - fitting

    /// Fits the weights of every target on the examples.
    public static func fit(_ examples: [LabelledExample], options: TrainingOptions = TrainingOptions(),
                           goldFiles: [String] = []) -> ScoringWeights {
        var targets = [ScoringWeights.Target](repeating: ScoringWeights.Target(), count: ScoreSlot.scoredCount)
        // The learned text features every target may use: those enough examples have (their
        // labels play no part in the choice).
        let text = options.textFeatures.map { textFeatureKeys(examples, minimumCount: $0.minimumCount) } ?? []
        // AI relevance first: the AI-conditional terms of the characteristics count only in
        // the examples it finds AI-relevant.
        let ai = fitTarget(ScoreSlot.aiRelevance, examples: examples, isAI: [Bool](repeating: false, count: examples.count),
                           text: text, options: options)
        targets[ScoreSlot.aiRelevance] = ai
        let aiModel = FeatureSpace.model(ai)
        let aiThreshold = ai.threshold ?? options.aiThreshold
        let isAI = examples.map {
            aiModel.probability(slot: ScoreSlot.aiRelevance, items: $0.items, indicators: $0.indicators, textKeys: $0.textKeys, isAI: false) >= aiThreshold
        }
        let fieldPrior = options.sharesFieldWeights ? sharedFieldWeights(examples, isAI: isAI, lambda: options.defaultLambda) : nil
        // The characteristics' fits are independent of each other: one per core at a time,
        // each the same whichever thread runs it.
        let fitted = Parallel.map(count: Characteristic.allCases.count, workers: Parallel.processorCount) { index in
            fitTarget(ScoreSlot.slot(Characteristic.allCases[index]), examples: examples, isAI: isAI, text: text,
                      fieldPrior: fieldPrior, options: options)
        }
        for (index, characteristic) in Characteristic.allCases.enumerated() { targets[ScoreSlot.slot(characteristic)] = fitted[index] }
        return ScoringWeights(targets: targets, threshold: options.threshold, aiThreshold: options.aiThreshold,
                              examples: examples.count, goldFiles: goldFiles, textFeatures: options.textFeatures)
    }

    /// The field weights shared by the characteristics: one logistic regression over every
    /// (example, characteristic) pair, whose features are the pair's five field sums of the
    /// characteristic's vocabulary evidence (its AI-conditional terms where the example is found
    /// AI-relevant) and an intercept per characteristic; nil when no example has any evidence.
    static func sharedFieldWeights(_ examples: [LabelledExample], isAI: [Bool], lambda: Double) -> [Double]? {
        let fields = FeatureSpace.fieldCount
        let characteristics = Characteristic.allCases
        var rows: [LogisticRegression.Row] = []
        var targets: [Double] = []
        rows.reserveCapacity(examples.count * characteristics.count)
        for (position, characteristic) in characteristics.enumerated() {
            let slot = ScoreSlot.slot(characteristic)
            // The field sums only: no term, indicator or learned feature is in this space.
            let space = FeatureSpace(slot: slot, examples: [], isAI: [], minimumIndicatorCount: Int.max)
            for (example, ai) in zip(examples, isAI) {
                var row = space.row(example.items, indicators: [], isAI: ai)
                row.append((fields + position, 1))
                rows.append(row)
                targets.append(isPositive(example.label, slot: slot) ? 1 : 0)
            }
        }
        guard rows.contains(where: { $0.count > 1 }) else { return nil }
        // The per-characteristic intercepts are all but free.
        let penalties = [Double](repeating: 1, count: fields) + [Double](repeating: 1e-6, count: characteristics.count)
        let model = LogisticRegression.fit(LogisticRegression.SparseRows(rows, featureCount: fields + characteristics.count),
                                           targets: targets, lambda: lambda, penalties: penalties)
        return Array(model.weights[..<fields])
    }

    /// The learned text features that at least `minimumCount` examples have, sorted; only those
    /// a weights file can name (``ScoringWeights/isStemmedWords(_:)``): a word the scanner keeps
    /// whole although a character of it is neither a letter nor a digit (a private-use glyph
    /// before "json" in an abstract) makes no feature, or `train` would write a file that the
    /// run rejects.
    static func textFeatureKeys(_ examples: [LabelledExample], minimumCount: Int) -> [String] {
        var counts: [String: Int] = [:]
        for example in examples { for key in example.textKeys { counts[key, default: 0] += 1 } }
        return counts.filter { $0.value >= minimumCount && LearnedVocabulary.split($0.key).map { ScoringWeights.isStemmedWords($0.words) } == true }
            .keys.sorted()
    }

    /// Whether an example is a positive of a scored slot.
    static func isPositive(_ label: GoldLabel, slot: Int) -> Bool {
        slot == ScoreSlot.aiRelevance ? label.aiRelevant : label.characteristics.contains(Characteristic.allCases[slot])
    }

    /// One target's model, its L2 strength (and the factor of it for learned text features)
    /// chosen by inner cross-validation (``TrainingOptions/selectsByF1``).
    /// - Parameter fieldPrior: the field weights to shrink this target's towards (nil: 0).
    static func fitTarget(_ slot: Int, examples: [LabelledExample], isAI: [Bool], text: [String] = [],
                          fieldPrior: [Double]? = nil, options: TrainingOptions) -> ScoringWeights.Target {
        let space = FeatureSpace(slot: slot, examples: examples, isAI: isAI, text: text, minimumIndicatorCount: options.minimumIndicatorCount)
        let priorMeans = fieldPrior.map { $0 + [Double](repeating: 0, count: space.count - FeatureSpace.fieldCount) }
        let rows = LogisticRegression.SparseRows(examples.indices.map {
            space.row(examples[$0].items, indicators: examples[$0].indicators, textKeys: examples[$0].textKeys, isAI: isAI[$0])
        }, featureCount: space.count)
        let targets = examples.map { isPositive($0.label, slot: slot) ? 1.0 : 0.0 }
        let positives = targets.reduce(0, +)
        var lambda = options.defaultLambda
        // Without learned features the factor changes nothing: one candidate is enough.
        let factors = space.text.isEmpty ? [1.0] : options.learnedPenaltyFactors
        var factor = factors.contains(1) ? 1.0 : factors[0]
        var threshold: Double? = nil
        let innerFolds = options.innerFolds
        if !options.lambdas.isEmpty, innerFolds >= 2, positives >= Double(innerFolds), Double(examples.count) - positives >= Double(innerFolds) {
            let folds = Self.folds(examples, count: innerFolds)
            let byF1 = options.selectsByF1 && slot != ScoreSlot.aiRelevance
            var best = (f1: -Double.infinity, loss: Double.infinity)
            var bestHeldOut: [Double] = []
            // Each inner fold's rows, and its fit at the previous strength to start from.
            let parts = (0..<innerFolds).map { fold in
                (train: examples.indices.filter { folds[$0] != fold }, test: examples.indices.filter { folds[$0] == fold })
            }
            let trainRows = parts.map { rows.subset($0.train) }
            let testRows = parts.map { rows.subset($0.test) }
            for candidateFactor in factors {
                let penalties = space.penalties(learnedFactor: candidateFactor)
                var previous = [LogisticRegression?](repeating: nil, count: innerFolds)
                for candidate in options.lambdas.sorted(by: >) {
                    var loss = 0.0
                    var heldOut = [Double](repeating: 0, count: rows.count)
                    for fold in 0..<innerFolds {
                        let (train, test) = parts[fold]
                        let model = LogisticRegression.fit(trainRows[fold], targets: train.map { targets[$0] }, lambda: candidate,
                                                           penalties: penalties, priorMeans: priorMeans, start: previous[fold])
                        previous[fold] = model
                        let z = testRows[fold].logits([model.intercept] + model.weights)
                        for (position, index) in test.enumerated() {
                            loss += LogisticRegression.softplus(z[position]) - targets[index] * z[position]
                            heldOut[index] = ScoringModel.sigmoid(z[position])
                        }
                    }
                    // Without `byF1` every candidate has the same F1 (0): the log-loss decides.
                    let f1 = byF1 ? Self.bestThreshold(heldOut, targets, accuracy: false, fallback: options.threshold).value : 0
                    if Self.improves(f1: f1, loss: loss, over: best) {
                        best = (f1, loss)
                        lambda = candidate
                        factor = candidateFactor
                        bestHeldOut = heldOut
                    }
                }
            }
            if options.choosesThresholds {
                threshold = Self.bestThreshold(bestHeldOut, targets, accuracy: slot == ScoreSlot.aiRelevance,
                                               fallback: slot == ScoreSlot.aiRelevance ? options.aiThreshold : options.threshold).threshold
            }
        }
        let model = LogisticRegression.fit(rows, targets: targets, lambda: lambda, penalties: space.penalties(learnedFactor: factor),
                                           priorMeans: priorMeans)
        var target = space.target(model, lambda: lambda, learnedWeightFloor: options.learnedWeightFloor)
        if !space.text.isEmpty { target.learnedPenalty = factor }
        target.threshold = threshold
        return target
    }

    /// Whether a candidate's held-out F1 and log-loss beat the best so far: a higher F1, or
    /// the same F1 and a lower log-loss.
    static func improves(f1: Double, loss: Double, over best: (f1: Double, loss: Double)) -> Bool {
        f1 > best.f1 + 1e-12 || (abs(f1 - best.f1) <= 1e-12 && loss < best.loss - 1e-12)
    }

    /// The threshold (0.05, 0.10 … 0.95) that gives held-out probabilities the best F1 (or
    /// accuracy), and that F1 (or number of right decisions); among equals, the threshold
    /// nearest to `fallback`.
    static func bestThreshold(_ probabilities: [Double], _ targets: [Double], accuracy: Bool,
                              fallback: Double) -> (threshold: Double, value: Double) {
        var best = fallback
        var bestValue = -1.0
        for step in 1...19 {
            let candidate = Double(step) / 20
            var tp = 0.0, fp = 0.0, fn = 0.0, right = 0.0
            for (p, y) in zip(probabilities, targets) {
                let predicted = p >= candidate
                if predicted && y == 1 { tp += 1 } else if predicted { fp += 1 } else if y == 1 { fn += 1 }
                if predicted == (y == 1) { right += 1 }
            }
            let value = accuracy ? right : (tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn))
            if value > bestValue + 1e-12 || (abs(value - bestValue) <= 1e-12 && abs(candidate - fallback) < abs(best - fallback)) {
                best = candidate
                bestValue = value
            }
        }
        return (best, bestValue)
    }

    // MARK: - cross-validation

    /// Held-out scores: each example scored by weights fitted on the other folds.
    /// - Returns: one card per example, in example order, whether it passed its fold's AI
    ///   threshold, and its fold's thresholds (in scored-slot order).
    /// - Parameter assigned: each example's fold; nil: ``folds(_:count:)``.
    public static func crossValidatedCards(_ examples: [LabelledExample], folds count: Int,
                                           options: TrainingOptions = TrainingOptions(),
                                           assigned: [Int]? = nil) -> [(card: ScoreCard, isAIRelevant: Bool, thresholds: [Double])] {
        let folds = assigned ?? Self.folds(examples, count: count)
        precondition(folds.count == examples.count && folds.allSatisfy { (0..<count).contains($0) })
        var cards = [(card: ScoreCard, isAIRelevant: Bool, thresholds: [Double])?](repeating: nil, count: examples.count)
        for fold in 0..<count {
            let train = examples.indices.filter { folds[$0] != fold }.map { examples[$0] }
            let weights = fit(train, options: options)
            let model = ScoringModel(weights: weights)
            for index in examples.indices where folds[index] == fold {
                let card = model.card(examples[index].items, indicators: examples[index].indicators,
                                      learned: model.hits(keys: examples[index].textKeys))
                cards[index] = (card, card.aiRelevance >= model.aiThreshold, model.thresholds)
            }
        }
        return cards.map { $0! }
    }

    /// The cross-validated evaluation: the gold labels matched to the standards, the weights
    /// fitted on K − 1 folds and the held-out fold scored, for every fold; then compared with
    /// the gold as ``Evaluation/evaluate(gold:scored:matchKey:threshold:aiThreshold:)`` does.
    public static func crossValidate(gold: GoldFile, standards: [Standard], scorer: Scorer, matchKey: (String) -> String,
                                     editionKey: ((Standard) -> String)? = nil,
                                     folds: Int, options: TrainingOptions = TrainingOptions()) -> Evaluation {
        let (examples, _, _) = Self.examples(gold: gold, standards: standards, scorer: scorer, matchKey: matchKey,
                                             editionKey: editionKey, textFeatures: options.textFeatures)
        let cards = crossValidatedCards(examples, folds: folds, options: options)
        // Only the matched standards, in their order, each with its held-out scores: the same
        // matching then finds the same standard for every label.
        let scored = examples.indices.sorted { examples[$0].index < examples[$1].index }.map { position in
            ScoredStandard(standard: standards[examples[position].index], score: cards[position].card,
                           isAIRelevant: cards[position].isAIRelevant)
        }
        var evaluation = Evaluation.evaluate(gold: gold, scored: scored, matchKey: matchKey,
                                             threshold: options.threshold, aiThreshold: options.aiThreshold)
        // Each disagreement measured against the threshold of the fold that scored it.
        var foldThresholds: [String: [Double]] = [:]
        for (position, example) in examples.enumerated() { foldThresholds[standards[example.index].id] = cards[position].thresholds }
        for index in evaluation.errors.indices {
            guard let thresholds = foldThresholds[evaluation.errors[index].standardID] else { continue }
            switch evaluation.errors[index].target {
            case .aiRelevance: evaluation.errors[index].threshold = thresholds[ScoreSlot.aiRelevance]
            case .characteristic(let characteristic): evaluation.errors[index].threshold = thresholds[ScoreSlot.slot(characteristic)]
            }
        }
        evaluation.errors.sort { $0.margin != $1.margin ? $0.margin > $1.margin : $0.goldID < $1.goldID }
        // Labels that match no standard at all (not merely none of the matched ones).
        evaluation.unmatched = Evaluation.match(gold, count: standards.count, standard: { standards[$0] }, matchKey: matchKey).unmatched
        return evaluation
    }
}

/// The features of one target: the five field sums, then one feature per term (and per
/// AI-conditional term) seen in the examples, then one per indicator (committee or ICS code)
/// that enough examples have, each group in sorted order.
struct FeatureSpace {
    let slot: Int
    /// Term features: plain terms and AI-conditional terms, each sorted.
    let terms: [String]
    let aiTerms: [String]
    let indicators: [String]
    /// Learned text features (``TextFeatures``), sorted.
    let text: [String]
    private let termIndex: [String: Int]
    private let aiTermIndex: [String: Int]
    private let indicatorIndex: [String: Int]
    private let textIndex: [String: Int]

    static let fieldCount = ScoredField.allCases.count

    private var textStart: Int { Self.fieldCount + terms.count + aiTerms.count + indicators.count }
    var count: Int { textStart + text.count }

    init(slot: Int, examples: [LabelledExample], isAI: [Bool], text: [String] = [], minimumIndicatorCount: Int) {
        self.slot = slot
        var plain = Set<String>()
        var conditional = Set<String>()
        var indicatorCounts: [String: Int] = [:]
        for (example, ai) in zip(examples, isAI) {
            for item in example.items {
                if item.slot == slot { plain.insert(item.evidence.term) }
                if ai, slot != ScoreSlot.aiRelevance, item.slot == ScoreSlot.firstAIConditional + slot { conditional.insert(item.evidence.term) }
            }
            for indicator in example.indicators { indicatorCounts[indicator.key, default: 0] += 1 }
        }
        let terms = plain.sorted()
        let aiTerms = conditional.sorted()
        let indicators = indicatorCounts.filter { $0.value >= minimumIndicatorCount }.keys.sorted()
        self.terms = terms
        self.aiTerms = aiTerms
        self.indicators = indicators
        termIndex = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, Self.fieldCount + $0) })
        aiTermIndex = Dictionary(uniqueKeysWithValues: aiTerms.enumerated().map { ($1, Self.fieldCount + terms.count + $0) })
        indicatorIndex = Dictionary(uniqueKeysWithValues: indicators.enumerated().map {
            ($1, Self.fieldCount + terms.count + aiTerms.count + $0)
        })
        self.text = text
        let textStart = Self.fieldCount + terms.count + aiTerms.count + indicators.count
        textIndex = Dictionary(uniqueKeysWithValues: text.enumerated().map { ($1, textStart + $0) })
    }

    /// Per feature, its factor of the L2 strength: `learnedFactor` for the learned text
    /// features, 1 for the rest.
    func penalties(learnedFactor: Double) -> [Double] {
        [Double](repeating: 1, count: textStart) + [Double](repeating: learnedFactor, count: text.count)
    }

    /// The feature row of one example: what ``ScoringModel/card(_:indicators:)`` sums for this target.
    func row(_ items: [SlotEvidence], indicators: [Indicator], textKeys: [String] = [], isAI: Bool) -> LogisticRegression.Row {
        var values = [(index: Int, value: Double)]()
        func add(_ index: Int, _ value: Double) {
            if let position = values.firstIndex(where: { $0.index == index }) { values[position].value += value } else { values.append((index, value)) }
        }
        for item in items {
            let conditional = slot != ScoreSlot.aiRelevance && item.slot == ScoreSlot.firstAIConditional + slot
            guard item.slot == slot || (conditional && isAI) else { continue }
            let value = item.evidence.weight
            add(ScoredField.fieldIndex(item.evidence.field), value)
            if let index = conditional ? aiTermIndex[item.evidence.term] : termIndex[item.evidence.term] { add(index, value) }
        }
        for indicator in indicators {
            if let index = indicatorIndex[indicator.key] { add(index, 1) }
        }
        values.sort { $0.index < $1.index }
        // Text features come after every other index, each key once.
        for key in textKeys { if let index = textIndex[key] { values.append((index, 1)) } }
        return values
    }

    /// The fitted model as weights-file values (terms with weight exactly 0 left out).
    func target(_ model: LogisticRegression, lambda: Double, learnedWeightFloor: Double = 0) -> ScoringWeights.Target {
        var target = ScoringWeights.Target(lambda: lambda, intercept: model.intercept)
        for (position, field) in ScoredField.allCases.enumerated() { target.fields[field] = model.weights[position] }
        for (position, term) in terms.enumerated() where model.weights[Self.fieldCount + position] != 0 {
            target.terms[term] = model.weights[Self.fieldCount + position]
        }
        for (position, term) in aiTerms.enumerated() where model.weights[Self.fieldCount + terms.count + position] != 0 {
            target.aiTerms[term] = model.weights[Self.fieldCount + terms.count + position]
        }
        for (position, key) in indicators.enumerated() where model.weights[Self.fieldCount + terms.count + aiTerms.count + position] != 0 {
            target.indicators[key] = model.weights[Self.fieldCount + terms.count + aiTerms.count + position]
        }
        for (position, key) in text.enumerated()
        where model.weights[textStart + position] != 0 && abs(model.weights[textStart + position]) >= learnedWeightFloor {
            target.learned[key] = model.weights[textStart + position]
        }
        return target
    }

    /// A single-target scoring model, for the predictions training needs along the way.
    static func model(_ target: ScoringWeights.Target) -> SingleTarget { SingleTarget(target: target) }

    struct SingleTarget {
        let target: ScoringWeights.Target
        func probability(slot: Int, items: [SlotEvidence], indicators: [Indicator], textKeys: [String] = [], isAI: Bool) -> Double {
            var z = target.intercept
            for indicator in indicators { z += target.indicators[indicator.key] ?? 0 }
            for key in textKeys { z += target.learned[key] ?? 0 }
            for item in items {
                let conditional = slot != ScoreSlot.aiRelevance && item.slot == ScoreSlot.firstAIConditional + slot
                guard item.slot == slot || (conditional && isAI) else { continue }
                let term = (conditional ? target.aiTerms : target.terms)[item.evidence.term] ?? 0
                z += ((target.fields[item.evidence.field] ?? 0) + term) * item.evidence.weight
            }
            return ScoringModel.sigmoid(z)
        }
    }
}
