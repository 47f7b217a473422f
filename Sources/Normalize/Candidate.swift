import LandscapeModel

/// One record read on its own, before de-duplication.
struct Candidate: Sendable {
    var standard: Standard
    /// Records with equal keys are the same standard.
    var mergeKey: String
    /// Position in the input, for deterministic ties.
    var order: Int
    /// Orders life-cycle positions for the merge rule: stage, then the finer code.
    var stageRank: StageRank
    /// Merge keys of the standard's other numbers (a dual-numbered reference): records
    /// under those keys are the same standard.
    var aliasKeys: [String] = []
}

struct StageRank: Sendable, Comparable {
    var stage: Stage
    var detail: Double

    static func < (a: StageRank, b: StageRank) -> Bool {
        (a.stage.ordinal, a.detail) < (b.stage.ordinal, b.detail)
    }
}

enum RecordOutcome: Sendable {
    case standard(Candidate)
    case rejected(QuarantineEntry)
}
