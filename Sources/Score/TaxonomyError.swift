/// A taxonomy file that cannot be used: which file, which line, which key, and why.
public struct TaxonomyError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted path of the offending key, e.g. `characteristics.safe.terms.hazard`.
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
}
