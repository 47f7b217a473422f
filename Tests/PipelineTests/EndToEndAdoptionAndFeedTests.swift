import Foundation
import TestSupport
import Testing
@testable import Pipeline

/// `landscape explain` on a national adoption chain, and `landscape run` on an ISO Open Data feed.
@Suite("End to end: adoption chains and the deliverables feed", .enabled(if: Repository.binary != nil, "needs the built landscape executable (swift build)"))
struct EndToEndAdoptionAndFeedTests {
    private func landscape(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ChildProcess.landscape(arguments)
    }

    @Test func explainShowsTheNationalAdoptionChain() throws {
        let folder = try TemporaryFolder()
        let document = """
            <adoption>
              <adoption-front><nat-meta originator="DIN"><std-ref type="dated">DIN EN ISO 13849-1:2008-12</std-ref><comm-ref>NA 060-30-05 AA</comm-ref></nat-meta></adoption-front>
              <adoption>
                <adoption-front><reg-meta originator="CEN"><std-ref type="dated">EN ISO 13849-1:2008-06</std-ref><comm-ref>CEN/TC 114</comm-ref></reg-meta></adoption-front>
                <standard><front><iso-meta>
                  <title-wrap xml:lang="en"><full>Safety of machinery — Safety-related parts of control systems — Part 1: General principles for design</full></title-wrap>
                  <std-ref type="dated">ISO 13849-1:2006-11</std-ref><comm-ref>ISO/TC 199</comm-ref></iso-meta></front></standard>
              </adoption>
            </adoption>
            """
        try document.write(toFile: folder.file("din.xml"), atomically: true, encoding: .utf8)
        let config = try TestConfig(sources: [.init(name: "din", format: "niso-sts", paths: [folder.file("din.xml")])],
                                    output: folder.file("Outputs")).write(into: folder.path)
        let chain = "adoption chain    DIN EN ISO 13849-1:2008-12 → EN ISO 13849-1:2008 → ISO 13849-1:2006"
        for reference in ["ISO 13849-1:2006", "EN ISO 13849-1:2008", "DIN EN ISO 13849-1:2008-12"] {
            let (status, output) = try landscape(["explain", reference, "--config", config, "--quiet"])
            #expect(status == 0)
            #expect(output.contains(chain), "\(reference): \(output)")
        }
        let (_, din) = try landscape(["explain", "DIN EN ISO 13849-1:2008-12", "--config", config, "--quiet"])
        #expect(din.contains("sdo               DIN"))
        #expect(din.contains("adopted_from      EN ISO 13849-1:2008"))
    }

    @Test func repositoryFeedMergesWithTheCatalogsAndFillsReplacedBy() throws {
        let folder = try TemporaryFolder()
        let status = try PipelineRunner(configPath: Repository.root.appendingPathComponent("Pipeline.yaml").path,
                                        progress: ProgressReporter(options: ProgressOptions(quiet: true)))
            .run(outputOverride: folder.file("Outputs"))
        #expect(status == .success)
        let rows = try PublishedOutputs(directory: folder.file("Outputs")).rows("standards.csv")
        let byID = Dictionary(rows.map { ($0["id"]!, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(rows.count == byID.count)
        #expect(byID["ISO/IEC 42001:2023"]?["sources"] == "iso;iec;cen-cenelec;iso-open-data")
        #expect(byID["ISO/IEC 27001:2013"]?["status"] == "withdrawn")
        #expect(byID["ISO/IEC 27001:2013"]?["replaced_by"] == "ISO/IEC 27001:2022")
        #expect(byID["ISO 31000:2009"]?["replaced_by"] == "ISO 31000:2018")
        #expect(byID["ISO/IEC 27001:2022/Amd 1:2024"]?["deliverable_type"] == "amendment")
        #expect(byID["ISO/IEC 22989:2022/CD Amd 1"]?["stage_code"] == "30.60")
        #expect(byID["ISO/IEC 42005:2025"]?["stage"] == "published")
    }
}
