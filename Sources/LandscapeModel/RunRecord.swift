// What a run read and produced, as `manifest.json` and the report state it.

/// Records that de-duplication made into one standard, and which record's stage was kept.
public struct Merge: Sendable, Hashable {
    /// The standard's canonical id.
    public var id: String
    /// Every contributing record, in input order.
    public var origins: [SourceLocation]
    /// The record whose stage, stage code and status were kept.
    public var stageFrom: SourceLocation
    /// The stage codes that disagreed (empty when all records agreed).
    public var conflictingStageCodes: [String]

    public init(id: String, origins: [SourceLocation], stageFrom: SourceLocation, conflictingStageCodes: [String]) {
        self.id = id
        self.origins = origins
        self.stageFrom = stageFrom
        self.conflictingStageCodes = conflictingStageCodes
    }
}

/// One input file of a run: what it is and what reading it gave.
public struct InputFileRecord: Codable, Sendable, Hashable {
    /// The configured source's name (`iso`, `ieee`…).
    public var source: String
    /// The source's format (`niso-sts`…).
    public var format: String
    public var path: String
    /// Size on disk (compressed size for `.gz`).
    public var bytes: Int
    public var sha256: String
    /// Records that became standards (read, minus those normalization rejected).
    public var records: Int
    /// Quarantine rows for this file.
    public var quarantined: Int
    public var seconds: Double

    public init(source: String, format: String = "", path: String, bytes: Int = 0, sha256: String = "",
                records: Int, quarantined: Int = 0, seconds: Double = 0) {
        self.source = source
        self.format = format
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.records = records
        self.quarantined = quarantined
        self.seconds = seconds
    }
}

/// One committee file of a run.
public struct CommitteeFileRecord: Codable, Sendable, Hashable {
    public var format: String
    public var path: String
    public var sha256: String
    /// Committees read from it.
    public var committees: Int

    public init(format: String, path: String, sha256: String, committees: Int) {
        self.format = format
        self.path = path
        self.sha256 = sha256
        self.committees = committees
    }
}

/// What a run counted, stage by stage.
public struct RunCounts: Codable, Sendable, Hashable {
    public var records = 0
    public var standards = 0
    public var merges = 0
    public var quarantined = 0
    public var quarantinedRecords = 0
    public var quarantinedFiles = 0
    public var aiRelevant = 0
    public var byStage: [String: Int] = [:]
    public var bySdo: [String: Int] = [:]
    public var byCharacteristic: [String: Int] = [:]
    public var participationIssues = 0
    public var changes = 0

    public init() {}
}
