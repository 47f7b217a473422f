import Foundation
import LandscapeModel

/// Fitted weights of the scorer: one L2-regularised logistic regression per characteristic
/// and one for AI relevance, over the taxonomy's evidence (``Scorer/evidenceItems(_:)``).
///
/// For a target, each evidence item of the standard (a term or ICS hint matched in a field,
/// with the taxonomy's strength `value`) is a feature occurrence; its contribution to the
/// target's logit is `(fields[field] + terms[term]) × value`, and
/// `score = 1 / (1 + exp(−(intercept + Σ contributions)))`. The field weights carry what the
/// taxonomy's vocabulary says in general (a term the labels never saw still counts through
/// them); the term weights correct individual terms. Terms that count only for AI-relevant
/// standards (a characteristic's `ai_terms`) have their own term weights and count only
/// when the AI-relevance score passes `ai_threshold`.
///
/// Written and read as `Inputs/scoring-weights.yaml` (``ScoringWeights/yaml`` and
/// ``ScoringWeights/load(path:taxonomy:)``); made by `landscape train` (``ScorerTraining``).
public struct ScoringWeights: Sendable, Equatable {
    /// The model of one target.
    public struct Target: Sendable, Equatable {
        /// The L2 strength the model was fitted with.
        public var lambda: Double
        /// The factor of `lambda` the learned text features were penalised with; nil: the
        /// target has none (or the file predates the factor, when it was 1).
        public var learnedPenalty: Double?
        public var intercept: Double
        /// Weight per field, for every item found in that field.
        public var fields: [ScoredField: Double]
        /// Weight per taxonomy term (or ICS code), added to the field weight.
        public var terms: [String: Double]
        /// Weight per AI-conditional term (`ai_terms` of a characteristic).
        public var aiTerms: [String: Double]
        /// Weight per committee or ICS indicator (`committee:ISO/TC 45`, `ics:13.110`), value 1
        /// when the standard has that committee or code (or one below it).
        public var indicators: [String: Double]
        /// Weight per learned text feature (`title:machin learn`, ``TextFeatureSettings``),
        /// value 1 when the field has those stemmed words.
        public var learned: [String: Double]
        /// The target's decision threshold (chosen on the training examples); nil: the file's
        /// `threshold` (or `ai_threshold`).
        public var threshold: Double?

        public init(lambda: Double = 0, intercept: Double = 0, fields: [ScoredField: Double] = [:],
                    terms: [String: Double] = [:], aiTerms: [String: Double] = [:], indicators: [String: Double] = [:],
                    learned: [String: Double] = [:], threshold: Double? = nil, learnedPenalty: Double? = nil) {
            self.learned = learned
            self.learnedPenalty = learnedPenalty
            self.lambda = lambda
            self.intercept = intercept
            self.fields = fields
            self.terms = terms
            self.aiTerms = aiTerms
            self.indicators = indicators
            self.threshold = threshold
        }
    }

    /// One model per scored slot: the characteristics in contract order, then AI relevance.
    public var targets: [Target]
    /// Probability from which a characteristic is listed.
    public var threshold: Double
    /// Probability from which a standard is AI-relevant.
    public var aiThreshold: Double
    /// Labelled standards the weights were fitted on.
    public var examples: Int
    /// Names of the gold files (without folders), for the record.
    public var goldFiles: [String]
    /// How the learned text features were made; nil when the weights have none (version 1).
    public var textFeatures: TextFeatureSettings?

    /// The decision threshold of a scored slot.
    public func threshold(slot: Int) -> Double {
        targets[slot].threshold ?? (slot == ScoreSlot.aiRelevance ? aiThreshold : threshold)
    }

    public init(targets: [Target], threshold: Double = 0.5, aiThreshold: Double = 0.5, examples: Int = 0, goldFiles: [String] = [],
                textFeatures: TextFeatureSettings? = nil) {
        precondition(targets.count == ScoreSlot.scoredCount)
        self.textFeatures = textFeatures
        self.targets = targets
        self.threshold = threshold
        self.aiThreshold = aiThreshold
        self.examples = examples
        self.goldFiles = goldFiles
    }

    /// The model of a target.
    public subscript(target: ScoreTarget) -> Target {
        get { targets[Self.slot(target)] }
        set { targets[Self.slot(target)] = newValue }
    }

    static func slot(_ target: ScoreTarget) -> Int {
        switch target {
        case .aiRelevance: ScoreSlot.aiRelevance
        case .characteristic(let c): ScoreSlot.slot(c)
        }
    }

    /// Name of a scored slot in the weights file.
    static func name(ofSlot slot: Int) -> String {
        slot == ScoreSlot.aiRelevance ? "ai_relevance" : Characteristic.allCases[slot].id
    }
}

