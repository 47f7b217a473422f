import Benchmark
import CLibXML2Floor
import Foundation
import Ingest
import LandscapeModel
import Normalize
import Pipeline
import Report
import Score

/// Throughput of each stage on a slice of the shared corpus (one catalog file of each of ISO,
/// IEC and IEEE; `LANDSCAPE_BENCH_SLICE=all` takes every file), beside a bare `xmlTextReader`
/// pass over the same files as the floor. Each stage is measured on the output of the one
/// before it, prepared outside the measured part.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 7
    )
    guard let slice = CorpusSlice.load() else {
        print("no shared corpus beside the repository: nothing to benchmark")
        return
    }
    let records = slice.records.count

    Benchmark("floor: bare xmlTextReader, \(slice.files.count) files, 1 thread") { benchmark in
        for path in slice.files.map(\.path) {
            blackHole(CorpusSlice.bareRead(path))
        }
    }

    Benchmark("ingest: \(records) records") { benchmark in
        blackHole(CatalogIngester().ingest(slice.files))
    }

    Benchmark("ingest: \(records) records, 1 thread") { benchmark in
        blackHole(CatalogIngester(concurrency: 1).ingest(slice.files))
    }

    Benchmark("normalize: \(records) records") { benchmark in
        blackHole(Normalizer().normalize(slice.records))
    }

    Benchmark("score: \(slice.standards.count) standards") { benchmark in
        blackHole(slice.standards.map(slice.scorer.scored))
    }

    Benchmark("standards.csv: \(slice.standards.count) standards") { benchmark in
        blackHole(CSVTables.standards(slice.scored))
    }

    Benchmark("pipeline run: \(records) records, end to end") { benchmark in
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("landscape-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let runner = PipelineRunner(configPath: slice.configPath, progress: ProgressReporter(options: ProgressOptions(quiet: true)))
        benchmark.startMeasurement()
        blackHole(try runner.run(outputOverride: output))
        benchmark.stopMeasurement()
    }
}

/// The files measured and each stage's input, prepared once.
struct CorpusSlice: Sendable {
    var files: [InputFile]
    var records: [RawRecord]
    var standards: [Standard]
    var scorer: Scorer
    var scored: [ScoredStandard]
    var configPath: String

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() -> CorpusSlice? {
        let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let everything = ProcessInfo.processInfo.environment["LANDSCAPE_BENCH_SLICE"] == "all"
        var files: [InputFile] = []
        for (sdo, format) in [("iso", SourceFormat.nisoSts), ("iec", .nisoSts), ("ieee", .ieeeIdams)] {
            let folder = corpus.appendingPathComponent(sdo)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
            let chosen = names.filter { $0.hasSuffix(".xml.gz") }.sorted()
            files += (everything ? chosen : Array(chosen.prefix(1))).map {
                InputFile(source: sdo, format: format, path: folder.appendingPathComponent($0).path)
            }
        }
        guard !files.isEmpty, let taxonomy = try? Taxonomy.load(path: repository.appendingPathComponent("Inputs/taxonomy.yaml").path) else {
            return nil
        }
        let records = CatalogIngester().ingest(files).records
        let standards = Normalizer().normalize(records).standards
        let scorer = Scorer(taxonomy: taxonomy)
        let scored = standards.map(scorer.scored)
        guard let configPath = try? writeConfig(files) else { return nil }
        return CorpusSlice(files: files, records: records, standards: standards, scorer: scorer, scored: scored, configPath: configPath)
    }

    /// A `Pipeline.yaml` over the slice, in the temporary folder.
    static func writeConfig(_ files: [InputFile]) throws -> String {
        let inputs = repository.appendingPathComponent("Inputs").path
        var yaml = "sources:\n"
        for source in ["iso", "iec", "ieee"] {
            let paths = files.filter { $0.source == source }
            guard let format = paths.first?.format else { continue }
            yaml += "  - name: \(source)\n    format: \(format.rawValue)\n    paths: [\(paths.map { "\"\($0.path)\"" }.joined(separator: ", "))]\n"
        }
        yaml += """
        committees:
          - format: iso-open-data
            paths: ["\(inputs)/committees/iso_technical_committees.jsonl"]
          - format: landscape-committees
            paths: ["\(inputs)/committees/cen-cenelec.yaml", "\(inputs)/committees/ieee.yaml"]
        output:
          directory: \(FileManager.default.temporaryDirectory.path)/landscape-bench-outputs
        error_budget: 1.0
        scoring:
          taxonomy: \(inputs)/taxonomy.yaml
        participation:
          members: ["\(inputs)/committees/iso_members.csv"]
        history:
          keep_runs: 1

        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("landscape-bench-pipeline.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Reads every node of a file with libxml2's reader and nothing else.
    static func bareRead(_ path: String) -> Int {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else { return -1 }
        defer { xmlFreeTextReader(reader) }
        var nodes = 0
        while xmlTextReaderRead(reader) == 1 { nodes += 1 }
        return nodes
    }
}
