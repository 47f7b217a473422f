/// A rejected record or file: one row of `quarantine.csv`.
public struct QuarantineEntry: Sendable, Hashable, Codable {
    /// Whether a whole file or a single record was rejected.
    public enum Scope: String, Sendable, Codable {
        case file
        case record
    }

    public var location: SourceLocation
    /// The record's reference when one could be read, else empty.
    public var reference: String
    /// A short, human-readable reason that starts with a stable category,
    /// e.g. `malformed XML: Premature end of data in tag standard`.
    public var reason: String
    public var scope: Scope

    public init(location: SourceLocation, reference: String = "", reason: String, scope: Scope) {
        self.location = location
        self.reference = reference
        self.reason = reason
        self.scope = scope
    }

    /// The reason's category: the text before the first colon.
    public var category: String {
        if let colon = reason.firstIndex(of: ":") { return String(reason[..<colon]) }
        return reason
    }
}
