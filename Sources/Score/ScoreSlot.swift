import LandscapeModel

/// Dense indices for everything a vocabulary term can speak to: the nine characteristics
/// (in contract order), AI relevance, the characteristics again for terms that count only
/// in AI-relevant standards, the two kinds of negation cue, and the trustworthiness focus.
enum ScoreSlot {
    static let characteristicCount = Characteristic.allCases.count
    static let aiRelevance = characteristicCount
    /// Slots that carry a score.
    static let scoredCount = characteristicCount + 1
    /// First of the slots for terms that are evidence of a characteristic only when the
    /// standard is AI-relevant ("transparency" of an AI system is about explaining it;
    /// the transparency of printing ink is not).
    static let firstAIConditional = scoredCount
    /// Slots that collect evidence.
    static let evidenceCount = scoredCount + characteristicCount
    /// A cue that negates its whole sentence ("… is out of the scope of this document").
    static let negatesSentence = evidenceCount
    /// A cue that negates the rest of its sentence ("…, excluding mopeds").
    static let negatesRest = evidenceCount + 1
    /// A title term that says the document is about trustworthiness as a whole.
    static let focus = evidenceCount + 2
    static let count = evidenceCount + 3

    static func slot(_ characteristic: Characteristic) -> Int { characteristic.ordinal }

    static func aiConditionalSlot(_ characteristic: Characteristic) -> Int { firstAIConditional + characteristic.ordinal }

    /// The scored slot an evidence slot adds to.
    static func scoredSlot(_ slot: Int) -> Int { slot >= firstAIConditional ? slot - firstAIConditional : slot }

    static func target(_ slot: Int) -> ScoreTarget {
        let scored = scoredSlot(slot)
        return scored == aiRelevance ? .aiRelevance : .characteristic(Characteristic.allCases[scored])
    }
}
