import LandscapeModel

/// The project's taxonomy of trustworthy-AI characteristics: what each one stands for in
/// the US and EU frameworks, the weighted vocabulary that detects it, and the scoring
/// constants. Loaded from `Inputs/taxonomy.yaml` (see ``Taxonomy/load(path:)``).
public struct Taxonomy: Sendable {
    /// The file it was loaded from (for messages).
    public var source: String
    /// Names, definitions and the NIST/EU sources of the nine characteristics, in contract order.
    public var characteristics: [CharacteristicInfo]
    /// Multiplier per field for characteristic evidence.
    public var fieldWeights: [ScoredField: Double]
    /// Multiplier per field for AI-relevance evidence.
    public var aiFieldWeights: [ScoredField: Double]
    /// `k` in `score = 1 − exp(−raw / k)`: the raw evidence at which a score reaches 1 − 1/e.
    public var saturation: Double
    /// Score from which a characteristic is listed in `characteristics`.
    public var threshold: Double
    /// Score from which a standard counts as AI-relevant.
    public var aiThreshold: Double
    /// Extra weight for each repetition of a term in one field (up to three occurrences):
    /// a subject the abstract keeps coming back to is more likely the principal one.
    public var repeatBonus: Double
    /// Within one field, the strongest term counts in full and each further distinct term of
    /// the same characteristic `termDecay` times the previous one: a list of loosely related
    /// words adds up more slowly than one defining term.
    public var termDecay: Double
    /// Upper bound on what one field can contribute to one score (e.g. keywords confirm a
    /// subject but cannot establish it alone).
    public var fieldCaps: [ScoredField: Double]
    /// Multiplier for titles in other languages than the main title: a translation can
    /// confirm, but its ambiguous words ("sécurité", "Sicherheit") must not outweigh it.
    public var translatedTitleWeight: Double
    /// Multiplier for abstract and keyword evidence when the main title has a focus term
    /// ("trustworthy", "trustworthiness"): a document about trustworthiness as a whole
    /// covers each characteristic its abstract names, even briefly.
    public var focusMultiplier: Double

    /// Every vocabulary term, characteristic, AI-relevance, shared and negation terms alike.
    var terms: [VocabularyTerm]
    /// ICS codes (and their sub-codes) that speak to a characteristic or to AI relevance.
    var classificationHints: [ClassificationHint]

    /// What the taxonomy says of one characteristic.
    public func info(for characteristic: Characteristic) -> CharacteristicInfo? {
        characteristics.first { $0.characteristic == characteristic }
    }
}

/// A word or phrase and what it is evidence of.
struct VocabularyTerm: Sendable, Hashable {
    /// As written in the taxonomy (shown as `Evidence.term`).
    var text: String
    /// Score slot → weight. A zero weight marks a phrase that is *not* evidence although a
    /// shorter term inside it is ("societal security" is not societal well-being).
    var weights: [Int: Double]
    /// Line in the taxonomy file, for messages.
    var line: Int
}

/// An ICS code that speaks to some slots; it also covers its sub-codes.
struct ClassificationHint: Sendable, Hashable {
    var code: String
    var weights: [Int: Double]
}
