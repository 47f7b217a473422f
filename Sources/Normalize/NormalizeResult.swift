import LandscapeModel

/// The standards made from a set of records.
public struct NormalizeResult: Sendable {
    /// One per distinct standard, sorted by ``Standard/id`` (byte order).
    public var standards: [Standard]
    /// Records that could not become a standard.
    public var quarantine: [QuarantineEntry]
    /// One per standard that more than one record contributed to.
    public var merges: [Merge]

    public init(standards: [Standard] = [], quarantine: [QuarantineEntry] = [], merges: [Merge] = []) {
        self.standards = standards
        self.quarantine = quarantine
        self.merges = merges
    }

    /// Records folded into another one: records in minus standards out.
    public var mergedRecords: Int { merges.reduce(0) { $0 + $1.origins.count - 1 } }
}
