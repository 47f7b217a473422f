import Foundation

/// A committees file format (`format:` of a `committees:` entry in `Pipeline.yaml`).
public enum CommitteeFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// ISO Open Data `iso_technical_committees.jsonl`.
    case isoOpenData = "iso-open-data"
    /// The project's own YAML format (CEN, CENELEC, IEEE).
    case landscapeCommittees = "landscape-committees"
}

/// One committees file to load.
public struct CommitteeFile: Sendable, Hashable {
    public var format: CommitteeFormat
    public var url: URL
    /// The path as the configuration matched it, used in messages and quarantine rows.
    public var displayPath: String

    public init(format: CommitteeFormat, url: URL, displayPath: String? = nil) {
        self.format = format
        self.url = url
        self.displayPath = displayPath ?? url.path
    }
}

/// A members file (national body acronym → country) in the layout of ISO's member list.
public struct MembersFile: Sendable, Hashable {
    public var url: URL
    /// The path as the configuration names it, used in messages and quarantine rows.
    public var displayPath: String

    public init(url: URL, displayPath: String? = nil) {
        self.url = url
        self.displayPath = displayPath ?? url.path
    }
}
