@preconcurrency import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte source behind a reader: zlib's `gzread`, which inflates `.gz` files and
/// passes plain files through, with the byte and time limits enforced per chunk.
final class GzipInput {
    private var file: gzFile?
    private let limits: XMLLimits
    private let sink: ErrorSink
    private let started: Double
    private(set) var decompressedBytes = 0
    /// Whether the end of the stream was reached.
    private(set) var reachedEnd = false

    init(path: String, limits: XMLLimits, sink: ErrorSink) throws(XMLProblem) {
        self.limits = limits
        self.sink = sink
        self.started = monotonicSeconds()

        var info = stat()
        guard stat(path, &info) == 0 else {
            throw XMLProblem(kind: .unreadable, line: 0, message: "\(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw XMLProblem(kind: .unreadable, line: 0, message: "not a regular file")
        }
        guard Int(info.st_size) <= limits.maxFileBytes else {
            throw XMLProblem(kind: .limit, line: 0, message: "file is \(info.st_size) bytes, above the limit of \(limits.maxFileBytes)")
        }
        guard let file = gzopen(path, "rb") else {
            throw XMLProblem(kind: .unreadable, line: 0, message: "\(String(cString: strerror(errno)))")
        }
        gzbuffer(file, 1 << 17)
        self.file = file
    }

    deinit { close() }

    /// Seconds since the file was opened.
    var elapsed: Double { monotonicSeconds() - started }

    /// Fills `buffer` with up to `length` bytes; 0 at the end, -1 on error or a broken limit.
    func read(into buffer: UnsafeMutablePointer<CChar>, length: Int32) -> Int32 {
        guard let file else { return -1 }
        if elapsed > limits.maxSeconds {
            sink.raise(XMLProblem(kind: .limit, line: 0, message: "reading took more than \(limits.maxSeconds) s"))
            return -1
        }
        let count = gzread(file, buffer, UInt32(max(length, 0)))
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            sink.raise(XMLProblem(kind: .malformed, line: 0, message: "gzip: \(message)"), stop: false)
            return 0
        }
        decompressedBytes += Int(count)
        if decompressedBytes > limits.maxDecompressedBytes {
            sink.raise(XMLProblem(kind: .limit, line: 0, message: "more than \(limits.maxDecompressedBytes) bytes after decompression"))
            return -1
        }
        if count == 0 {
            reachedEnd = true
            // zlib reports a gzip stream cut short as an error after the last bytes.
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unexpected end"
            if code != Z_OK {
                // Let libxml2 parse what it has; it will then report the premature end.
                sink.raise(XMLProblem(kind: .malformed, line: 0, message: "gzip: \(message)"), stop: false)
                return 0
            }
        }
        return count
    }

    func close() {
        if let file {
            gzclose(file)
            self.file = nil
        }
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// libxml2's read callback over a ``GzipInput``.
func readGzipInput(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer else { return -1 }
    return Unmanaged<GzipInput>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length: length)
}

/// libxml2's close callback: the ``GzipInput`` is owned by the reader, which closes it.
func closeGzipInput(_ context: UnsafeMutableRawPointer?) -> Int32 { 0 }
