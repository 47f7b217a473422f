import Foundation
import TestSupport
import Report
import Testing
@testable import Pipeline

/// `landscape run` on the repository's own `Pipeline.yaml` and `Inputs/`, as a fresh checkout runs it,
/// and on a slice of the shared corpus.
@Suite("End to end: Inputs and a corpus slice")
struct EndToEndInputsTests {
    static let quiet = ProgressReporter(options: ProgressOptions(quiet: true))

    @Test func repositoryInputsRunWithTheQuarantineAtWork() throws {
        let folder = try TemporaryFolder()
        let config = Repository.root.appendingPathComponent("Pipeline.yaml").path
        let status = try PipelineRunner(configPath: config, progress: Self.quiet).run(outputOverride: folder.file("Outputs"))
        #expect(status == .success)
        let outputs = PublishedOutputs(directory: folder.file("Outputs"))
        for name in ["standards.csv", "participation.csv", "participation_summary.csv", "quarantine.csv", "changes.csv",
                     "report.html", "datapackage.json", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("Outputs/\(name)")), "missing \(name)")
        }
        // The deliberately broken file is quarantined with its line and reason.
        let quarantine = try outputs.quarantine
        let broken = try #require(quarantine.first { $0["file"]?.hasSuffix("broken-truncated.xml") == true })
        #expect(broken["source"] == "iso")
        #expect(Int(broken["line"] ?? "") ?? 0 > 0)
        #expect(broken["reason"]?.hasPrefix("malformed XML") == true)

        let standards = Dictionary(try outputs.rows("standards.csv").map { ($0["id"]!, $0) }, uniquingKeysWith: { first, _ in first })
        let adoption = try #require(standards["EN ISO/IEC 23894:2024"])
        #expect(adoption["adopted_from"] == "ISO/IEC 23894:2023")
        #expect(adoption["committee"] == "CEN/CLC/JTC 21")
        let draft = try #require(standards["prEN 18286"])
        #expect(draft["status"] == "draft")
        #expect(draft["stage"] == "enquiry")
        #expect(standards["IEEE Std 7001-2021"]?["sdo"] == "IEEE")
        #expect(standards["ISO/IEC 42001:2023"]?["committee"] == "ISO/IEC JTC 1/SC 42")
        #expect(standards["ISO/IEC 42001:2023"]?["characteristics"]?.contains("accountable_transparent") == true)

        #expect(DataPackageValidator.validate(directory: URL(fileURLWithPath: folder.file("Outputs"))).map(\.description) == [])
        let manifest = try outputs.manifest
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count >= 7)
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect(manifest["exit_status"] as? Int == 0)
    }

    @Test func badCommitteeLinesAreQuarantinedNotDropped() throws {
        let folder = try TemporaryFolder()
        try GoodCatalog.write(into: folder.path)
        let good = try String(contentsOf: Repository.inputs.appendingPathComponent("committees/iso_technical_committees.jsonl"), encoding: .utf8)
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false)
        try folder.write("committees.jsonl", (lines.prefix(3) + ["{ not json"] + lines.dropFirst(3)).joined(separator: "\n"))
        var yaml = TestConfig(sources: [.init(name: "iso", format: "niso-sts", paths: [folder.file("good.xml")])],
                              output: folder.file("Outputs")).yaml
        yaml = yaml.replacingOccurrences(of: Repository.inputs.path + "/committees/iso_technical_committees.jsonl", with: folder.file("committees.jsonl"))
        let config = try folder.write("Pipeline.yaml", yaml)
        #expect(try PipelineRunner(configPath: config, progress: Self.quiet).run(outputOverride: nil) == .success)
        let rows = try PublishedOutputs(directory: folder.file("Outputs")).quarantine
        let row = try #require(rows.first { $0["file"]?.hasSuffix("committees.jsonl") == true })
        #expect(row["line"] == "4")
        #expect(row["reason"]?.hasPrefix("invalid committee record") == true)
    }

    @Test(.enabled(if: Repository.corpusAvailable, "needs ../shared/corpus"))
    func corpusSliceQuarantinesNothingWellFormed() throws {
        let folder = try TemporaryFolder()
        let corpus = Repository.corpus.path
        let config = TestConfig(
            sources: [
                .init(name: "iso", format: "niso-sts", paths: [corpus + "/iso/catalog-013.xml.gz"]),
                .init(name: "iec", format: "niso-sts", paths: [corpus + "/iec/catalog-007.xml.gz"]),
                .init(name: "ieee", format: "ieee-idams", paths: [corpus + "/ieee/catalog-003.xml.gz"]),
            ],
            output: folder.file("Outputs"),
            errorBudget: 0
        )
        let status = try PipelineRunner(configPath: try config.write(into: folder.path), progress: Self.quiet).run(outputOverride: nil)
        #expect(status == .success)
        let outputs = PublishedOutputs(directory: folder.file("Outputs"))
        #expect(try outputs.quarantine.isEmpty)
        let ids = try outputs.standardIds
        #expect(Set(ids).count == ids.count, "every standard once")
        let rows = try outputs.rows("standards.csv")
        let bias = try #require(rows.first { $0["id"] == "ISO/IEC TR 24027:2021" })
        #expect(bias["committee"] == "ISO/IEC JTC 1/SC 42")
        #expect(bias["sources"] == "iso;iec", "a joint standard in both catalogs is merged")
        #expect(bias["characteristics"]?.contains("fair_bias_managed") == true)
        let counts = try #require(try outputs.manifest["counts"] as? [String: Any])
        #expect((counts["merges"] as? Int ?? 0) > 0)
        #expect((counts["records"] as? Int ?? 0) > ids.count)
    }
}
