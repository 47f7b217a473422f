import LandscapeModel
import XMLStream

/// Reads ISO Open Data's deliverables feed (`iso-open-data`): `iso_deliverables_metadata`
/// as JSON Lines (`.jsonl`) or CSV (`.csv`), either gzipped, one line (or CSV record) at a
/// time: the file is never in memory as a whole.
///
/// Every deliverable becomes a record with one layer. A line that is not a JSON object,
/// has no `reference`, or has a field of the wrong type is quarantined with its line and
/// the reason; reading goes on. `replaces` and `replacedBy` name other records by their
/// numeric `id`: they are resolved to those records' references once the file has been
/// read, and an id the file does not hold is a warning.
struct DeliverablesFeed {
    var limits: XMLLimits

    /// CSV when the name says so (`.csv`, `.csv.gz`); JSON Lines otherwise.
    static func isCSV(_ path: String) -> Bool {
        let name = path.lowercased()
        return name.hasSuffix(".csv") || name.hasSuffix(".csv.gz")
    }

    func read(_ file: InputFile, started: ContinuousClock.Instant, allowance: inout RecordBudget.Allowance) -> CatalogIngester.FileOutcome {
        var report = FileReport(source: file.source, path: file.path, format: file.format, bytes: fileSize(file.path))
        var quarantine: [QuarantineEntry] = []
        var warnings: [IngestWarning] = []
        func location(_ line: Int) -> SourceLocation { SourceLocation(source: file.source, file: file.path, line: line) }

        let reader: LineReader
        do {
            reader = try LineReader(path: file.path, limits: limits)
        } catch {
            quarantine.append(QuarantineEntry(location: location(0), reason: error.description, scope: .file))
            report.failure = error.description
            report.quarantined = 1
            report.seconds = ContinuousClock.now.seconds(since: started)
            return .init(records: [], quarantine: quarantine, warnings: [], report: report)
        }

        var records: [RawRecord] = []
        var links: [(record: Int, replaces: [Int], replacedBy: [Int])] = []
        var referenceByID: [Int: String] = [:]
        func accept(_ result: Result<DeliverableRecord, DeliverableRecord.Problem>, line: Int) {
            switch result {
            case .success(let deliverable):
                guard allowance.take() else {
                    reader.stop()
                    return
                }
                if let id = deliverable.id, referenceByID.updateValue(deliverable.reference, forKey: id) != nil {
                    warnings.append(IngestWarning(location: location(line), message: "id \(id) is used by more than one line; relations name the last"))
                }
                if !deliverable.replaces.isEmpty || !deliverable.replacedBy.isEmpty {
                    links.append((records.count, deliverable.replaces, deliverable.replacedBy))
                }
                records.append(RawRecord(location: location(line), format: .isoOpenData, layers: [deliverable.layer(line: line)]))
            case .failure(let problem):
                quarantine.append(QuarantineEntry(location: location(line), reference: problem.reference, reason: problem.reason, scope: .record))
            }
        }

        if Self.isCSV(file.path) {
            readCSV(reader, accept: accept, quarantine: { line, reason in
                quarantine.append(QuarantineEntry(location: location(line), reason: reason, scope: .record))
            })
        } else {
            readJSONLines(reader, accept: accept)
        }

        // Relations by id, now that every id is known.
        for link in links {
            var layer = records[link.record].layers[0]
            for (ids, type) in [(link.replaces, "replaces"), (link.replacedBy, "replaced-by")] {
                for id in ids {
                    if let reference = referenceByID[id] {
                        layer.relations.append(RawRelation(type: type, reference: reference))
                    } else {
                        warnings.append(IngestWarning(location: records[link.record].location,
                                                      message: "`\(type == "replaces" ? "replaces" : "replacedBy")` names id \(id), which is not in the feed"))
                    }
                }
            }
            records[link.record].layers[0] = layer
        }

        if let reason = allowance.reason {
            quarantine.append(QuarantineEntry(location: location(reader.lineNumber), reason: reason, scope: .file))
            report.failure = reason
        } else if let failure = reader.failure {
            let kind: String
            switch failure.kind {
            case .limit: kind = "limit exceeded"
            case .unreadable: kind = "unreadable file"
            default: kind = failure.message.hasPrefix("gzip:") ? "truncated gzip" : "malformed file"
            }
            var message = failure.message
            if message.hasPrefix("gzip: ") { message.removeFirst("gzip: ".count) }
            let reason = "\(kind): \(message) (line \(failure.line)); \(records.count) record\(records.count == 1 ? "" : "s") before it kept, the line being read dropped"
            quarantine.append(QuarantineEntry(location: location(failure.line), reason: reason, scope: .file))
            report.failure = "\(kind): \(message)"
        }
        report.decompressedBytes = reader.bytesRead
        report.records = records.count
        report.quarantined = quarantine.count
        report.warnings = warnings.count
        report.seconds = ContinuousClock.now.seconds(since: started)
        return .init(records: records, quarantine: quarantine, warnings: warnings, report: report)
    }

