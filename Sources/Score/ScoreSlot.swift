import LandscapeModel

/// Dense indices for everything a vocabulary term can speak to: the nine characteristics
/// (in contract order), AI relevance, and the two kinds of negation cue.
enum ScoreSlot {
    static let characteristicCount = Characteristic.allCases.count
    static let aiRelevance = characteristicCount
    /// A cue that negates its whole sentence ("… is out of the scope of this document").
    static let negatesSentence = characteristicCount + 1
    /// A cue that negates the rest of its sentence ("…, excluding mopeds").
    static let negatesRest = characteristicCount + 2
    /// A title term that says the document is about trustworthiness as a whole.
    static let focus = characteristicCount + 3
    static let count = characteristicCount + 4
    /// Slots that carry a score.
    static let scoredCount = characteristicCount + 1

    static func slot(_ characteristic: Characteristic) -> Int { characteristic.ordinal }

    static func target(_ slot: Int) -> ScoreTarget {
        slot == aiRelevance ? .aiRelevance : .characteristic(Characteristic.allCases[slot])
    }
}
