import Ingest

/// The `limits:` section of `Pipeline.yaml`: bounds on each input file, on the whole run's
/// records, and on file discovery, so that hostile or careless input ends as quarantine rows
/// or a clear error instead of exhausting the machine.
///
/// ```yaml
/// limits:
///   max_file_bytes: 1073741824          # per file, on disk
///   max_decompressed_bytes: 536870912   # per .gz file (gzip bombs)
///   max_seconds_per_file: 60
///   max_depth: 256
///   max_attributes: 1000
///   max_text_bytes: 8388608
///   max_records: 1100000                # in the whole run: the memory ceiling
///   max_records_per_file: 1000000
///   max_discovered_files: 100000        # discovery: files matched, directories visited, seconds
///   max_discovered_directories: 100000
///   max_discovery_seconds: 60
/// ```
public struct LimitsSettings: Decodable, Sendable, Hashable {
    /// Bounds on each catalog file.
    var file = IngestLimits.default
    /// Records kept in the whole run and from one file; what lies beyond is not read and is
    /// quarantined with the reason.
    public var records = RecordLimits()
    /// Bounds on expanding the configured glob patterns.
    public var discovery = FileDiscovery.Bounds()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxFileBytes = "max_file_bytes"
        case maxDecompressedBytes = "max_decompressed_bytes"
        case maxSecondsPerFile = "max_seconds_per_file"
        case maxDepth = "max_depth"
        case maxAttributes = "max_attributes"
        case maxTextBytes = "max_text_bytes"
        case maxRecords = "max_records"
        case maxRecordsPerFile = "max_records_per_file"
        case maxDiscoveredFiles = "max_discovered_files"
        case maxDiscoveredDirectories = "max_discovered_directories"
        case maxDiscoverySeconds = "max_discovery_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func positive<T: Comparable & Numeric & Decodable>(_ key: CodingKeys, _ current: T) throws -> T {
            guard let value = try container.decodeIfPresent(T.self, forKey: key) else { return current }
            guard value > 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be greater than 0")
            }
            return value
        }
        file.maxFileBytes = try positive(.maxFileBytes, file.maxFileBytes)
        file.maxDecompressedBytes = try positive(.maxDecompressedBytes, file.maxDecompressedBytes)
        file.maxSeconds = try positive(.maxSecondsPerFile, file.maxSeconds)
        file.maxDepth = try positive(.maxDepth, file.maxDepth)
        file.maxAttributes = try positive(.maxAttributes, file.maxAttributes)
        file.maxTextBytes = try positive(.maxTextBytes, file.maxTextBytes)
        records.total = try positive(.maxRecords, records.total)
        records.perFile = try positive(.maxRecordsPerFile, records.perFile)
        discovery.maxFiles = try positive(.maxDiscoveredFiles, discovery.maxFiles)
        discovery.maxDirectories = try positive(.maxDiscoveredDirectories, discovery.maxDirectories)
        discovery.maxSeconds = try positive(.maxDiscoverySeconds, discovery.maxSeconds)
    }
}