    // MARK: JSON Lines

    private func readJSONLines(_ reader: LineReader, accept: (Result<DeliverableRecord, DeliverableRecord.Problem>, Int) -> Void) {
        while let result = reader.nextLine({ bytes -> Result<DeliverableRecord, DeliverableRecord.Problem>? in
            var bytes = bytes
            if reader.lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil } // blank line
            let json: JSONValue
            do throws(JSONSyntaxError) {
                json = try JSONValue.parse(bytes)
            } catch {
                return .failure(.init(reason: "not JSON: \(error.description)"))
            }
            do throws(DeliverableRecord.Problem) {
                return .success(try DeliverableRecord(json: json))
            } catch {
                return .failure(error)
            }
        }) {
            if let result { accept(result, reader.lineNumber) }
        }
    }

    // MARK: CSV

    /// RFC 4180: comma-separated, `"` quoting with `""` for a quote, quoted cells may hold
    /// commas and line breaks. The first record is the header; cells are read by its names.
    private func readCSV(_ reader: LineReader, accept: (Result<DeliverableRecord, DeliverableRecord.Problem>, Int) -> Void,
                         quarantine: (Int, String) -> Void) {
        var parser = CSVRecordParser()
        var header: [String: Int]?
        while reader.nextLine({ bytes -> Bool in
            var bytes = bytes
            if reader.lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            parser.feed(bytes, line: reader.lineNumber)
            return true
        }) != nil {
            guard let (row, start) = parser.takeRecord() else { continue }
            let values: [String]
            switch row {
            case .invalid(let problem):
                quarantine(start, problem)
                continue
            case .cells(let cells):
                values = cells
            }
            guard let columns = header else {
                var names: [String: Int] = [:]
                for (index, name) in values.enumerated() where names[name.trimmingASCIISpaces()] == nil {
                    names[name.trimmingASCIISpaces()] = index
                }
                guard names["reference"] != nil else {
                    // The file may not be a feed at all: its cells are not quoted.
                    quarantine(start, "invalid header: no `reference` column among its \(values.count) cells; the file is not read")
                    return
                }
                header = names
                continue
            }
            if values.count == 1, values[0].isEmpty { continue } // blank line
            if values.count != columns.count {
                quarantine(start, "invalid row: \(values.count) cells, the header names \(columns.count)")
                continue
            }
            do throws(DeliverableRecord.Problem) {
                accept(.success(try DeliverableRecord(row: { name in columns[name].map { values[$0] } })), start)
            } catch {
                accept(.failure(error), start)
            }
        }
        if let start = parser.openRecordLine {
            quarantine(start, "invalid row: a quoted cell that starts here is never closed (the file ends inside it)")
        }
    }
}

/// Splits CSV lines into records, carrying a quoted cell across line breaks.
struct CSVRecordParser {
    private var cells: [String] = []
    private var cell: [UInt8] = []
    private var inQuotes = false
    private var startLine = 0
    private var ready: (CSVRow, Int)?
    private var problem: String?

    /// The first line of a record whose quoted cell is still open, if any.
    var openRecordLine: Int? { inQuotes ? startLine : nil }

    /// Adds one physical line (without its line break).
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        if !inQuotes {
            cells.removeAll(keepingCapacity: true)
            cell.removeAll(keepingCapacity: true)
            startLine = line
            problem = nil
        } else {
            cell.append(0x0A)
        }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                        cell.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    index += 1
                    // After a closing quote only a comma or the end of the line may follow.
                    if index < count, bytes[index] != UInt8(ascii: ",") {
                        problem = problem ?? "invalid row: text after a closing quote in cell \(cells.count + 1)"
                    }
                    continue
                }
                cell.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\""):
                if cell.isEmpty { inQuotes = true } else {
                    problem = problem ?? "invalid row: a quote inside unquoted cell \(cells.count + 1)"
                    cell.append(byte)
                }
            default:
                cell.append(byte)
            }
            index += 1
        }
        if !inQuotes {
            cells.append(String(decoding: cell, as: UTF8.self))
            ready = (problem.map { .invalid($0) } ?? .cells(cells), startLine)
        }
    }

    /// The record completed by the last line, with its first line; nil while a quoted cell is open.
    mutating func takeRecord() -> (CSVRow, Int)? {
        defer { ready = nil }
        return ready
    }
}

/// One CSV record: its cells, or why it cannot be read.
enum CSVRow {
    case cells([String])
    case invalid(String)
}
