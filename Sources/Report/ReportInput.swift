import Foundation
import LandscapeModel

/// Everything the landscape report shows, as plain values the pipeline fills in.
///
/// The report is a pure function of this value (``ReportRenderer/render(_:)``): it reads
/// no files and no clock, so the same run always renders the same page.
public struct ReportInput: Sendable {
    public var run: RunFacts
    /// Every standard in scope (after de-duplication), with its scores.
    public var standards: [ScoredStandard]
    /// Names, definitions and the NIST/EU crosswalk, one per characteristic.
    public var characteristics: [CharacteristicInfo]
    /// Rows of `participation.csv`.
    public var committees: [CommitteeParticipation]
    /// Rows of `participation_summary.csv`.
    public var participation: [CharacteristicParticipation]
    /// Configured regions, `EU` and `US` first.
    public var regions: [ReportRegion]
    /// Rows of `quarantine.csv`.
    public var quarantine: [QuarantineEntry]
    /// De-duplication merges: standards built from more than one record.
    public var merges: [Merge]
    /// Changes since the previous successful run (rows of `changes.csv`).
    public var changes: [Change]
    /// The run the changes are measured against; nil on the first run.
    public var previousRun: RecordedRun?
    public var settings: ReportSettings
    /// The nightly watch (seat changes, open for comment, new work, trend); nil without a history.
    public var watch: WatchReport?
    /// The terminology crosswalk; nil when the run did not make one.
    public var terminology: TerminologyResult?
    /// What the policy stage found (links, paths, unresolved references); nil when no policy
    /// file is configured.
    public var policy: PolicyFindings?

    public init(
        run: RunFacts,
        standards: [ScoredStandard],
        characteristics: [CharacteristicInfo],
        committees: [CommitteeParticipation] = [],
        participation: [CharacteristicParticipation] = [],
        regions: [ReportRegion] = [],
        quarantine: [QuarantineEntry] = [],
        merges: [Merge] = [],
        changes: [Change] = [],
        previousRun: RecordedRun? = nil,
        settings: ReportSettings = ReportSettings(),
        watch: WatchReport? = nil,
        policy: PolicyFindings? = nil
    ) {
        self.run = run
        self.standards = standards
        self.characteristics = characteristics
        self.committees = committees
        self.participation = participation
        self.regions = regions
        self.quarantine = quarantine
        self.merges = merges
        self.changes = changes
        self.previousRun = previousRun
        self.settings = settings
        self.watch = watch
        self.policy = policy
    }
}

/// The facts of one run, for the report's summary.
public struct RunFacts: Sendable {
    public var id: String
    public var startedAt: Date
    /// When the run finished (or the report was rendered); nil when unknown.
    public var finishedAt: Date?
    public var toolVersion: String
    /// Every input file read, with its record count.
    public var inputs: [InputFileRecord]
    /// Count of items after each stage, in pipeline order (`records read`, `standards`, `AI-relevant`…).
    public var stageCounts: [StageCount]

    public init(id: String, startedAt: Date, finishedAt: Date? = nil, toolVersion: String, inputs: [InputFileRecord] = [], stageCounts: [StageCount] = []) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.stageCounts = stageCounts
    }
}

/// How many items one pipeline stage produced.
public struct StageCount: Sendable, Hashable {
    public var stage: String
    public var count: Int

    public init(stage: String, count: Int) {
        self.stage = stage
        self.count = count
    }
}

/// A configured region: its name and the ISO 3166-1 alpha-2 codes of its countries,
/// used to tell which region leads (holds the secretariat of) a committee.
public struct ReportRegion: Sendable, Hashable {
    public var name: String
    public var countries: Set<String>

    public init(name: String, countries: Set<String>) {
        self.name = name
        self.countries = countries
    }
}
