#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a text file (plain or gzip) line by line through the same zlib input and
/// limits as ``XMLReader``: the file size, the decompressed size (gzip bombs) and the
/// time per file are bounded, and a line longer than ``XMLLimits/maxTextBytes`` stops
/// the reading. Only one chunk of the file is in memory at a time.
///
/// A gzip stream cut short ends the reading with a ``failure`` whose message starts
/// with `gzip:`; the line being read when the stream broke is not handed out, because
/// it may be incomplete.
public final class LineReader {
    public let path: String
    public let limits: XMLLimits
    private let sink = ErrorSink()
    private let input: GzipInput
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var stopped = false
    /// The number of the line last handed out (1-based).
    public private(set) var lineNumber = 0

    /// Opens `path`.
    /// - Throws: an ``XMLProblem`` of kind `unreadable` or `limit` when the file cannot be read at all.
    public init(path: String, limits: XMLLimits = .default) throws(XMLProblem) {
        self.path = path
        self.limits = limits
        self.input = try GzipInput(path: path, limits: limits, sink: sink, checksXML: false)
        capacity = 1 << 18
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        input.close()
    }

    /// The problem that ended the reading early (a broken gzip stream or a limit), if any.
    public var failure: XMLProblem? { sink.failure }

    /// Decompressed bytes read so far.
    public var bytesRead: Int { input.decompressedBytes }

    /// Hands the next line (without its `\n` or `\r\n`) to `body`; nil at the end of the
    /// file or once reading has failed. The bytes are valid only inside `body`.
    /// Ends reading: ``nextLine(_:)`` returns nil from now on.
    public func stop() { stopped = true }

    public func nextLine<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard !stopped else { return nil }
        var searched = start
        while true {
            if let found = memchr(buffer + searched, 0x0A, end - searched) {
                let newline = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - buffer
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lineNumber += 1
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = newline + 1
                return body(line)
            }
            // Bytes already searched, counted from the line's start (fill() moves the line).
            let searchedCount = end - start
            if atEnd {
                stopped = true
                // The last line without a newline: complete unless the stream broke.
                guard end > start, sink.failure == nil else { return nil }
                lineNumber += 1
                let line = UnsafeBufferPointer(start: buffer + start, count: end - start)
                start = end
                return body(line)
            }
            guard fill() else {
                stopped = true
                return nil
            }
            searched = start + searchedCount
        }
    }

    /// Reads more bytes behind the unread ones; false when reading must stop.
    private func fill() -> Bool {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            guard capacity < limits.maxTextBytes else {
                sink.raise(XMLProblem(kind: .limit, line: lineNumber + 1, message: "a line is longer than \(limits.maxTextBytes) bytes"))
                return false
            }
            let bigger = min(capacity * 2, max(limits.maxTextBytes, capacity + 1))
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = bigger
        }
        let wanted = Int32(min(capacity - end, Int(Int32.max)))
        let count = (buffer + end).withMemoryRebound(to: CChar.self, capacity: Int(wanted)) {
            input.read(into: $0, length: wanted)
        }
        if count < 0 { return false }
        if count == 0 {
            atEnd = true
            if let failure = sink.failure, failure.line == 0 {
                // Name the line where the stream broke.
                sink.setLine(lineNumber + 1)
            }
            return true
        }
        end += Int(count)
        return true
    }
}
