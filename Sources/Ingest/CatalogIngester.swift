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
    /// Records kept in the run and from each file (the memory ceiling).
    public var recordLimits: RecordLimits
    /// Worker threads; defaults to the number of active processors.
    public var concurrency: Int
    /// Whether the terms clauses (`term-sec`) of NISO STS full texts are read; the rest of
    /// `<body>` is skipped either way.
    public var readsTermsClauses = true

    public init(limits: IngestLimits = .default, recordLimits: RecordLimits = RecordLimits(), concurrency: Int? = nil) {
        self.limits = limits
        self.recordLimits = recordLimits
        self.concurrency = max(1, concurrency ?? Parallel.processorCount)
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
            result.terms += outcome.terms
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
        // Biggest files first so that the last worker does not start a big one alone.
        let sizes = files.map { fileSize($0.path) }
        let order = files.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
        let budget = RecordBudget(recordLimits)
        return Parallel.map(count: files.count, workers: concurrency, order: order) { index in
            each(readFile(files[index], budget: budget))
        }
    }

    /// What one file produced.
    public struct FileOutcome: Sendable {
        public var records: [RawRecord]
        public var quarantine: [QuarantineEntry]
        public var warnings: [IngestWarning]
        public var report: FileReport
        /// TBX entries of the terms clauses of the records kept (NISO STS full texts).
        public var terms: [RawTermEntry] = []
    }

    /// Reads one file on the calling thread.
    ///
    /// When reading stops early (malformed, truncated, limit), only the records that
    /// certainly ended in the input are kept: libxml2 closes open elements at the end of a
    /// broken stream, so the record being read when the problem struck looks complete but may
    /// be cut short. A record is certainly complete when the parser had built a node after it
    /// when it ended, when any node other than an element end was handed out after it
    /// (libxml2 makes up only element ends), or when the parser had not yet reached the
    /// problem's line. The record that was being read is dropped (and counted in the
    /// quarantine reason).
    public func readFile(_ file: InputFile) -> FileOutcome {
        readFile(file, budget: RecordBudget(recordLimits))
    }

    func readFile(_ file: InputFile, budget: RecordBudget) -> FileOutcome {
        let started = ContinuousClock.now
        var report = FileReport(source: file.source, path: file.path, format: file.format, bytes: fileSize(file.path))
        var records: [RawRecord] = []
        var quarantine: [QuarantineEntry] = []
        var warnings: [IngestWarning] = []
        let fileLocation = SourceLocation(source: file.source, file: file.path, line: 0)
        if budget.isExhausted {
            let reason = "\(budget.runBound); this file is not read"
            quarantine.append(QuarantineEntry(location: fileLocation, reason: reason, scope: .file))
            report.failure = reason
            report.quarantined = 1
            return FileOutcome(records: [], quarantine: quarantine, warnings: [], report: report)
        }
        var allowance = budget.allowance()
        defer { allowance.finish() }
        if file.format == .isoOpenData {
            return DeliverablesFeed(limits: limits).read(file, started: started, allowance: &allowance)
        }

        let reader: XMLReader
        do {
            reader = try XMLReader(path: file.path, limits: limits)
        } catch {
            quarantine.append(QuarantineEntry(location: fileLocation, reason: error.description, scope: .file))
            report.failure = error.description
            report.quarantined = 1
            report.seconds = ContinuousClock.now.seconds(since: started)
            return FileOutcome(records: [], quarantine: quarantine, warnings: [], report: report)
        }

        // Where the reader stood when each record ended, to tell complete records from cut ones.
        struct RecordEnd {
            /// The parser's line, at or past the record's last line.
            var parsedThrough: Int
            /// Nodes other than element ends handed out so far.
            var nodesThrough: Int
            /// Whether the parser had built a node after the record's element.
            var followed: Bool
        }
        var ends: [RecordEnd] = []
        // NISO STS full texts: the TBX entries of their terms clauses.
        let termCollector = file.format == .nisoSts && readsTermsClauses ? TermCollector() : nil
        let adapter: (any CatalogAdapter)? = termCollector.map { StsAdapter(terms: $0) } ?? file.format.adapter
        adapter?.read(reader, emit: { record in
            guard allowance.take() else {
                reader.stop("record limit")
                return
            }
            records.append(record)
            ends.append(RecordEnd(parsedThrough: reader.parserLine, nodesThrough: reader.nodesOpened, followed: reader.isRecordFollowedInInput))
        }, location: { line in
            SourceLocation(source: file.source, file: file.path, line: line)
        })

        // A file in which no record was recognised may not be a catalog at all: its problems
        // are told without quoting it (see ``XMLProblem/withoutContent``).
        let recognised = !records.isEmpty
        func told(_ problem: XMLProblem) -> XMLProblem { recognised ? problem : problem.withoutContent }
        if let reason = allowance.reason {
            // Every record kept ended before reading was stopped on purpose.
            quarantine.append(QuarantineEntry(location: SourceLocation(source: file.source, file: file.path, line: reader.line),
                                              reason: reason, scope: .file))
            report.failure = reason
        } else if let failure = reader.failure.map(told) {
            // Keep the records that certainly ended before the failure's line.
            let total = reader.nodesOpened
            let kept = ends.firstIndex { end in
                !(end.followed || end.nodesThrough < total || (failure.line > 0 && end.parsedThrough < failure.line))
            } ?? records.count
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
        for problem in reader.problems.map(told) where !problem.isFatal {
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

        // Terms belong to the records kept: those of a dropped or rejected record go with it.
        var terms = termCollector?.entries ?? []
        if !terms.isEmpty {
            let kept = Set(records.map(\.location.line))
            terms.removeAll { !kept.contains($0.record.line) }
        }

        report.decompressedBytes = reader.bytesRead
        report.records = records.count
        report.quarantined = quarantine.count
        report.warnings = reader.problemCount - (reader.failure == nil ? 0 : 1)
        report.seconds = ContinuousClock.now.seconds(since: started)
        return FileOutcome(records: records, quarantine: quarantine, warnings: warnings, report: report, terms: terms)
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
