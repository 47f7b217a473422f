import LandscapeModel

/// One catalog file to read, with the configured source it belongs to.
public struct InputFile: Sendable, Hashable {
    /// The source's `name` in `Pipeline.yaml` (`iso`, `ieee`…).
    public var source: String
    public var format: SourceFormat
    /// Path as discovered (absolute, or relative to the working directory).
    public var path: String

    public init(source: String, format: SourceFormat, path: String) {
        self.source = source
        self.format = format
        self.path = path
    }
}
