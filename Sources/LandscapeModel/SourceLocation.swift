/// Where something was read: the configured source, the file and the line.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The `name` of the source in `Pipeline.yaml` (`iso`, `ieee`, …).
    public var source: String
    /// The file path as it was matched by the source's globs.
    public var file: String
    /// 1-based line number; 0 when the whole file is meant.
    public var line: Int

    public init(source: String, file: String, line: Int) {
        self.source = source
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
