import Foundation
import LandscapeModel
import TestSupport
import Testing
@testable import Pipeline

/// `landscape train` and `landscape evaluate --gold FILE... --folds K` on the repository's inputs.
@Suite("Train and cross-validate")
struct TrainAndCrossValidateTests {
    static let quiet = ProgressReporter(options: ProgressOptions(quiet: true))

    /// Labels for standards of the repository's `Inputs/`, in two files.
    static let goldA = """
    id,ai_relevant,characteristics
    ISO/IEC 42001:2023,1,accountable_transparent
    ISO/IEC 27001:2022,0,secure_resilient;accountable_transparent
    ISO 31000:2018,0,accountable_transparent
    IEEE Std 7001-2021,1,accountable_transparent;explainable_interpretable

    """
    static let goldB = """
    id,ai_relevant,characteristics
    ISO/IEC 23894:2023,1,accountable_transparent
    ISO/IEC TR 24028:2020,1,valid_reliable;accountable_transparent
    ISO 99999:2099,0,safe

    """

    /// A copy of the repository's Pipeline.yaml with absolute paths and the given scoring section.
    static func config(in folder: TemporaryFolder, weights: String?) throws -> String {
        var text = try String(contentsOfFile: Repository.root.appendingPathComponent("Pipeline.yaml").path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"Inputs/", with: "\"" + Repository.inputs.path + "/")
        text = text.replacingOccurrences(of: "taxonomy: Inputs/", with: "taxonomy: " + Repository.inputs.path + "/")
        text = text.replacingOccurrences(of: "directory: Outputs", with: "directory: " + folder.file("Outputs"))
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("weights:") }.joined(separator: "\n")
        if let weights {
            text = text.replacingOccurrences(of: "scoring:\n", with: "scoring:\n  weights: \(weights)\n")
        }
        return try folder.write("Pipeline.yaml", text)
    }

    @Test func trainWritesTheSameBytesForTheSameLabels() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, weights: nil)
        let a = try folder.write("a.csv", Self.goldA)
        let b = try folder.write("b.csv", Self.goldB)
        let runner = PipelineRunner(configPath: config, progress: Self.quiet)
        #expect(try runner.train(goldPaths: [a, b], outputPath: folder.file("first.yaml")) == .success)
        #expect(try runner.train(goldPaths: [a, b], outputPath: folder.file("second.yaml")) == .success)
        let first = try folder.read("first.yaml")
        #expect(first == (try folder.read("second.yaml")))
        #expect(first.contains("examples: 6\n"))
        #expect(first.contains("gold: [\"a.csv\", \"b.csv\"]\n"))

        // The config that names the file scores with it: `evaluate` on the same labels.
        let fitted = try Self.config(in: folder, weights: folder.file("first.yaml"))
        let (status, output) = try landscape(["evaluate", "--gold", a, b, "--config", fitted, "--quiet"])
        #expect(status == 0)
        #expect(output.contains("6 of 7 gold standards matched"))
        #expect(output.split(separator: "\n").last?.hasPrefix("micro_f1=") == true)
    }

    @Test func evaluateWithFoldsPrintsBothTablesAndEndsWithTheCrossValidatedFigure() throws {
        let folder = try TemporaryFolder()
        let config = try Self.config(in: folder, weights: nil)
        let a = try folder.write("a.csv", Self.goldA)
        let b = try folder.write("b.csv", Self.goldB)
        let predictions = folder.file("held-out.csv")
        let (status, output) = try landscape(["evaluate", "--gold", a, b, "--folds", "3", "--config", config, "--quiet",
                                              "--predictions", predictions])
        #expect(status == 0, "\(output)")
        // Every matched label's held-out prediction, with the gold file and line it came from.
        let rows = try CSV.parse(try folder.read("held-out.csv"))
        #expect(rows.first?.prefix(8) == ["gold_file", "gold_line", "id", "standard_id", "ai_relevant", "characteristics",
                                         "predicted_ai_relevant", "predicted_characteristics"])
        #expect(rows.dropFirst().map { "\($0[0].hasSuffix("b.csv") ? "b" : "a"):\($0[1]):\($0[2])" } == [
            "a:2:ISO/IEC 42001:2023", "a:3:ISO/IEC 27001:2022", "a:4:ISO 31000:2018", "a:5:IEEE Std 7001-2021",
            "b:2:ISO/IEC 23894:2023", "b:3:ISO/IEC TR 24028:2020",
        ])
        #expect(rows[2][5] == "secure_resilient;accountable_transparent")
        #expect(rows.dropFirst().allSatisfy { $0.count == 18 && ["0", "1"].contains($0[6]) })
        #expect(output.hasPrefix("Plain (the taxonomy's hand-set weights"))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let last = String(lines.last ?? "")
        #expect(last.range(of: #"^micro_f1=[01]\.\d{3}$"#, options: .regularExpression) != nil, "\(last)")
        #expect(lines.filter { $0.hasPrefix("micro_f1=") }.count == 1)
        let crossValidated = try #require(output.range(of: "Cross-validated (3 folds"))
        // The last line is the cross-validated table's micro F1.
        let table = output[crossValidated.lowerBound...]
        let micro = try #require(table.split(separator: "\n").first { $0.hasPrefix("micro ") })
        let f1 = micro.split(separator: " ", omittingEmptySubsequences: true)[3]
        #expect(last == "micro_f1=\(f1)")

        let (usage, _) = try landscape(["evaluate", "--gold", a, "--folds", "1", "--config", config, "--quiet"])
        #expect(usage == 64)
    }

    /// Cross-validation keeps a standard's drafts in the fold of its published editions: their
    /// texts are nearly the same, so a draft fitted on would score its published edition.
    @Test func draftsShareTheFoldKeyOfTheirPublishedStandard() {
        func key(_ id: String, undated: String) -> String {
            PipelineRunner.editionKey(Standard(id: id, undatedId: undated, sdo: "ISO", sources: ["test"], deliverableType: .standard,
                                               stage: .published, stageCode: "60.60", status: .active, title: id))
        }
        let published = key("ISO/IEC 42005:2025", undated: "ISO/IEC 42005")
        #expect(key("ISO/IEC DIS 42005", undated: "ISO/IEC DIS 42005") == published)
        #expect(key("ISO/IEC FDIS 42005", undated: "ISO/IEC FDIS 42005") == published)
        #expect(key("ISO/DIS 19116", undated: "ISO/DIS 19116") == key("ISO 19116:2025", undated: "ISO 19116"))
        // Another standard, and an amendment (a document of its own), keep keys of their own.
        #expect(key("ISO/IEC 42006:2025", undated: "ISO/IEC 42006") != published)
        #expect(key("ISO/IEC 27001:2022/Amd 1:2024", undated: "ISO/IEC 27001:2022/Amd 1")
                != key("ISO/IEC 27001:2022", undated: "ISO/IEC 27001"))
        // An IEEE project's drafts, of every draft number, and the standard they became.
        let ieee = key("IEEE Std 7001-2021", undated: "IEEE Std 7001")
        #expect(key("IEEE P7001/D-1-2020-06", undated: "IEEE P7001") == ieee)
        #expect(key("IEEE P7001/D-4-2021-10", undated: "IEEE P7001") == ieee)
        #expect(key("ANSI PN42.33/D-3.4-2018-05", undated: "ANSI PN42.33") == key("ANSI N42.33-2019", undated: "ANSI N42.33"))
        #expect(key("IEEE PC37.115/D-2", undated: "IEEE PC37.115") == key("IEEE Std C37.115-2003", undated: "IEEE Std C37.115"))
        // Another IEEE standard, an amendment, and an ISO reference with a P keep their own keys.
        #expect(key("IEEE Std 7002-2022", undated: "IEEE Std 7002") != ieee)
        #expect(key("IEEE Std 802.1AEdk-2023", undated: "IEEE Std 802.1AEdk") != key("IEEE Std 802.1AE-2018", undated: "IEEE Std 802.1AE"))
    }

    @Test func aBadWeightsFileStopsTheRunNamingFileLineAndKey() throws {
        let folder = try TemporaryFolder()
        let weights = try folder.write("weights.yaml", "targets:\n  safe:\n    intercept: -1\n    colour: red\n")
        let config = try Self.config(in: folder, weights: weights)
        let error = try #require(throws: PipelineError.self) {
            try PipelineRunner(configPath: config, progress: Self.quiet).validate()
        }
        #expect(error.status == .config)
        #expect(error.description.contains("weights.yaml:4"), "\(error)")
        #expect(error.description.contains("targets.safe.colour"), "\(error)")
    }

    private func landscape(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ChildProcess.landscape(arguments)
    }
}
