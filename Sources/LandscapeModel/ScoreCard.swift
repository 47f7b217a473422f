/// The text fields of a standard that scoring reads, each with its own weight.
public enum ScoredField: String, Sendable, Codable, CaseIterable {
    case title
    case abstract
    case keywords
    case committee
    case ics
}

/// What a score is about: AI relevance or one characteristic.
public enum ScoreTarget: Sendable, Hashable, Codable, CustomStringConvertible {
    case aiRelevance
    case characteristic(Characteristic)

    public var description: String {
        switch self {
        case .aiRelevance: "ai_relevance"
        case .characteristic(let c): c.id
        }
    }
}

/// One piece of evidence behind a score: a vocabulary term found in a field.
public struct Evidence: Sendable, Hashable, Codable {
    public var target: ScoreTarget
    /// The vocabulary term (as written in the taxonomy) that matched.
    public var term: String
    /// The text that matched it, as it stands in the field.
    public var matched: String
    public var field: ScoredField
    /// Contribution to the score: with the taxonomy's hand-set weights the raw evidence (term
    /// weight × field weight); with fitted weights `coefficient × value`, added to the logit.
    public var weight: Double
    /// With fitted weights: the fitted coefficient of this feature (field weight + term weight);
    /// nil with the taxonomy's hand-set weights.
    public var coefficient: Double?
    /// With fitted weights: the feature value (the taxonomy's evidence strength of the match);
    /// nil with the taxonomy's hand-set weights.
    public var value: Double?

    public init(target: ScoreTarget, term: String, matched: String, field: ScoredField, weight: Double,
                coefficient: Double? = nil, value: Double? = nil) {
        self.target = target
        self.term = term
        self.matched = matched
        self.field = field
        self.weight = weight
        self.coefficient = coefficient
        self.value = value
    }
}

/// Every score of one standard, with its evidence.
public struct ScoreCard: Sendable {
    /// In [0, 1].
    public var aiRelevance: Double
    /// In [0, 1], one per characteristic.
    public var scores: [Characteristic: Double]
    /// Characteristics whose score passes the configured threshold, in contract order.
    public var characteristics: [Characteristic]
    public var evidence: [Evidence]
    /// With fitted weights: each target's intercept (the logit of a standard without evidence),
    /// in slot order (the characteristics in contract order, then AI relevance); empty with
    /// the taxonomy's hand-set weights.
    public var intercepts: [Double]

    public init(aiRelevance: Double = 0, scores: [Characteristic: Double] = [:], characteristics: [Characteristic] = [], evidence: [Evidence] = [],
                intercepts: [Double] = []) {
        self.aiRelevance = aiRelevance
        self.scores = scores
        self.characteristics = characteristics
        self.evidence = evidence
        self.intercepts = intercepts
    }

    /// The intercept of a target's fitted model; nil with hand-set weights.
    public func intercept(for target: ScoreTarget) -> Double? {
        guard !intercepts.isEmpty else { return nil }
        switch target {
        case .aiRelevance: return intercepts.count > Characteristic.allCases.count ? intercepts[Characteristic.allCases.count] : nil
        case .characteristic(let c): return intercepts[c.ordinal]
        }
    }

    public func score(_ characteristic: Characteristic) -> Double { scores[characteristic] ?? 0 }

    public func evidence(for target: ScoreTarget) -> [Evidence] { evidence.filter { $0.target == target } }
}

/// A standard with its scores: what Participation and Report consume.
public struct ScoredStandard: Sendable, Identifiable {
    public var standard: Standard
    public var score: ScoreCard
    /// Whether `aiRelevance` passes the configured AI-relevance threshold.
    public var isAIRelevant: Bool

    public init(standard: Standard, score: ScoreCard, isAIRelevant: Bool) {
        self.standard = standard
        self.score = score
        self.isAIRelevant = isAIRelevant
    }

    public var id: String { standard.id }
}
