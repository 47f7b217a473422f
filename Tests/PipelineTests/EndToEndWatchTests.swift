import Foundation
import TestSupport
import Report
import Testing
@testable import Pipeline

/// Two nights over a copy of the repository's `Inputs/`: in between, ISO/IEC JTC 1/SC 42 moves
/// DIN from P to O and gains IST as a P-member, ISO/IEC JTC 1/SC 27's secretariat moves from DIN
/// to SIS, ISO/IEC 22989:2022/CD Amd 1 enters 40.20, and a new proposal appears in SC 42 (the
/// same changes as `scripts/watch-mutate.py`).
@Suite("End to end: the nightly watch")
struct EndToEndWatchTests {
    static let quiet = ProgressReporter(options: ProgressOptions(quiet: true))

    /// Rewrites a JSON Lines file, one object at a time.
    static func edit(_ path: String, appending extra: [[String: Any]] = [], _ change: (inout [String: Any]) -> Void) throws {
        var lines: [String] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.isEmpty {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            change(&object)
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        for object in extra {
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func secondNightShowsExactlyTheSeatStageAndNewWorkChanges() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repository.inputs.path, toPath: folder.file("Inputs"))
        try FileManager.default.copyItem(atPath: Repository.root.appendingPathComponent("Pipeline.yaml").path, toPath: folder.file("Pipeline.yaml"))
        let runner = PipelineRunner(configPath: folder.file("Pipeline.yaml"), progress: Self.quiet)
        #expect(try runner.run(outputOverride: nil) == .success)
        let first = PublishedOutputs(directory: folder.file("Outputs"))
        #expect(try first.rows("changes.csv").isEmpty)
        #expect(try first.text("report.html").contains("Only this run has trend data so far"))

        try Self.edit(folder.file("Inputs/committees/iso_technical_committees.jsonl")) { committee in
            switch committee["reference"] as? String {
            case "ISO/IEC JTC 1/SC 42":
                var p = committee["pMembers"] as! [[String: Any]]
                var o = committee["oMembers"] as! [[String: Any]]
                let din = p.firstIndex { $0["acronym"] as? String == "DIN" }!
                o.append(p.remove(at: din))
                p.append(["id": 1788, "acronym": "IST"])
                committee["pMembers"] = p
                committee["oMembers"] = o
            case "ISO/IEC JTC 1/SC 27":
                committee["secretariat"] = ["id": 2101, "acronym": "SIS"]
            default:
                break
            }
        }
        let proposal: [String: Any] = [
            "id": 990001, "deliverableType": "TS", "supplementType": NSNull(), "reference": "ISO/IEC PWI 99001",
            "title": ["en": "Artificial intelligence — Example preliminary work item for the nightly-watch demonstration"],
            "publicationDate": NSNull(), "edition": 1, "icsCode": ["35.020"], "ownerCommittee": "ISO/IEC JTC 1/SC 42",
            "currentStage": 0, "replaces": NSNull(), "replacedBy": NSNull(), "languages": ["en"], "pages": NSNull(), "scope": NSNull(),
        ]
        try Self.edit(folder.file("Inputs/iso-open-data/iso_deliverables_metadata.jsonl"), appending: [proposal]) { deliverable in
            if deliverable["reference"] as? String == "ISO/IEC 22989:2022/CD Amd 1" { deliverable["currentStage"] = 4020 }
        }
        #expect(try runner.run(outputOverride: nil) == .success)
        let second = PublishedOutputs(directory: folder.file("Outputs"))

        let changes = try second.rows("changes.csv").map { row in
            ["id", "change", "from", "to", "previous_id", "body", "country", "regions"].map { row[$0]! }
        }
        #expect(changes == [
            ["ISO/IEC 22989:2022/CD Amd 1", "stage", "committee", "enquiry", "", "", "", ""],
            ["ISO/IEC PWI 99001", "added", "", "proposal", "", "", "", ""],
            ["ISO/IEC JTC 1/SC 27", "secretariat", "DIN", "SIS", "", "SIS", "SE", "EU"],
            ["ISO/IEC JTC 1/SC 42", "member-added", "", "P", "", "IST", "IS", ""],
            ["ISO/IEC JTC 1/SC 42", "member-p-to-o", "P", "O", "", "DIN", "DE", "EU"],
        ])

        // The draft is open for comment from the second run's date, closing 12 weeks later (an estimate).
        let manifest = try second.manifest
        let startedText = try #require(manifest["started_at"] as? String)
        let started = try #require(ISO8601DateFormatter.withFractions.date(from: startedText))
        let open = try #require(try second.rows("open_for_comment.csv").first { $0["id"] == "ISO/IEC 22989:2022/CD Amd 1" })
        #expect(open["stage_code"] == "40.20")
        #expect(open["voting"] == "open")
        #expect(open["entered"] == WatchTables.day(started))
        #expect(open["entered_basis"] == "first-run")
        #expect(open["closes"] == WatchTables.day(started.addingTimeInterval(84 * 86_400)))
        #expect(open["closes_basis"] == "estimate")
        #expect(open["close_rule"] == "iso-dis-ballot")
        #expect(open["ai_relevant"] == "true")

        // The report shows them: SC 42 (which owns AI-relevant standards) before SC 27.
        let html = try second.text("report.html")
        let seats = try #require(html.range(of: "id=\"seat-changes\""))
        let table = String(html[seats.upperBound...].prefix(6000))
        let sc42 = try #require(table.range(of: "ISO/IEC JTC 1/SC 42"))
        let sc27 = try #require(table.range(of: "ISO/IEC JTC 1/SC 27"))
        #expect(sc42.lowerBound < sc27.lowerBound)
        for text in ["P → O", "DIN", "IST", "secretariat moved", "SIS"] { #expect(table.contains(text), "seat table lacks \(text)") }
        let openSection = try #require(html.range(of: "id=\"open-drafts\""))
        #expect(html[openSection.upperBound...].prefix(8000).contains("ISO/IEC 22989:2022/CD Amd 1"))
        let newWork = try #require(html.range(of: "id=\"new-work\""))
        #expect(html[newWork.upperBound...].prefix(4000).contains("ISO/IEC PWI 99001"))
        #expect(html.contains("id=\"trend-chart\""))

        // Every CSV reads back against datapackage.json.
        #expect(DataPackageValidator.validate(directory: URL(fileURLWithPath: folder.file("Outputs"))).map(\.description) == [])
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
