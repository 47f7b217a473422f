import Foundation
import Ingest
import LandscapeModel
import Normalize

/// Ingest and normalize: from the configured catalogs to de-duplicated standards.
enum CatalogStage {
    /// - Parameters:
    ///   - keepsProvenance: whether standards carry their provenance notes (only `explain` shows them).
    ///   - condenseAbstract: when set, abstracts are replaced by what it keeps of them as
    ///     records are read (see ``Normalizer/condenseAbstract``).
    static func run(_ config: PipelineConfig, progress: ProgressReporter, keepsProvenance: Bool = true,
                    condenseAbstract: (@Sendable (String) -> any CondensedText)? = nil) throws -> Catalog {
        let limits = config.limits.file
        var inputs: [InputFile] = []
        var rejectedFiles: [QuarantineEntry] = []
        for source in config.sources {
            let matched = try FileMatcher.expand(source.paths, line: source.line, config: config, source: source.name, progress: progress)
            inputs += matched.files.map { InputFile(source: source.name, format: source.format, path: $0) }
            rejectedFiles += matched.rejected
        }

        // Each file is read and its records prepared for normalization on the worker that
        // read it, so raw records never pile up: memory grows with the standards, not the input.
        let clock = ContinuousClock()
        var started = clock.now
        progress.stage("ingest", detail: "\(inputs.count) files")
        progress.expectFiles(inputs.count + rejectedFiles.count)
        // Paths that are not readable files get their log line like any other input.
        for entry in rejectedFiles {
            progress.file(source: entry.location.source, path: entry.location.file, records: 0, quarantined: 1, seconds: 0, problem: entry.reason)
        }
        let normalizer = Normalizer(keepsProvenance: keepsProvenance, condenseAbstract: condenseAbstract)
        let indexed = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        var ingester = CatalogIngester(limits: limits, recordLimits: config.limits.records)
        ingester.readsTermsClauses = config.terminology.termsClauses
        let outcomes = ingester.ingest(inputs) { outcome in
            let report = outcome.report
            progress.file(source: report.source, path: report.path, records: report.records,
                          quarantined: report.quarantined, seconds: report.seconds, problem: report.failure)
            let batch = indexed[InputFile(source: report.source, format: report.format, path: report.path)] ?? 0
            return ReadFile(
                report: report,
                quarantine: outcome.quarantine,
                warnings: outcome.warnings,
                prepared: normalizer.prepare(outcome.records, batch: batch),
                sha256: Digest.sha256Hex(ofFile: report.path) ?? "",
                terms: outcome.terms
            )
        }
        let warnings = outcomes.flatMap(\.warnings)
        for warning in warnings.prefix(20) {
            progress.warning("\(warning.location): \(warning.message)")
        }
        if warnings.count > 20 {
            progress.warning("… and \(warnings.count - 20) more ingest warnings")
        }
        var timings = ["ingest": clock.now.seconds(since: started)]

        started = clock.now
        let recordCount = outcomes.reduce(0) { $0 + $1.report.records }
        progress.stage("normalize", detail: "\(recordCount) records")
        let normalized = normalizer.merge(outcomes.map(\.prepared))
        timings["normalize"] = clock.now.seconds(since: started)

        let quarantine = rejectedFiles + outcomes.flatMap(\.quarantine) + normalized.quarantine
        let rejectedPerFile = Dictionary(grouping: normalized.quarantine, by: \.location.file).mapValues(\.count)
        let files = outcomes.map { outcome in
            let report = outcome.report
            return InputFileRecord(
                source: report.source, format: report.format.rawValue, path: report.path, bytes: report.bytes,
                sha256: outcome.sha256,
                records: report.records - (rejectedPerFile[report.path] ?? 0),
                quarantined: report.quarantined + (rejectedPerFile[report.path] ?? 0),
                seconds: (report.seconds * 1000).rounded() / 1000
            )
        }
        return Catalog(
            files: files,
            recordCount: recordCount,
            standards: normalized.standards,
            quarantine: quarantine,
            merges: normalized.merges,
            terms: outcomes.flatMap(\.terms),
            timings: timings
        )
    }
}

/// What one file left after ingest and the per-record half of normalization, until every
/// file is read.
private struct ReadFile: Sendable {
    var report: FileReport
    var quarantine: [QuarantineEntry]
    var warnings: [IngestWarning]
    var prepared: PreparedRecords
    var sha256: String
    var terms: [RawTermEntry]
}
