import Dispatch
import LandscapeModel
import XMLStream

/// Reads catalog files in parallel, one reader per thread, and returns their records
/// in input order (file, then position in the file).
///
/// A file that cannot be read, is not well-formed, or breaks a limit becomes a
/// file-level quarantine row; the records it completed before the problem are kept
/// (see ``readFile(_:)``) and the other files are unaffected.
public struct CatalogIngester: Sendable {
    public var limits: IngestLimits
    /// Worker threads; defaults to the number of active processors.
    public var concurrency: Int

    public init(limits: IngestLimits = .default, concurrency: Int? = nil) {
        self.limits = limits
        self.concurrency = max(1, concurrency ?? ProcessorCount.active)
    }

    /// Reads every file. `progress` is called once per finished file, from worker threads.
    public func ingest(_ files: [InputFile], progress: (@Sendable (FileReport) -> Void)? = nil) -> IngestResult {
        let outcomes = ingest(files) { outcome in
            progress?(outcome.report)
            return outcome
        }
        var result = IngestResult()
        for outcome in outcomes {
            result.records += outcome.records
            result.quarantine += outcome.quarantine
            result.warnings += outcome.warnings
            result.files.append(outcome.report)
        }
        return result
    }

    /// Reads every file and hands each file's outcome to `each` on the worker thread
    /// that read it; returns what `each` returned, in input order. Lets a caller turn
    /// a file's records into something smaller (``Normalizer``'s prepared records)
    /// while other files are still being read, so raw records never pile up.
    public func ingest<Output: Sendable>(_ files: [InputFile], each: @escaping @Sendable (FileOutcome) -> Output) -> [Output] {
        XMLEnvironment.prepare()
        let slots = Slots<Output>(count: files.count)
        // Biggest files first so that the last worker does not start a big one alone.
        let sizes = files.map { fileSize($0.path) }
        let order = files.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
        let next = Counter()
        let workers = min(concurrency, files.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let position = next.take(below: order.count) {
                let index = order[position]
                slots.store(each(readFile(files[index])), at: index)
            }
        }
        return slots.values()
    }

    /// What one file produced.
    public struct FileOutcome: Sendable {
        public var records: [RawRecord]
        public var quarantine: [QuarantineEntry]
        public var warnings: [IngestWarning]
        public var report: FileReport
    }

    /// Reads one file on the calling thread.
    ///
    /// When reading stops early (malformed, truncated, limit), only the records that
    /// certainly ended before the problem's line are kept: libxml2 closes open elements
    /// at the end of a broken stream, so the record being read when the problem struck
    /// looks complete but may be cut short. The rule is conservative: a complete record
    /// that the parser had read ahead past the problem's line is dropped as well (and
    /// counted in the quarantine reason).
    public func readFile(_ file: InputFile) -> FileOutcome {
        let started = monotonicNow()
        var report = FileReport(source: file.source, path: file.path, format: file.format, bytes: fileSize(file.path))
        var records: [RawRecord] = []
        var quarantine: [QuarantineEntry] = []
        var warnings: [IngestWarning] = []
        let fileLocation = SourceLocation(source: file.source, file: file.path, line: 0)
        if file.format == .isoOpenData {
            return DeliverablesFeed(limits: limits).read(file, started: started)
        }

        let reader: XMLReader
        do {
            reader = try XMLReader(path: file.path, limits: limits)
        } catch {
            quarantine.append(QuarantineEntry(location: fileLocation, reason: error.description, scope: .file))
            report.failure = error.description
            report.quarantined = 1
            report.seconds = monotonicNow() - started
            return FileOutcome(records: [], quarantine: quarantine, warnings: [], report: report)
        }

        // The parser's line when a record ends is at or past the record's last line.
        var parsedThrough: [Int] = []
        file.format.adapter?.read(reader, emit: { record in
            records.append(record)
            parsedThrough.append(reader.parserLine)
        }, location: { line in
            SourceLocation(source: file.source, file: file.path, line: line)
        })

        if let failure = reader.failure {
            // Keep the records that certainly ended before the failure's line.
            let kept = failure.line > 0
                ? (parsedThrough.firstIndex { $0 >= failure.line } ?? records.count)
                : max(0, records.count - 1)
            let dropped = records.count - kept
            records.removeLast(dropped)
            let line = failure.line
            var reason = failure.description
            if line > 0 { reason += " (line \(line))" }
            reason += "; \(kept) record\(kept == 1 ? "" : "s") before it kept"
            if dropped > 0 { reason += ", \(dropped) incomplete dropped" }
            quarantine.append(QuarantineEntry(
                location: SourceLocation(source: file.source, file: file.path, line: line),
                reason: reason, scope: .file))
            report.failure = failure.description
        }
        for problem in reader.problems where !problem.isFatal {
            warnings.append(IngestWarning(
                location: SourceLocation(source: file.source, file: file.path, line: problem.line),
                message: problem.message))
        }

        // A record with nothing that could identify it is of no use downstream.
        records.removeAll { record in
            guard !record.hasReferenceText else { return false }
            quarantine.append(QuarantineEntry(location: record.location, reason: "no usable reference: the record has no std-ref, doc-ref, doc-number or IEEE normtitle", scope: .record))
            return true
        }

        report.decompressedBytes = reader.bytesRead
        report.records = records.count
        report.quarantined = quarantine.count
        report.warnings = reader.problemCount - (reader.failure == nil ? 0 : 1)
        report.seconds = monotonicNow() - started
        return FileOutcome(records: records, quarantine: quarantine, warnings: warnings, report: report)
    }
}

extension RawRecord {
    /// Whether any layer carries text a reference could be made from.
    var hasReferenceText: Bool {
        layers.contains { layer in
            func present(_ text: String?) -> Bool { text.map { !$0.allSatisfy(\.isWhitespace) } ?? false }
            return layer.references.values.contains { present($0) } || present(layer.docRef)
                || present(layer.docNumber) || present(layer.ieee?.normTitle) || present(layer.ieee?.stdNumber)
                || present(layer.ieee?.title)
        }
    }
}
