import LandscapeModel
import XMLStream

/// The bounds applied to every input file (see ``XMLLimits`` for the defaults).
public typealias IngestLimits = XMLLimits

/// What reading one file produced, for progress lines and the manifest.
public struct FileReport: Sendable, Hashable {
    public var source: String
    public var path: String
    public var format: SourceFormat
    /// Size on disk (compressed size for `.gz`); 0 when unreadable.
    public var bytes: Int
    /// Bytes after decompression that the parser consumed.
    public var decompressedBytes: Int
    /// Records kept.
    public var records: Int
    /// Quarantine rows for this file (the file itself and its rejected records).
    public var quarantined: Int
    /// Warnings that did not reject anything (e.g. undefined entities left out).
    public var warnings: Int
    /// Why the file was rejected or cut short, if it was.
    public var failure: String?
    public var seconds: Double

    public init(source: String, path: String, format: SourceFormat, bytes: Int = 0, decompressedBytes: Int = 0,
                records: Int = 0, quarantined: Int = 0, warnings: Int = 0, failure: String? = nil, seconds: Double = 0) {
        self.source = source
        self.path = path
        self.format = format
        self.bytes = bytes
        self.decompressedBytes = decompressedBytes
        self.records = records
        self.quarantined = quarantined
        self.warnings = warnings
        self.failure = failure
        self.seconds = seconds
    }
}

/// A problem that rejected nothing but that an analyst may want to see
/// (an entity that only the missing IDAMS DTD defines, left out of the text).
public struct IngestWarning: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// Everything read from a set of files, in input order (file, then position in the file).
public struct IngestResult: Sendable {
    public var records: [RawRecord]
    public var quarantine: [QuarantineEntry]
    public var warnings: [IngestWarning]
    /// One per input file, in input order.
    public var files: [FileReport]
    /// TBX entries of the NISO STS full texts' terms clauses, in input order.
    public var terms: [RawTermEntry] = []

    public init(records: [RawRecord] = [], quarantine: [QuarantineEntry] = [], warnings: [IngestWarning] = [], files: [FileReport] = []) {
        self.records = records
        self.quarantine = quarantine
        self.warnings = warnings
        self.files = files
    }
}
