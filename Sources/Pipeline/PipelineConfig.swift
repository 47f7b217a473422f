import Foundation
import LandscapeModel

/// `Pipeline.yaml`, validated, with every path resolved against the config file's folder.
public struct PipelineConfig: Sendable {
    /// A catalog of standards (`sources:` entry).
    public struct Source: Sendable, Hashable {
        public var name: String
        public var format: SourceFormat
        /// Glob patterns, absolute.
        public var paths: [String]
        /// Line of the entry in the config file.
        public var line: Int
    }

    /// Committee membership data (`committees:` entry).
    public struct CommitteeSource: Sendable, Hashable {
        public enum Format: String, Sendable, CaseIterable {
            /// ISO Open Data `iso_technical_committees.jsonl`.
            case isoOpenData = "iso-open-data"
            /// The project's own YAML committees file (see `Inputs/committees/README.md`).
            case landscapeCommittees = "landscape-committees"
        }
        public var format: Format
        public var paths: [String]
        public var line: Int
    }

    /// Absolute path of the config file.
    public var file: String
    /// Folder that relative paths resolve against.
    public var baseDirectory: String
    /// SHA-256 of the config file's bytes, hex.
    public var digest: String
    public var sources: [Source]
    public var committees: [CommitteeSource]
    /// Absolute path of `output.directory`.
    public var outputDirectory: String
    /// Largest share of quarantined records (0…1) a run may have and still exit 0.
    public var errorBudget: Double
    /// Sections owned by the stages (`scoring`, `participation`, `regions`, `history`, `report`, `limits`),
    /// kept as YAML text with their line so each stage decodes and validates its own.
    public var sections: [String: Section]

    /// A stage-owned section of the config.
    public struct Section: Sendable {
        public var yaml: String
        public var line: Int
    }

    /// Top-level keys the pipeline understands.
    static let knownKeys: Set<String> = Set(["sources", "committees", "output", "error_budget"]).union(sectionKeys)

    /// Top-level keys whose contents a stage decodes and validates itself.
    static let sectionKeys: Set<String> = ["scoring", "participation", "regions", "history", "report", "limits"]
}
