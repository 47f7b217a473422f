import LandscapeModel

/// What the run history keeps of one standard: enough to tell what changed next time.
public struct StandardSnapshot: Sendable, Hashable {
    public var id: String
    public var undatedId: String
    public var stage: Stage
    public var status: Status
    public var aiRelevance: Double
    public var scores: [Characteristic: Double]
    /// Characteristics passing the threshold, in contract order.
    public var characteristics: [Characteristic]

    public init(
        id: String, undatedId: String, stage: Stage, status: Status,
        aiRelevance: Double = 0, scores: [Characteristic: Double] = [:], characteristics: [Characteristic] = []
    ) {
        self.id = id
        self.undatedId = undatedId
        self.stage = stage
        self.status = status
        self.aiRelevance = aiRelevance
        self.scores = scores
        self.characteristics = characteristics
    }

    public init(_ scored: ScoredStandard) {
        self.init(
            id: scored.standard.id,
            undatedId: scored.standard.undatedId,
            stage: scored.standard.stage,
            status: scored.standard.status,
            aiRelevance: scored.score.aiRelevance,
            scores: scored.score.scores,
            characteristics: scored.score.characteristics
        )
    }

    /// `;`-joined characteristic ids, as in the `characteristics` column.
    var characteristicList: String { characteristics.map(\.id).joined(separator: ";") }
}
