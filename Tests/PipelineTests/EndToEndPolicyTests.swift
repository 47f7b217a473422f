import Foundation
import TestSupport
import Report
import Testing
@testable import Pipeline

/// The policy stage end to end: the repository's `Pipeline.yaml` with its policy files, the
/// shared corpus with the CEN-CENELEC catalog, and bad policy files (exit 78).
@Suite("End to end: policy links and paths of influence")
struct EndToEndPolicyTests {
    static let quiet = ProgressReporter(options: ProgressOptions(quiet: true))

    /// Checks what the issue asks of a run: mutual interest of ISO/IEC 42001 and 23894, prEN 18286
    /// EU-only in CEN/CLC/JTC 21 without a US seat, the EN adoption of 42001 reaching SC 42 with the
    /// US as P-member and secretariat.
    private func expectPolicyFindings(_ outputs: PublishedOutputs) throws {
        let standards = Dictionary(try outputs.rows("standards.csv").map { ($0["id"]!, $0) }, uniquingKeysWith: { first, _ in first })
        for id in ["ISO/IEC 42001:2023", "ISO/IEC 23894:2023"] {
            let row = try #require(standards[id], "\(id)")
            #expect(row["mutual_interest"] == "true", "\(id)")
            #expect(row["eu_policy"]?.contains("M593/jtc21-adoptions") == true)
            #expect(row["us_policy"]?.isEmpty == false)
        }
        let pren = try #require(standards["prEN 18286"])
        #expect(pren["eu_policy"] == "M593/item-9" && pren["us_policy"] == "" && pren["mutual_interest"] == "false")
        #expect(standards.values.allSatisfy { $0["mutual_interest"] == "true" || $0["mutual_interest"] == "false" })

        let links = try outputs.rows("policy_links.csv")
        let usFor42001 = try #require(links.first { $0["standard_id"] == "ISO/IEC 42001:2023" && $0["side"] == "US" })
        #expect(usFor42001["match"] == "undated" && usFor42001["reference"] == "ISO/IEC FDIS 42001")
        #expect(usFor42001["source_url"]?.hasPrefix("https://") == true && usFor42001["read"] == "2026-11-29")
        let euFor42001 = try #require(links.first { $0["standard_id"] == "ISO/IEC 42001:2023" && $0["side"] == "EU" })
        #expect(euFor42001["match"] == "via-adoption" && euFor42001["via"] == "prEN ISO/IEC 42001")

        let paths = try outputs.rows("influence_paths.csv")
        let prenPath = paths.filter { $0["standard_id"] == "prEN 18286" }
        #expect(prenPath.count == 1)
        #expect(prenPath.first?["committee"] == "CEN/CLC/JTC 21" && prenPath.first?["us_status"] == "")
        #expect(prenPath.first?["secretariat"] == "DS" && prenPath.first?["secretariat_country"] == "DK")
        #expect(Int(prenPath.first?["eu_p_members"] ?? "") == 27)
        let adoption = paths.filter { $0["standard_id"] == "prEN ISO/IEC 42001" }
        #expect(adoption.map { $0["committee"] ?? "" } == ["CEN/CLC/JTC 21", "ISO/IEC JTC 1/SC 42"])
        #expect(adoption.map { $0["role"] ?? "" } == ["adopts", "develops"])
        #expect(adoption.last?["us_status"] == "P" && adoption.last?["secretariat"] == "ANSI" && adoption.last?["secretariat_country"] == "US")
        let en23894 = paths.filter { $0["standard_id"] == "EN ISO/IEC 23894:2024" }
        #expect(en23894.last?["committee"] == "ISO/IEC JTC 1/SC 42" && en23894.last?["us_status"] == "P")

        let report = try outputs.text("report.html")
        #expect(report.contains("<section id=\"mutual-interest\"") && report.contains("<section id=\"influence\""))
        #expect(report.contains("Named by policy, absent from the catalogs") && report.contains("prEN 18285"))
        #expect(report.contains("documents answering M593 request items are developed in committees where the US holds no seat"))
        #expect(DataPackageValidator.validate(directory: URL(fileURLWithPath: outputs.directory)).map(\.description) == [])
    }

