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
    /// libxml2's error code (`xmlParserErrors`), 0 for problems found by the Swift side.
    public var code: Int

    public init(kind: Kind, line: Int, message: String, code: Int = 0) {
        self.kind = kind
        self.line = line
        self.message = message
        self.code = code
    }

    /// The same problem told without any of the file's bytes.
    ///
    /// libxml2's messages quote what they stumbled on: element and entity names, attribute
    /// values, the bytes of an invalid sequence. For a file that is not a catalog at all (a
    /// key file, a log, anything a careless glob matches), that would copy its content into
    /// `quarantine.csv`, the report and the logs. This version names the kind of mistake and
    /// libxml2's code only; the Swift side's own messages quote nothing and are kept.
    public var withoutContent: XMLProblem {
        guard code != 0 else { return self }
        let text = Self.contentFreeMessages[code] ?? "not well-formed XML"
        let source = code < Self.unknownNamespaceCode ? " (libxml2 error \(code))" : ""
        return XMLProblem(kind: kind, line: line, message: text + source, code: code)
    }

    /// libxml2 error codes (`xmlParserErrors`) and what they mean, in words that quote nothing.
    static let contentFreeMessages: [Int: String] = [
        3: "no XML document at the start", 4: "no XML document (the file is empty or not XML)",
        5: "content after the end of the document", 8: "an invalid character reference",
        9: "a character not allowed in XML", 23: "an entity reference without its semicolon",
        26: "an undeclared entity", 31: "an unknown encoding", 32: "an unsupported encoding",
        34: "an unterminated string", 39: "a malformed attribute", 41: "an attribute without value",
        42: "a repeated attribute", 45: "an unterminated comment", 46: "a malformed processing instruction",
        57: "a malformed XML declaration", 61: "an unterminated DOCTYPE", 62: "a misplaced CDATA end",
        63: "an unterminated CDATA section", 64: "a reserved name", 65: "a missing space",
        68: "a missing name", 72: "a missing '<'", 73: "a missing '>'", 74: "a missing end tag",
        75: "a missing '='", 76: "an end tag that does not match its start tag",
        77: "an element that is not closed", 79: "a malformed encoding name",
        81: "bytes that are not valid in the declared encoding", 84: "a missing value",
        85: "unbalanced elements", 86: "extra content", 201: "an undeclared namespace prefix",
        unknownNamespaceCode: "elements in a namespace the format does not use",
    ]

    /// The code of the reader's own warning about elements in an unknown namespace.
    public static let unknownNamespaceCode = 10_000

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
