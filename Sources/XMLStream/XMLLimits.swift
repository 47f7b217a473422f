/// Bounds that keep one hostile or broken file from exhausting the machine.
///
/// The reader checks the byte and time limits in its input callback, so a gzip bomb
/// or a slow stream stops while it is being read; depth, attribute count and text
/// size are checked on every node. A file that breaks a limit ends with a
/// ``XMLProblem/Kind/limit`` failure.
public struct XMLLimits: Sendable, Hashable {
    /// Largest file accepted on disk (compressed size for `.gz`).
    public var maxFileBytes: Int
    /// Largest decompressed stream; stops gzip bombs.
    public var maxDecompressedBytes: Int
    /// Wall-clock seconds one file may take.
    public var maxSeconds: Double
    /// Deepest element nesting.
    public var maxDepth: Int
    /// Most attributes on one element (libxml2 2.9 is quadratic in this).
    public var maxAttributes: Int
    /// Largest single text node, and largest text collected for one field.
    public var maxTextBytes: Int

    public init(
        maxFileBytes: Int = 1 << 30,
        maxDecompressedBytes: Int = 512 << 20,
        maxSeconds: Double = 60,
        maxDepth: Int = 256,
        maxAttributes: Int = 1_000,
        maxTextBytes: Int = 8 << 20
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxSeconds = maxSeconds
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxTextBytes = maxTextBytes
    }

    /// The defaults: 1 GiB on disk, 512 MiB decompressed, 60 s, depth 256,
    /// 1,000 attributes, 8 MiB of text.
    public static let `default` = XMLLimits()
}