    @Test func repositoryInputs() throws {
        let folder = try TemporaryFolder()
        let config = Repository.root.appendingPathComponent("Pipeline.yaml").path
        let status = try PipelineRunner(configPath: config, progress: Self.quiet).run(outputOverride: folder.file("Outputs"))
        #expect(status == .success)
        try expectPolicyFindings(PublishedOutputs(directory: folder.file("Outputs")))
    }

    @Test(.enabled(if: Repository.corpusAvailable, "needs ../shared/corpus"))
    func sharedCorpusWithTheCENCENELECCatalog() throws {
        let folder = try TemporaryFolder()
        var yaml = try String(contentsOfFile: Repository.root.appendingPathComponent("scripts/corpus-policy-pipeline.yaml").path, encoding: .utf8)
        // The corpus config's relative paths are kept by writing the copy beside it.
        yaml = yaml.replacingOccurrences(of: "directory: ../Outputs/corpus-policy", with: "directory: \"\(folder.file("Outputs"))\"")
        let config = Repository.root.appendingPathComponent("scripts/.corpus-policy-test-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let status = try PipelineRunner(configPath: config, progress: Self.quiet).run(outputOverride: nil)
        #expect(status == .success)
        try expectPolicyFindings(PublishedOutputs(directory: folder.file("Outputs")))
    }

    @Test func withoutPolicyTheColumnsAndFilesAreEmpty() throws {
        let folder = try TemporaryFolder()
        let config = try TestConfig(sources: [.init(name: "iso", format: "niso-sts", paths: [GoodCatalog.write(into: folder.path)])],
                                    output: folder.file("Outputs")).write(into: folder.path)
        #expect(try PipelineRunner(configPath: config, progress: Self.quiet).run(outputOverride: nil) == .success)
        let outputs = PublishedOutputs(directory: folder.file("Outputs"))
        #expect(try outputs.rows("policy_links.csv").isEmpty && outputs.rows("influence_paths.csv").isEmpty)
        #expect(try outputs.rows("standards.csv").allSatisfy { $0["eu_policy"] == "" && $0["mutual_interest"] == "false" })
        #expect(try outputs.text("report.html").contains("no policy file is configured"))
    }

    @Test func badPolicyFileIsAConfigErrorNamingFileLineAndKey() throws {
        let folder = try TemporaryFolder()
        let policy = (folder.path as NSString).appendingPathComponent("policy.yaml")
        try """
        format: landscape-policy
        version: 1
        instrument: {id: X, side: EU, title: X, url: "https://example.org", read: 2026-11-29, status: reported}
        provisions:
          - id: X/1
            title: One
            characteristics: [safe, trustworthiness]
            url: https://example.org

        """.write(toFile: policy, atomically: true, encoding: .utf8)
        var yaml = TestConfig(sources: [.init(name: "iso", format: "niso-sts", paths: [try GoodCatalog.write(into: folder.path)])],
                              output: folder.file("Outputs")).yaml
        yaml += "policy:\n  paths: [\"\(policy)\"]\n"
        let config = (folder.path as NSString).appendingPathComponent("Pipeline.yaml")
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        do {
            _ = try PipelineRunner(configPath: config, progress: Self.quiet).validate()
            Issue.record("no error")
        } catch let error as PipelineError {
            #expect(error.status == .config)
            #expect(error.description.contains("\(policy):7"), "\(error)")
            #expect(error.description.contains("provisions[0].characteristics[1]: unknown characteristic id `trustworthiness`"), "\(error)")
        }
        // The executable exits 78.
        if let binary = Repository.binary {
            let outcome = try ChildProcess.run(binary, ["validate", "--config", config, "--quiet"])
            #expect(outcome.status == 78, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("policy.yaml:7"))
        }
    }
}
