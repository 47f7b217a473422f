import Foundation
import Ingest
import LandscapeModel
import Terminology
import Participation
import Policy
import Report
import Score

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
        public typealias Format = CommitteeFormat
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
    /// The stages' sections, each decoded once when the config is loaded (absent: defaults).
    public var scoring = ScoringSettings()
    public var participation = ParticipationSettings()
    public var regions = RegionSettings()
    public var history = HistorySettings()
    public var report = ReportSettings()
    public var limits = LimitsSettings()
    public var terminology = TerminologySettings()
    /// `policy:`: the landscape-policy files (optional).
    public var policy = PolicySettings()

    /// The real folders every configured input pattern starts from: a file reached through a
    /// symbolic link that resolves outside all of them is refused before it is opened.
    /// Computed once, when the config is loaded.
    public internal(set) var inputRoots: [String] = []

    /// Top-level keys the pipeline understands.
    static let knownKeys: Set<String> = Set(["sources", "committees", "output", "error_budget"]).union(sectionKeys)

    /// Top-level keys whose contents are a stage's settings type.
    static let sectionKeys: Set<String> = ["scoring", "participation", "regions", "history", "report", "limits", "terminology", "policy"]
}
