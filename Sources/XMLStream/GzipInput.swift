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
    /// Whether the bytes are XML, checked for a UTF-16 stream, a contradicting declaration
    /// and attribute floods; text lines (``LineReader``) skip those checks.
    private let checksXML: Bool

    init(path: String, limits: XMLLimits, sink: ErrorSink, checksXML: Bool = true) throws(XMLProblem) {
        self.limits = limits
        self.sink = sink
        self.checksXML = checksXML
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
        if checksXML, decompressedBytes == 0, count >= 2, let problem = Self.unsupportedEncoding(buffer, Int(count)) {
            sink.raise(XMLProblem(kind: .malformed, line: 1, message: problem))
            return -1
        }
        decompressedBytes += Int(count)
        if checksXML, let problem = checkDeclaration(buffer, Int(count)) {
            sink.raise(XMLProblem(kind: .malformed, line: 1, message: problem))
            return -1
        }
        if checksXML, let problem = scanForAttributeFloods(buffer, Int(count)) {
            sink.raise(problem)
            return -1
        }
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

    /// Attribute values started (`="` or `='`) since the last `>`: libxml2 2.9 spends
    /// quadratic time on an element with very many attributes before the reader sees
    /// it, so the flood is caught in the raw bytes.
    private var attributesSinceTagEnd = 0
    private var previousByte: UInt8 = 0

    private func scanForAttributeFloods(_ buffer: UnsafeMutablePointer<CChar>, _ count: Int) -> XMLProblem? {
        guard count > 0 else { return nil }
        let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        defer { previousByte = bytes[count - 1] }
        @inline(__always) func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
        var run = attributesSinceTagEnd
        defer { attributesSinceTagEnd = run }
        func flood() -> XMLProblem {
            XMLProblem(kind: .limit, line: 0, message: "more than \(limits.maxAttributes) attributes on one element")
        }
        // An `=` that ended the previous chunk.
        if previousByte == UInt8(ascii: "="), isQuote(bytes[0]) {
            run += 1
            if run > limits.maxAttributes { return flood() }
        }
        // From one `=` to the next with memchr: a `>` in between ends the element, and
        // a quote right after the `=` starts an attribute value.
        var index = 0
        while index < count {
            guard let found = memchr(bytes + index, Int32(UInt8(ascii: "=")), count - index) else {
                if memchr(bytes + index, Int32(UInt8(ascii: ">")), count - index) != nil { run = 0 }
                break
            }
            let equals = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - bytes
            if equals > index, memchr(bytes + index, Int32(UInt8(ascii: ">")), equals - index) != nil { run = 0 }
            if equals + 1 < count, isQuote(bytes[equals + 1]) {
                run += 1
                if run > limits.maxAttributes { return flood() }
            }
            index = equals + 1
        }
        return nil
    }

    /// Catalogs are UTF-8; a UTF-16 or UTF-32 stream is refused up front rather than
    /// transcoded (what the byte order mark or the first `<` says).
    static func unsupportedEncoding(_ buffer: UnsafeMutablePointer<CChar>, _ count: Int) -> String? {
        let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        let b0 = bytes[0], b1 = bytes[1]
        if (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0x00 && b1 == 0x3C) || (b0 == 0x3C && b1 == 0x00) || (b0 == 0x00 && b1 == 0x00) {
            return "only UTF-8 catalogs are read; this file is UTF-16 or UTF-32"
        }
        return nil
    }

    /// The first bytes of the stream, until the XML declaration is complete (libxml2 asks
    /// for 4 bytes first, to detect the encoding).
    private var head: [UInt8] = []
    private var headChecked = false

    /// libxml2 lets the declaration override a UTF-8 byte order mark and decodes the UTF-8
    /// text as, say, Latin-1 (silent mojibake): the contradiction is refused.
    private func checkDeclaration(_ buffer: UnsafeMutablePointer<CChar>, _ count: Int) -> String? {
        guard !headChecked else { return nil }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: count)
        head += bytes.prefix(512 - head.count)
        guard head.count >= 512 || head.contains(UInt8(ascii: ">")) || count == 0 else { return nil }
        headChecked = true
        guard head.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
        let declared = head.dropFirst(3).withUnsafeBufferPointer(Self.declaredEncoding)
        head = []
        if let declared, !["utf-8", "utf8"].contains(declared.lowercased()) {
            return "the file starts with a UTF-8 byte order mark but declares encoding \"\(declared)\""
        }
        return nil
    }

    /// The `encoding` of an XML declaration at the start of `bytes`, if there is one.
    static func declaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.starts(with: "<?xml".utf8), let end = bytes.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = Array(bytes[..<end])
        let key = Array("encoding".utf8)
        guard let start = declaration.indices.first(where: { declaration[$0...].starts(with: key) }) else { return nil }
        let rest = declaration[(start + key.count)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\t") }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        return String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self)
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
