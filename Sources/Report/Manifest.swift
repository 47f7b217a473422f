import Foundation
import LandscapeModel

/// `manifest.json`: what a run read, what it produced, and how it ended.
public struct Manifest: Codable, Sendable {
    public var runId: String
    public var tool: String
    public var toolVersion: String
    public var startedAt: String
    public var finishedAt: String
    public var config: String
    public var configSha256: String
    public var outputDirectory: String
    public var inputs: [InputFileRecord]
    public var committeeFiles: [CommitteeFileRecord]
    public var counts: RunCounts
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

    public init(runId: String, tool: String, toolVersion: String, startedAt: String, finishedAt: String,
                config: String, configSha256: String, outputDirectory: String, inputs: [InputFileRecord],
                committeeFiles: [CommitteeFileRecord], counts: RunCounts, timings: [String: Double],
                errorShare: Double, errorBudget: Double, exitStatus: Int32, exitReason: String, outputs: [String],
                historyMovedAside: String? = nil) {
        self.runId = runId
        self.tool = tool
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.config = config
        self.configSha256 = configSha256
        self.outputDirectory = outputDirectory
        self.inputs = inputs
        self.committeeFiles = committeeFiles
        self.counts = counts
        self.timings = timings
        self.errorShare = errorShare
        self.errorBudget = errorBudget
        self.exitStatus = exitStatus
        self.exitReason = exitReason
        self.outputs = outputs
        self.historyMovedAside = historyMovedAside
    }

    /// The JSON text of `manifest.json`.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
