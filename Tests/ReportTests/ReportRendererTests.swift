import Foundation
import LandscapeModel
import Testing
@testable import Report

@Suite("report.html")
struct ReportRendererTests {
    @Test func everySectionIsPresentInOrder() throws {
        let html = ReportRenderer.render(ReportFixtures.input())
        var cursor = html.startIndex
        for section in ReportRenderer.sections {
            let range = try #require(html.range(of: "<section id=\"\(section.id)\"", range: cursor..<html.endIndex), "section \(section.id) missing or out of order")
            cursor = range.upperBound
            #expect(html.contains("<h2 id=\"\(section.id)-heading\">\(section.heading.replacingOccurrences(of: "'", with: "&#39;"))</h2>"))
        }
        for landmark in ["<header", "<nav", "<main>", "<footer>", "<figure>", "<figcaption>", "<caption>", "scope=\"col\"", "scope=\"row\"", "<html lang=\"en\">"] {
            #expect(html.contains(landmark), "missing \(landmark)")
        }
    }

    @Test func chartsAreInlineSVGWithTablesBesideThem() {
        let html = ReportRenderer.render(ReportFixtures.input())
        for chart in ["coverage-heatmap", "participation-p-members", "participation-secretariats", "lifecycle-stages"] {
            #expect(html.contains("<svg id=\"\(chart)\""), "chart \(chart) missing")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(html.components(separatedBy: "<table>").count - 1 >= 4 + 9)
    }

    @Test func reportNeedsNoNetwork() {
        let html = ReportRenderer.render(ReportFixtures.input())
        let lowered = html.lowercased()
        // Resources: nothing loaded from anywhere, let alone the network.
        for pattern in ["<script src", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "src=", "xlink:href"] {
            #expect(!lowered.contains(pattern), "report references a resource: \(pattern)")
        }
        // The only http(s) URLs allowed are plain <a href> hyperlinks; there are none in this report.
        for scheme in ["http://", "https://", "//fonts.", "cdn"] {
            let hits = lowered.ranges(of: scheme).filter { range in
                let before = lowered.index(range.lowerBound, offsetBy: -10, limitedBy: lowered.startIndex) ?? lowered.startIndex
                return !lowered[before..<range.lowerBound].contains("<a href=")
            }
            #expect(hits.isEmpty, "report references \(scheme)")
        }
        // Every href is an in-page anchor.
        for match in html.matches(of: /href="([^"]*)"/) {
            #expect(match.output.1.hasPrefix("#"), "href \(match.output.1)")
        }
    }

    @Test func allTextIsEscaped() {
        var standards = ReportFixtures.landscape(count: 40)
        standards.append(ReportFixtures.standard(
            "ISO/IEC 99999:2025", sdo: "ISO/IEC", stage: .published, committee: "ISO/IEC JTC 1/SC 42",
            title: "<script>alert('x')</script> & \"quotes\"", characteristics: [.safe], score: 1.0
        ))
        var input = ReportFixtures.input(standards: standards)
        input.quarantine.append(QuarantineEntry(location: SourceLocation(source: "iso", file: "<img src=x onerror=alert(1)>.xml", line: 3), reason: "malformed XML: <b>bold</b>", scope: .record))
        input.characteristics[1].definition = "Definition with <em>markup</em>"
        let html = ReportRenderer.render(input)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(!html.contains("<em>markup"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;.xml:3"))
    }

    @Test func heatmapCountsAIRelevantStandardsPerSDOAndStage() {
        let standards = [
            ReportFixtures.standard("ISO/IEC 1:2023", sdo: "ISO/IEC", stage: .published, committee: "ISO/IEC JTC 1/SC 42", title: "A", characteristics: [.safe]),
            ReportFixtures.standard("ISO/IEC 2:2023", sdo: "ISO/IEC", stage: .published, committee: "ISO/IEC JTC 1/SC 42", title: "B", characteristics: [.safe, .humanOversight]),
            ReportFixtures.standard("ISO/IEC DIS 3", sdo: "ISO/IEC", stage: .enquiry, committee: "ISO/IEC JTC 1/SC 42", title: "C", characteristics: [.safe]),
            ReportFixtures.standard("EN 4:2024", sdo: "CEN/CLC", stage: .published, committee: "CEN/CLC/JTC 21", title: "D", characteristics: [.safe]),
            ReportFixtures.standard("ISO 5:2000", sdo: "ISO", stage: .withdrawn, committee: "ISO/TC 299", title: "E", characteristics: [.safe]),
            ReportFixtures.standard("ISO 6:2020", sdo: "ISO", stage: .published, committee: "ISO/TC 299", title: "F", characteristics: [.safe], aiRelevant: false),
        ]
        let figures = LandscapeFigures(ReportFixtures.input(standards: standards))
        #expect(figures.sdoGroups == ["ISO", "IEC", "ISO/IEC", "IEEE", "CEN/CENELEC"])
        let safe = figures.coverage[.safe]!
        #expect(safe.map(\.published) == [0, 0, 2, 0, 1])
        #expect(safe.map(\.inDevelopment) == [0, 0, 1, 0, 0])
        #expect(figures.totals[.safe]?.withdrawn == 1)
        #expect(figures.totals[.humanOversight]?.published == 1)
        #expect(figures.stages[.safe]?[Stage.published.ordinal] == 3)
        #expect(figures.aiRelevant == 5)
        #expect(figures.top[.safe]?.count == 4)
    }

    @Test func manySDOsShareAnOtherColumn() {
        let counts = ["ISO": 3, "IEEE": 2, "ISO/IEC/IEEE": 1, "ETSI": 1, "ISO/ASTM": 5, "ISO/SAE": 4, "ISO/CIE": 1, "CEN/CENELEC": 0]
        #expect(LandscapeFigures.columns(for: counts) == ["ISO", "IEC", "ISO/IEC", "IEEE", "ISO/IEC/IEEE", "CEN/CENELEC", "ETSI", "other"])
        #expect(LandscapeFigures.columns(for: ["ISO/ASTM": 5]) == ["ISO", "IEC", "ISO/IEC", "IEEE", "CEN/CENELEC", "ISO/ASTM"])
        #expect(LandscapeFigures.group(ofSDO: "CEN/CLC") == "CEN/CENELEC")
        #expect(LandscapeFigures.group(ofSDO: "CENELEC") == "CEN/CENELEC")

        let standards = ["ISO", "IEC", "ISO/IEC", "IEEE", "ISO/IEC/IEEE", "CEN", "ETSI", "ISO/ASTM", "ISO/SAE"].enumerated().map { index, sdo in
            ReportFixtures.standard("\(sdo) \(index):2024", sdo: sdo, stage: .published, committee: "", title: "T", characteristics: [.safe])
        }
        let figures = LandscapeFigures(ReportFixtures.input(standards: standards))
        #expect(figures.sdoGroups.last == "other")
        #expect(figures.coverage[.safe]?.last?.published == 2)
        #expect(figures.coverage[.safe]?.map(\.published).reduce(0, +) == standards.count)
    }

    @Test func gapsAreSentencesWithTheirNumbers() throws {
        let standards = [
            ReportFixtures.standard("ISO/IEC 1:2023", sdo: "ISO/IEC", stage: .published, committee: "ISO/IEC JTC 1/SC 42", title: "A", characteristics: [.safe]),
            ReportFixtures.standard("ISO/IEC DIS 2", sdo: "ISO/IEC", stage: .enquiry, committee: "ISO/IEC JTC 1/SC 42", title: "B", characteristics: [.humanOversight]),
            ReportFixtures.standard("ISO 3:2020", sdo: "ISO", stage: .published, committee: "ISO/TC 22/SC 32", title: "C", characteristics: [.safe]),
        ]
        let html = ReportRenderer.render(ReportFixtures.input(standards: standards))
        let gaps = try #require(section("gaps", of: html))
        #expect(gaps.contains("Human oversight is covered only by drafts: 0 published AI-relevant standards, 1 in development."))
        #expect(gaps.contains("Safe has few published AI-relevant standards: 2 published (fewer than 3), 0 in development."))
        #expect(gaps.contains("Explainable and interpretable: no current AI-relevant standard addresses it"))
        #expect(gaps.contains("Safe: 1 of 2 current AI-relevant standards come from committees whose secretariat neither the EU nor the US holds (secretariats: JP 1); 1 from committees they lead."))
    }

    @Test func changesSectionShowsExactlyTheChanges() throws {
        let changes = [
            Change(id: "ISO/IEC 12792:2025", kind: .added, to: "published"),
            Change(id: "ISO/IEC 22989:2022", kind: .removed, from: "published"),
            Change(id: "ISO/IEC 5338:2023", kind: .stage, from: "approval", to: "published"),
        ]
        let previous = RecordedRun(sequence: 1, id: "run-1", startedAt: ReportFixtures.started.addingTimeInterval(-86_400), finishedAt: ReportFixtures.started, toolVersion: "0.1.0", standards: 3)
        let html = ReportRenderer.render(ReportFixtures.input(changes: changes, previousRun: previous))
        let changesSection = try #require(section("changes", of: html))
        #expect(changesSection.contains("1 new standard, 1 removed, 1 stage transition (1 to published), 0 withdrawals and 0 characteristic changes"))
        let rows = changesSection.matches(of: /<tr><th scope="row">([^<]*)<\/th><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/).map { "\($0.output.1)|\($0.output.2)|\($0.output.3)" }
        #expect(rows == ["ISO/IEC 12792:2025||published", "ISO/IEC 22989:2022|published|", "ISO/IEC 5338:2023|approval|published"])
    }

    @Test func firstRunSaysThereIsNothingToCompare() throws {
        let html = ReportRenderer.render(ReportFixtures.input())
        let changes = try #require(section("changes", of: html))
        #expect(changes.contains("first recorded run"))
    }

    @Test func renderingIsDeterministic() {
        let input = ReportFixtures.input()
        #expect(ReportRenderer.render(input) == ReportRenderer.render(input))
    }

    /// Writes the sample report where `LANDSCAPE_SAMPLE_REPORT` says, for `scripts/check-report.sh`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LANDSCAPE_SAMPLE_REPORT"] != nil, "set LANDSCAPE_SAMPLE_REPORT=path/report.html to write the sample report"))
    func writeSampleReport() throws {
        let path = try #require(ProcessInfo.processInfo.environment["LANDSCAPE_SAMPLE_REPORT"])
        let previous = RecordedRun(sequence: 1, id: "2026-11-25T02-00-00Z", startedAt: ReportFixtures.started.addingTimeInterval(-86_400), finishedAt: ReportFixtures.started, toolVersion: "0.1.0", standards: 238)
        let input = ReportFixtures.input(changes: [
            Change(id: "ISO/IEC 20003:2023", kind: .added, to: "published"),
            Change(id: "ISO/IEC 20999:2020", kind: .removed, from: "published"),
            Change(id: "ISO/IEC 20007:2022", kind: .stage, from: "approval", to: "published"),
            Change(id: "ISO 20011:2021", kind: .status, from: "active", to: "withdrawn"),
        ], previousRun: previous)
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(ReportRenderer.render(input).utf8).write(to: url)
    }

    /// The text of one `<section>`.
    private func section(_ id: String, of html: String) -> Substring? {
        guard let start = html.range(of: "<section id=\"\(id)\"") else { return nil }
        guard let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }
}