/// Fitted weights ready to score: coefficients by evidence slot, the shared scores of a
/// standard without evidence.
public struct ScoringModel: Sendable {
    public let weights: ScoringWeights
    /// Decision thresholds in scored-slot order.
    let thresholds: [Double]
    var aiThreshold: Double { thresholds[ScoreSlot.aiRelevance] }
    /// Per evidence slot (AI-conditional slots included), the weight per field (by `fieldIndex`).
    private let fieldCoefficients: [[Double]]
    /// Per evidence slot, the weight per term.
    private let termCoefficients: [[String: Double]]
    /// Per committee and per ICS code (without the `committee:` / `ics:` prefix of the file),
    /// the scored slots it has a weight for.
    private let committeeWeights: [String: [(slot: Int, weight: Double)]]
    private let icsWeights: [String: [(slot: Int, weight: Double)]]
    /// Intercepts in scored-slot order (shared by every card).
    private let intercepts: [Double]
    /// Every characteristic's score for a standard without evidence (shared by every card that needs no other).
    private let baseScores: [Characteristic: Double]
    /// The learned text features and their weights; nil when the weights have none.
    let learned: LearnedVocabulary?
    /// Learned features by key (`title:machin learn`), for examples whose features are keys.
    private let learnedByKey: [String: Int32]

    /// - Parameters:
    ///   - threshold, aiThreshold: thresholds that override the file's (from `Pipeline.yaml`).
    init(weights: ScoringWeights, threshold: Double? = nil, aiThreshold: Double? = nil) {
        self.weights = weights
        self.thresholds = (0..<ScoreSlot.scoredCount).map { slot in
            (slot == ScoreSlot.aiRelevance ? aiThreshold : threshold) ?? weights.threshold(slot: slot)
        }
        var fields: [[Double]] = []
        var terms: [[String: Double]] = []
        for slot in 0..<ScoreSlot.evidenceCount {
            let target = weights.targets[ScoreSlot.scoredSlot(slot)]
            fields.append(ScoredField.allCases.map { target.fields[$0] ?? 0 })
            terms.append(slot >= ScoreSlot.firstAIConditional ? target.aiTerms : target.terms)
        }
        fieldCoefficients = fields
        termCoefficients = terms
        var committees: [String: [(slot: Int, weight: Double)]] = [:]
        var codes: [String: [(slot: Int, weight: Double)]] = [:]
        for slot in 0..<ScoreSlot.scoredCount {
            for (key, weight) in weights.targets[slot].indicators.sorted(by: { $0.key < $1.key }) {
                if key.hasPrefix(Indicator.Kind.committee.prefix) {
                    committees[String(key.dropFirst(Indicator.Kind.committee.prefix.count)), default: []].append((slot, weight))
                } else if key.hasPrefix(Indicator.Kind.ics.prefix) {
                    codes[String(key.dropFirst(Indicator.Kind.ics.prefix.count)), default: []].append((slot, weight))
                }
            }
        }
        committeeWeights = committees
        icsWeights = codes
        intercepts = weights.targets.map(\.intercept)
        baseScores = Dictionary(uniqueKeysWithValues: Characteristic.allCases.map {
            ($0, Self.sigmoid(weights.targets[ScoreSlot.slot($0)].intercept))
        })
        if let settings = weights.textFeatures {
            let vocabulary = LearnedVocabulary(settings: settings, learned: weights.targets.map(\.learned))
            learned = vocabulary
            learnedByKey = Dictionary(uniqueKeysWithValues: vocabulary.features.indices.map { (vocabulary.key(Int32($0)), Int32($0)) })
        } else {
            learned = nil
            learnedByKey = [:]
        }
    }

    /// The learned features named by keys (those the weights know), as found in a standard.
    func hits(keys: [String]) -> LearnedHits {
        LearnedHits(features: keys.compactMap { learnedByKey[$0] })
    }

    /// The smallest contribution of a learned text feature that a run's evidence lists: with
    /// the strengths chosen for F1 (``TrainingOptions/selectsByF1``) some 4,000 learned weights
    /// reach 0.2 and 1,700 reach 0.3 (1,400 reached 0.2 before), and a run's `evidence` column
    /// would grow by a third with words like `abstract:standard`; `explain` lists every one.
    public static let shownLearnedWeight = 0.3

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// The coefficient of one evidence item: field weight + term weight.
    func coefficient(_ item: SlotEvidence) -> Double {
        fieldCoefficients[item.slot][ScoredField.fieldIndex(item.evidence.field)]
            + (termCoefficients[item.slot][item.evidence.term] ?? 0)
    }

