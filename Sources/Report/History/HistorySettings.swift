import Foundation

/// The `history:` key of `Pipeline.yaml`.
///
/// ```yaml
/// history:
///   path: Outputs/history.sqlite   # default: history.sqlite in the output directory
///   keep_runs: 10                  # default: 10; at least 1
/// ```
public struct HistorySettings: Decodable, Sendable, Hashable {
    /// Where the SQLite store lives; relative paths resolve against the config file's folder.
    /// Nil: `history.sqlite` in the output directory.
    public var path: String?
    /// How many successful runs to keep; older ones are deleted when a run is recorded.
    public var keepRuns: Int

    public static let defaultKeepRuns = 10
    public static let defaultFileName = "history.sqlite"

    public init(path: String? = nil, keepRuns: Int = HistorySettings.defaultKeepRuns) {
        self.path = path
        self.keepRuns = keepRuns
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path
        case keepRuns = "keep_runs"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        keepRuns = try container.decodeIfPresent(Int.self, forKey: .keepRuns) ?? Self.defaultKeepRuns
        if keepRuns < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: .keepRuns, in: container,
                debugDescription: "keep_runs must be at least 1 (the previous run is needed to tell what changed), not \(keepRuns)"
            )
        }
        if let path, path.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: "path must not be empty")
        }
    }

    /// The store's location: `path` resolved against `configDirectory`, or
    /// `history.sqlite` in `outputDirectory` when no path is configured.
    public func location(outputDirectory: URL, configDirectory: URL) -> URL {
        guard let path else { return outputDirectory.appendingPathComponent(Self.defaultFileName) }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return configDirectory.appendingPathComponent(path).standardizedFileURL
    }
}
