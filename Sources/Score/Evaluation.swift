import LandscapeModel

/// The scores compared with gold labels: what `landscape evaluate` prints.
public struct Evaluation: Sendable {
    /// Counts over (standard, characteristic) pairs.
    public struct Counts: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
        }

        /// Gold positives.
        public var support: Int { truePositives + falseNegatives }
        /// 0 when nothing was predicted.
        public var precision: Double {
            truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// 0 when there is nothing to find.
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// Harmonic mean of precision and recall, computed from counts as 2TP / (2TP + FP + FN); 0 when all are 0.
        public var f1: Double {
            let denominator = 2 * truePositives + falsePositives + falseNegatives
            return denominator == 0 ? 0 : Double(2 * truePositives) / Double(denominator)
        }

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(truePositives: lhs.truePositives + rhs.truePositives,
                   falsePositives: lhs.falsePositives + rhs.falsePositives,
                   falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
        }
    }

    /// A disagreement with the gold, with what the scorer saw.
    public struct Disagreement: Sendable {
        public enum Kind: String, Sendable {
            case falsePositive = "FP"
            case falseNegative = "FN"
        }
        public var kind: Kind
        public var target: ScoreTarget
        public var goldID: String
        public var standardID: String
        public var title: String
        public var score: Double
        public var threshold: Double
        public var evidence: [Evidence]

        /// How far the score is on the wrong side of the threshold: worst first.
        public var margin: Double { kind == .falsePositive ? score - threshold : threshold - score }
    }

    /// One labelled standard as it was scored.
    public struct Prediction: Sendable {
        public var label: GoldLabel
        /// The standard the label matched.
        public var standardID: String
        public var isAIRelevant: Bool
        public var aiRelevance: Double
        public var characteristics: Set<Characteristic>
        /// Every characteristic's score.
        public var scores: [Characteristic: Double]
    }

    public var goldFile: String
    public var perCharacteristic: [Characteristic: Counts]
    /// Over all (standard, characteristic) pairs.
    public var micro: Counts
    /// AI relevance: counts of the positive class, and accuracy over all matched standards.
    public var aiRelevance: Counts
    public var aiCorrect: Int
    /// Gold labels matched to a scored standard.
    public var matched: Int
    /// Gold labels with no scored standard: listed, not scored.
    public var unmatched: [GoldLabel]
    /// Every disagreement, worst first.
    public var errors: [Disagreement]
    /// Every matched label with its standard's scores, in gold order.
    public var predictions: [Prediction] = []

    /// Mean of the per-characteristic values over the characteristics that have gold
    /// positives or predictions (a characteristic absent from both says nothing).
    public var macroPrecision: Double { macro(\.precision) }
    public var macroRecall: Double { macro(\.recall) }
    public var macroF1: Double { macro(\.f1) }

    /// Share of matched gold labels whose AI relevance the scorer got right; 0 when none matched.
    public var aiAccuracy: Double { matched == 0 ? 0 : Double(aiCorrect) / Double(matched) }

    private func macro(_ value: KeyPath<Counts, Double>) -> Double {
        let present = Characteristic.allCases.compactMap { perCharacteristic[$0] }
            .filter { $0.truePositives + $0.falsePositives + $0.falseNegatives > 0 }
        guard !present.isEmpty else { return 0 }
        return present.reduce(0) { $0 + $1[keyPath: value] } / Double(present.count)
    }

    /// Compares scored standards with gold labels.
    ///
    /// - Parameters:
    ///   - gold: the labels.
    ///   - scored: the pipeline's scored standards.
    ///   - matchKey: the reference normalization shared with the catalog records; a gold id
    ///     and a standard match when their keys are equal (the standard's `id` or one of its
    ///     `aliases`, else its `undatedId` when the gold id carries no date).
    ///   - threshold: the characteristic threshold, for the error listing's margins.
    ///   - aiThreshold: the AI-relevance threshold, likewise.
    ///   - thresholds: characteristics with a threshold of their own (fitted weights).
    public static func evaluate(gold: GoldFile, scored: [ScoredStandard], matchKey: (String) -> String,
                                threshold: Double = 0.5, aiThreshold: Double = 0.5,
                                thresholds: [Characteristic: Double] = [:]) -> Evaluation {
        let (pairs, unmatched) = match(gold, count: scored.count, standard: { scored[$0].standard }, matchKey: matchKey)
        var perCharacteristic = Dictionary(uniqueKeysWithValues: Characteristic.allCases.map { ($0, Counts()) })
        var ai = Counts()
        var aiCorrect = 0
        var matched = 0
        var errors: [Disagreement] = []
        var predictions: [Prediction] = []
        for (label, index) in pairs {
            let standard = scored[index]
            matched += 1
            let card = standard.score
            let predicted = Set(card.characteristics)
            predictions.append(Prediction(
                label: label, standardID: standard.standard.id, isAIRelevant: standard.isAIRelevant, aiRelevance: card.aiRelevance,
                characteristics: predicted,
                scores: Dictionary(uniqueKeysWithValues: Characteristic.allCases.map { ($0, card.score($0)) })))
            for characteristic in Characteristic.allCases {
                let isGold = label.characteristics.contains(characteristic)
                let isPredicted = predicted.contains(characteristic)
                switch (isGold, isPredicted) {
                case (true, true): perCharacteristic[characteristic]!.truePositives += 1
                case (false, true): perCharacteristic[characteristic]!.falsePositives += 1
                case (true, false): perCharacteristic[characteristic]!.falseNegatives += 1
                case (false, false): continue
                }
                guard isGold != isPredicted else { continue }
                errors.append(Disagreement(kind: isPredicted ? .falsePositive : .falseNegative, target: .characteristic(characteristic),
                                    goldID: label.id, standardID: standard.standard.id, title: standard.standard.title,
                                    score: card.score(characteristic), threshold: thresholds[characteristic] ?? threshold,
                                    evidence: card.evidence(for: .characteristic(characteristic))))
            }
            switch (label.aiRelevant, standard.isAIRelevant) {
            case (true, true): ai.truePositives += 1; aiCorrect += 1
            case (false, false): aiCorrect += 1
            case (false, true): ai.falsePositives += 1
            case (true, false): ai.falseNegatives += 1
            }
            if label.aiRelevant != standard.isAIRelevant {
                errors.append(Disagreement(kind: standard.isAIRelevant ? .falsePositive : .falseNegative, target: .aiRelevance,
                                    goldID: label.id, standardID: standard.standard.id, title: standard.standard.title,
                                    score: card.aiRelevance, threshold: aiThreshold,
                                    evidence: card.evidence(for: .aiRelevance)))
            }
        }
        errors.sort { $0.margin != $1.margin ? $0.margin > $1.margin : $0.goldID < $1.goldID }
        let micro = perCharacteristic.values.reduce(Counts(), +)
        return Evaluation(goldFile: gold.path, perCharacteristic: perCharacteristic, micro: micro, aiRelevance: ai,
                          aiCorrect: aiCorrect, matched: matched, unmatched: unmatched, errors: errors, predictions: predictions)
    }

    /// Matches gold labels to standards, in gold order: a gold id and a standard match when
    /// their keys are equal (the standard's `id` or one of its `aliases`, else its `undatedId`
    /// when no dated reference matches); the first standard in order wins.
    ///
    /// - Parameters:
    ///   - count: how many standards.
    ///   - standard: the standard at an index.
    /// - Returns: each matched label with the index of its standard, and the labels that match none.
    public static func match(_ gold: GoldFile, count: Int, standard: (Int) -> Standard,
                             matchKey: (String) -> String) -> (matched: [(label: GoldLabel, index: Int)], unmatched: [GoldLabel]) {
        var byKey: [String: Int] = [:]
        for index in 0..<count {
            let key = matchKey(standard(index).id)
            if byKey[key] == nil { byKey[key] = index }
        }
        // A gold id may name a standard by its other number (dual-numbered) or its redline.
        for index in 0..<count {
            for alias in standard(index).aliases {
                let key = matchKey(alias)
                if byKey[key] == nil { byKey[key] = index }
            }
        }
        var undated: [String: Int] = [:]
        for index in 0..<count {
            let key = matchKey(standard(index).undatedId)
            if undated[key] == nil { undated[key] = index }
        }
        var matched: [(label: GoldLabel, index: Int)] = []
        var unmatched: [GoldLabel] = []
        for label in gold.labels {
            let key = matchKey(label.id)
            if let index = byKey[key] ?? undated[key] {
                matched.append((label, index))
            } else {
                unmatched.append(label)
            }
        }
        return (matched, unmatched)
    }
}