    /// The scores of a standard from its evidence items and indicators.
    ///
    /// Every term's contribution is kept as evidence. An indicator's contribution (its
    /// committee or ICS weight) is kept for each target that passes its threshold, and with
    /// `detailed` for every target: a few indicator rows for each of a standard's ten scores,
    /// most of them low, would multiply a run's evidence (and its time and memory) for
    /// nothing an analyst reads. `explain` asks for the detail.
    func card(_ items: [SlotEvidence], indicators: [Indicator] = [], learned hits: LearnedHits = LearnedHits(),
              detailed: Bool = false) -> ScoreCard {
        var aiLogit = intercepts[ScoreSlot.aiRelevance]
        for item in items where item.slot == ScoreSlot.aiRelevance {
            aiLogit += coefficient(item) * item.evidence.weight
        }
        var logits: [Double]? = nil
        // The learned text features: each adds its weight (value 1) to every target's logit.
        if let learned, !hits.isEmpty {
            let slots = ScoreSlot.scoredCount
            var sums = logits ?? intercepts
            learned.weights.withUnsafeBufferPointer { weights in
                for feature in hits.features {
                    let base = Int(feature) * slots
                    aiLogit += weights[base + ScoreSlot.aiRelevance]
                    for slot in 0..<ScoreSlot.characteristicCount { sums[slot] += weights[base + slot] }
                }
            }
            logits = sums
        }
        // The indicators' weights, found once.
        var found: [(indicator: Int, weights: [(slot: Int, weight: Double)])] = []
        if !committeeWeights.isEmpty || !icsWeights.isEmpty {
            for (position, indicator) in indicators.enumerated() {
                guard let weights = (indicator.kind == .committee ? committeeWeights : icsWeights)[indicator.value] else { continue }
                found.append((position, weights))
                for (slot, weight) in weights {
                    if slot == ScoreSlot.aiRelevance {
                        aiLogit += weight
                    } else {
                        if logits == nil { logits = intercepts }
                        logits![slot] += weight
                    }
                }
            }
        }
        let aiRelevance = Self.sigmoid(aiLogit)
        let isAI = aiRelevance >= aiThreshold
        var evidence: [Evidence] = []
        evidence.reserveCapacity(items.count)
        for item in items where item.slot < ScoreSlot.firstAIConditional || isAI {
            let coefficient = coefficient(item)
            let value = item.evidence.weight
            let contribution = coefficient * value
            let scored = ScoreSlot.scoredSlot(item.slot)
            if scored != ScoreSlot.aiRelevance {
                if logits == nil { logits = intercepts }
                logits![scored] += contribution
            }
            var shown = item.evidence
            shown.weight = contribution
            shown.coefficient = coefficient
            shown.value = value
            evidence.append(shown)
        }
        var scores = baseScores
        var passing: [Characteristic] = []
        var shownSlots = isAI ? 1 << ScoreSlot.aiRelevance : 0
        for characteristic in Characteristic.allCases {
            let slot = ScoreSlot.slot(characteristic)
            let value = logits.map { Self.sigmoid($0[slot]) } ?? baseScores[characteristic]!
            if let logits, logits[slot] != intercepts[slot] { scores[characteristic] = value }
            if value >= thresholds[slot] {
                passing.append(characteristic)
                shownSlots |= 1 << slot
            }
        }
        for (position, weights) in found {
            let indicator = indicators[position]
            for (slot, weight) in weights where detailed || shownSlots & (1 << slot) != 0 {
                evidence.append(Evidence(target: ScoreSlot.target(slot), term: indicator.key, matched: indicator.matched,
                                         field: indicator.field, weight: weight, coefficient: weight, value: 1))
            }
        }
        // Learned features, like indicators, for the targets that pass (every target with
        // `detailed`); and of the thousands a model has, those that move the logit by at least
        // `shownLearnedWeight` (every one with `detailed`).
        if let learned, !hits.isEmpty, detailed || shownSlots != 0 {
            for (position, feature) in hits.features.enumerated() {
                let base = Int(feature) * ScoreSlot.scoredCount
                for slot in 0..<ScoreSlot.scoredCount where detailed || shownSlots & (1 << slot) != 0 {
                    let weight = learned.weights[base + slot]
                    guard weight != 0, detailed || abs(weight) >= Self.shownLearnedWeight else { continue }
                    // The feature's texts only for the rows shown: most hits show none.
                    let (field, words) = learned.features[Int(feature)]
                    let matched = hits.matched.map { $0[position] }.flatMap { $0.isEmpty ? nil : $0 } ?? words
                    evidence.append(Evidence(target: ScoreSlot.target(slot), term: learned.keys[Int(feature)], matched: matched,
                                             field: field, weight: weight, coefficient: weight, value: 1))
                }
            }
        }
        evidence.sort { lhs, rhs in
            lhs.target == rhs.target ? lhs.weight > rhs.weight : Self.order(lhs.target) < Self.order(rhs.target)
        }
        return ScoreCard(aiRelevance: aiRelevance, scores: scores, characteristics: passing, evidence: evidence,
                         intercepts: intercepts)
    }

    private static func order(_ target: ScoreTarget) -> Int {
        switch target {
        case .aiRelevance: -1
        case .characteristic(let c): c.ordinal
        }
    }
}

extension ScoredField {
    /// Position in `allCases`.
    static func fieldIndex(_ field: ScoredField) -> Int {
        switch field {
        case .title: 0
        case .abstract: 1
        case .keywords: 2
        case .committee: 3
        case .ics: 4
        }
    }
}
