import Foundation
import LandscapeModel

/// `manifest.json`: what a run read, what it produced, and how it ended.
public struct Manifest: Codable, Sendable {
    public struct InputFile: Codable, Sendable {
        public var source: String
        public var format: String
        public var path: String
        public var bytes: Int
        public var sha256: String
        public var records: Int
        public var quarantined: Int
        public var seconds: Double
    }

    public struct CommitteeFile: Codable, Sendable {
        public var format: String
        public var path: String
        public var sha256: String
        public var committees: Int
    }

    public struct Counts: Codable, Sendable {
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
    }

    public var runId: String
    public var tool: String
    public var toolVersion: String
    public var startedAt: String
    public var finishedAt: String
    public var config: String
    public var configSha256: String
    public var outputDirectory: String
    public var inputs: [InputFile]
    public var committeeFiles: [CommitteeFile]
    public var counts: Counts
    /// Seconds per stage (`ingest`, `normalize`, `score`, `participation`, `report`, `publish`).
    public var timings: [String: Double]
    /// Share of records quarantined and the configured budget.
    public var errorShare: Double
    public var errorBudget: Double
    public var exitStatus: Int32
    public var exitReason: String
    /// Output files written by this run.
    public var outputs: [String]
    /// Where a damaged history store was moved before this run started a new one.
    public var historyMovedAside: String?

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
