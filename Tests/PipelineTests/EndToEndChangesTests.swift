import Foundation
import TestSupport
import Report
import Testing
@testable import Pipeline

/// Two successive runs over a catalog that changed in between: the second run's
/// `changes.csv` and report list exactly what changed.
@Suite("Changes between runs")
struct EndToEndChangesTests {
    static func record(_ reference: String, title: String, stage: String) -> String {
        let undated = String(reference.split(separator: ":")[0])
        return """
        <standard xml:lang="en"><front><std-meta><title-wrap xml:lang="en"><main>\(title)</main></title-wrap>\
        <std-ref type="dated">\(reference)</std-ref><std-ref type="undated">\(undated)</std-ref>\
        <comm-ref>ISO/IEC JTC 1/SC 42</comm-ref><ics>35.020</ics>\
        <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>\(stage)</meta-value></custom-meta></custom-meta-group>\
        </std-meta></front></standard>
        """
    }

    static func catalog(_ records: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<standards>\n" + records.joined(separator: "\n") + "\n</standards>\n"
    }

    @Test func stageAdvancedOneAddedOneRemoved() throws {
        let folder = try TemporaryFolder()
        let catalog = folder.file("iso/catalog.xml")
        let config = TestConfig(
            sources: [.init(name: "iso", format: "niso-sts", paths: [folder.file("iso/*.xml")])],
            output: folder.file("Outputs")
        )
        let configPath = try config.write(into: folder.path)
        let runner = PipelineRunner(configPath: configPath, progress: ProgressReporter(options: ProgressOptions(quiet: true)))

        try folder.write("iso/catalog.xml", Self.catalog([
            Self.record("ISO/IEC 42001:2023", title: "Artificial intelligence — Management system", stage: "40.60"),
            Self.record("ISO/IEC TR 24028:2020", title: "Artificial intelligence — Overview of trustworthiness", stage: "60.60"),
            Self.record("ISO/IEC 22989:2022", title: "Artificial intelligence concepts and terminology", stage: "60.60"),
        ]))
        #expect(try runner.run(outputOverride: nil) == .success)
        let first = PublishedOutputs(directory: folder.file("Outputs"))
        #expect(try first.rows("changes.csv").isEmpty)

        try FileManager.default.removeItem(atPath: catalog)
        try folder.write("iso/catalog.xml", Self.catalog([
            Self.record("ISO/IEC 42001:2023", title: "Artificial intelligence — Management system", stage: "60.60"),
            Self.record("ISO/IEC 22989:2022", title: "Artificial intelligence concepts and terminology", stage: "60.60"),
            Self.record("ISO/IEC 23894:2023", title: "Artificial intelligence — Guidance on risk management", stage: "60.60"),
        ]))
        #expect(try runner.run(outputOverride: nil) == .success)
        let second = PublishedOutputs(directory: folder.file("Outputs"))
        let changes = try second.rows("changes.csv").map { [$0["id"]!, $0["change"]!, $0["from"]!, $0["to"]!] }
        #expect(changes.sorted { $0[0] < $1[0] } == [
            ["ISO/IEC 23894:2023", "added", "", "published"],
            ["ISO/IEC 42001:2023", "stage", "enquiry", "published"],
            ["ISO/IEC TR 24028:2020", "removed", "published", ""],
        ])

        // The report's changes section names the same three.
        let html = try second.text("report.html")
        let section = try #require(html.range(of: "id=\"changes\"")).upperBound
        let end = html[section...].range(of: "</section>")?.lowerBound ?? html.endIndex
        let changesSection = String(html[section..<end])
        for id in ["ISO/IEC 23894:2023", "ISO/IEC 42001:2023", "ISO/IEC TR 24028:2020"] {
            #expect(changesSection.contains(id), "report changes section lacks \(id)")
        }
        #expect(!changesSection.contains("ISO/IEC 22989:2022"))

        // Every CSV of the run reads back against datapackage.json.
        #expect(DataPackageValidator.validate(directory: URL(fileURLWithPath: folder.file("Outputs"))).map(\.description) == [])

        // The manifest counts them.
        let manifest = try second.manifest
        #expect((manifest["counts"] as? [String: Any])?["changes"] as? Int == 3)
    }
}
