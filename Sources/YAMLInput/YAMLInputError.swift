/// A YAML input that cannot be used: which file, which line, which key, and why.
///
/// Every YAML file the pipeline reads (the config, the taxonomy, committee files) reports its
/// problems through this one type, so that each message reads `file:line: key: reason`.
public struct YAMLInputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted path of the offending key, e.g. `limits.max_text_bytes` or `sources[2].paths`.
    public var key: String
    public var reason: String

    public init(file: String, line: Int?, key: String, reason: String) {
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(location): \(reason)" : "\(location): \(key): \(reason)"
    }

    /// The reason for a key the reader does not know, the same in every file.
    public static func unknownKey(_ key: String, known: some Sequence<String>) -> String {
        "unknown key `\(key)` (known: \(known.sorted().joined(separator: ", ")))"
    }
}
