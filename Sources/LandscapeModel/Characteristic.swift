/// A characteristic of trustworthy AI that standards are scored against.
///
/// The ids are part of the outside contract (`score_<id>` columns, gold files):
/// the seven NIST AI RMF characteristics plus the two EU requirements that NIST
/// does not name on their own. Names, definitions and vocabulary live in the
/// taxonomy file, not here.
public enum Characteristic: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case validReliable = "valid_reliable"
    case safe = "safe"
    case secureResilient = "secure_resilient"
    case accountableTransparent = "accountable_transparent"
    case explainableInterpretable = "explainable_interpretable"
    case privacyEnhanced = "privacy_enhanced"
    case fairBiasManaged = "fair_bias_managed"
    case humanOversight = "human_oversight"
    case societalWellbeing = "societal_wellbeing"

    /// The contract's id, e.g. `valid_reliable`.
    public var id: String { rawValue }

    /// Position in the contract's column order.
    public var ordinal: Int { Characteristic.allCases.firstIndex(of: self)! }

    public static func < (lhs: Characteristic, rhs: Characteristic) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}
