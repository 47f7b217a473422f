/// Something that went wrong while reading a file, with the line where it was seen.
public struct XMLProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A libxml2 warning or recoverable error (e.g. an entity the missing DTD would define).
        case warning
        /// Not well-formed XML (truncated, invalid UTF-8, mismatched tags…): reading stopped.
        case malformed
        /// A configured ``XMLLimits`` bound was exceeded: reading stopped.
        case limit
        /// The file tried something the reader refuses (entity declarations, external resources).
        case hostile
        /// The file could not be opened or read.
        case unreadable
    }

    public var kind: Kind
    /// 1-based line, 0 when unknown.
    public var line: Int
    public var message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// Whether the problem ended the reading of the file.
    public var isFatal: Bool { kind != .warning }

    /// `category: message`, the form quarantine reasons use
    /// (`malformed XML: Premature end of data in tag standard`).
    public var description: String {
        let category: String
        switch kind {
        case .warning: category = "XML warning"
        case .malformed: category = "malformed XML"
        case .limit: category = "limit exceeded"
        case .hostile: category = "hostile XML"
        case .unreadable: category = "unreadable file"
        }
        return "\(category): \(message)"
    }
}
