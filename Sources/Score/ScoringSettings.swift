/// The `scoring:` section of `Pipeline.yaml`. Every key is optional.
///
/// ```yaml
/// scoring:
///   taxonomy: Inputs/taxonomy.yaml   # relative to the config file's folder
///   threshold: 0.5                   # default: the taxonomy's scoring.threshold
///   ai_threshold: 0.5                # default: the taxonomy's scoring.ai_threshold
///   weights: Inputs/scoring-weights.yaml   # fitted weights (`landscape train`); without, the
///                                          # taxonomy's hand-set weights score
/// ```
public struct ScoringSettings: Decodable, Sendable, Hashable {
    /// Path of the taxonomy file.
    public var taxonomy: String
    /// Overrides the taxonomy's characteristic threshold, in (0, 1).
    public var threshold: Double?
    /// Overrides the taxonomy's AI-relevance threshold, in (0, 1).
    public var aiThreshold: Double?
    /// Path of the fitted weights file; nil: the taxonomy's hand-set weights.
    public var weights: String?

    public static let defaultTaxonomyPath = "Inputs/taxonomy.yaml"

    public init(taxonomy: String = ScoringSettings.defaultTaxonomyPath, threshold: Double? = nil, aiThreshold: Double? = nil,
                weights: String? = nil) {
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.aiThreshold = aiThreshold
        self.weights = weights
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case taxonomy
        case threshold
        case aiThreshold = "ai_threshold"
        case weights
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taxonomy = try container.decodeIfPresent(String.self, forKey: .taxonomy) ?? Self.defaultTaxonomyPath
        threshold = try container.decodeIfPresent(Double.self, forKey: .threshold)
        aiThreshold = try container.decodeIfPresent(Double.self, forKey: .aiThreshold)
        weights = try container.decodeIfPresent(String.self, forKey: .weights)
        if let weights, weights.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: container, debugDescription: "must be a path, got an empty text")
        }
        for (key, value) in [(CodingKeys.threshold, threshold), (.aiThreshold, aiThreshold)] {
            if let value, !(value > 0 && value < 1) {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                                                       debugDescription: "must be a number between 0 and 1 (exclusive), got \(value)")
            }
        }
    }

    /// The taxonomy path resolved against the folder of the config file.
    public func taxonomyPath(relativeTo folder: String) -> String { Self.resolve(taxonomy, against: folder) }

    /// The weights path resolved against the folder of the config file; nil when not configured.
    public func weightsPath(relativeTo folder: String) -> String? { weights.map { Self.resolve($0, against: folder) } }

    static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }
}
