import Ingest
import LandscapeModel
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target for the two catalog adapters (`niso-sts`, `ieee-idams`).
///
/// Each input is written to a file in `/dev/shm` (the reader reads files, as the pipeline does)
/// and read by both adapters through `CatalogIngester.readFile`, the code path of a real run:
/// hardened reader, limits, partial-file recovery and the record check. Any crash, sanitizer
/// report, hang (libFuzzer's `-timeout`) or leak is a finding; so is a record or quarantine row
/// whose location names another file or a line the input does not have.
enum CatalogFuzzer {
    static let path: String = {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/landscape-fuzz-\(getpid()).xml"
    }()

    /// Tight limits so that a slow input shows as a limit, not as a libFuzzer timeout.
    static let ingester = CatalogIngester(
        limits: IngestLimits(maxFileBytes: 1 << 20, maxDecompressedBytes: 8 << 20, maxSeconds: 5,
                             maxDepth: 256, maxAttributes: 1_000, maxTextBytes: 1 << 20),
        concurrency: 1
    )

    static func fuzz(_ bytes: UnsafeRawBufferPointer) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write \(path)") }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else { fatalError("cannot write \(path)") }
            offset += written
        }
        close(descriptor)
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }

        for format in [SourceFormat.nisoSts, .ieeeIdams] {
            let outcome = ingester.readFile(InputFile(source: "fuzz", format: format, path: path))
            for record in outcome.records {
                check(record.location, lines: lines, what: "record")
            }
            for entry in outcome.quarantine {
                check(entry.location, lines: lines, what: "quarantine row")
                precondition(!entry.reason.isEmpty, "a quarantine row without a reason")
            }
            precondition(outcome.report.records == outcome.records.count, "the file report miscounts records")
        }
    }

    static func check(_ location: SourceLocation, lines: Int, what: String) {
        precondition(location.file == path, "\(what) names another file: \(location.file)")
        precondition(location.line >= 0 && location.line <= lines, "\(what) at line \(location.line) of a \(lines)-line input")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    CatalogFuzzer.fuzz(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
