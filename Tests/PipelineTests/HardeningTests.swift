import Foundation
import TestSupport
import Testing
@testable import Ingest
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// What an attacker who can write to the output or input folders, or a careless operator,
/// could do to a run that cron starts as root: each case ends in a refusal or a quarantine
/// row, never in a file written, read or quoted where it should not be.
@Suite("Hardening: links, discovery, ceilings, content")
struct HardeningTests {
    static let quiet = ProgressReporter(options: ProgressOptions(quiet: true))

    /// A folder with a good catalog and a config over it.
    struct Setup {
        let folder: TemporaryFolder
        let config: String
        var output: String { folder.file("Outputs") }

        init(limits: [String: Double] = [:], extraPatterns: [String] = []) throws {
            folder = try TemporaryFolder("landscape-hardening")
            try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: true)
            try GoodCatalog.write(into: folder.file("in"))
            var config = TestConfig(sources: [.init(name: "iso", format: "niso-sts", paths: [folder.file("in") + "/**/*.xml"] + extraPatterns)],
                                    output: folder.file("Outputs"))
            config.limits = limits
            self.config = try config.write(into: folder.path)
        }

        func run() throws -> Pipeline.ExitStatus {
            try PipelineRunner(configPath: config, progress: HardeningTests.quiet).run(outputOverride: nil)
        }
    }

    // MARK: 1. Files written beside the outputs never follow links

    @Test func aLockFileThatIsASymbolicLinkIsRefusedAndItsTargetUntouched() throws {
        let setup = try Setup()
        let victim = try setup.folder.write("victim.txt", "precious\n")
        try FileManager.default.createDirectory(atPath: setup.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: setup.output + "/" + RunLock.fileName, withDestinationPath: victim)
        let error = try #require(throws: PipelineError.self) { try setup.run() }
        #expect(error.status == Pipeline.ExitStatus.cannotCreate)
        #expect(error.description.contains("symbolic link"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    @Test func aLockFileWithAnotherNameIsRefused() throws {
        let setup = try Setup()
        let victim = try setup.folder.write("victim.txt", "precious\n")
        try FileManager.default.createDirectory(atPath: setup.output, withIntermediateDirectories: true)
        try #require(link(victim, setup.output + "/" + RunLock.fileName) == 0)
        let error = try #require(throws: PipelineError.self) { try setup.run() }
        #expect(error.status == Pipeline.ExitStatus.cannotCreate)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    @Test(arguments: ["history.sqlite", "history.sqlite-journal", "history.sqlite-wal"])
    func historyFilesThatAreSymbolicLinksAreRefused(name: String) throws {
        let setup = try Setup()
        let victim = try setup.folder.write("victim.txt", "precious\n")
        try FileManager.default.createDirectory(atPath: setup.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: setup.output + "/" + name, withDestinationPath: victim)
        let error = try #require(throws: PipelineError.self) { try setup.run() }
        #expect(error.status == Pipeline.ExitStatus.cannotCreate)
        #expect(error.description.contains("symbolic link"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    @Test func aDamagedHistoryIsMovedAsideAndTheRunGoesOn() throws {
        let setup = try Setup()
        #expect(try setup.run() == .success)
        let store = setup.output + "/history.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: store))
        #expect(try setup.run() == .success)
        let outputs = PublishedOutputs(directory: setup.output)
        let movedAside = try #require(try outputs.manifest["history_moved_aside"] as? String)
        #expect(movedAside.hasPrefix(store + ".corrupt-"))
        #expect(FileManager.default.fileExists(atPath: movedAside))
        // The new store works: a third run compares against the second.
        #expect(try setup.run() == .success)
        #expect(try outputs.rows("changes.csv").isEmpty)
    }

    // MARK: 2. Discovery cannot run away

    /// 21 levels, each holding two links to the next: 2^21 paths to the same few files.
    @Test func fanningOutLinksCostWhatTheRealTreeCosts() throws {
        let folder = try TemporaryFolder("landscape-fanout")
        let levels = 21
        for level in 0...levels {
            try FileManager.default.createDirectory(atPath: folder.file("l\(level)"), withIntermediateDirectories: true)
            try folder.write("l\(level)/c\(level).xml", "<standards/>")
        }
        for level in 0..<levels {
            for link in ["a", "b"] {
                try FileManager.default.createSymbolicLink(atPath: folder.file("l\(level)/\(link)"), withDestinationPath: folder.file("l\(level + 1)"))
            }
        }
        let result = try FileDiscovery.expand(["l0/**/*.xml"], relativeTo: folder.path, roots: [folder.path])
        // Each real file once, under its first path.
        #expect(result.files.count == levels + 1)
        #expect(Set(result.files.map { ($0 as NSString).lastPathComponent }).count == levels + 1)
    }

    @Test func inputRootsAreTheWildcardFreeFoldersOfThePatterns() {
        let base = "/nonexistent-landscape-base"
        #expect(FileDiscovery.roots(of: ["Inputs/iso/**/*.xml", "Inputs/committees/x.yaml", "/**/*", "/a/b[0-9]/c.xml", "/a/b/c/*.xml"],
                                    relativeTo: base)
                == [base + "/Inputs/iso", base + "/Inputs/committees", "/", "/a", "/a/b/c"])
    }

    @Test func systemFoldersAreNeverWalked() throws {
        let result = try FileDiscovery.expand(["/proc/**/*", "/sys/**/*", "/dev/**/*"], relativeTo: "/",
                                              bounds: .init(maxFiles: 1000, maxDirectories: 1000, maxSeconds: 10))
        #expect(result.files.isEmpty)
        let direct = try FileDiscovery.expand(["/proc/self/environ"], relativeTo: "/")
        #expect(direct.files.isEmpty)
        #expect(direct.problems.contains { $0.kind == .unreadable && $0.reason.contains("system folder") })
    }

    @Test func discoveryStopsAtItsBoundsWithExit66() throws {
        let folder = try TemporaryFolder("landscape-bounds")
        for index in 0..<30 { try folder.write("many/f\(index).xml", "<standards/>") }
        #expect(throws: FileDiscovery.BoundsExceeded.self) {
            try FileDiscovery.expand(["many/*.xml"], relativeTo: folder.path, bounds: .init(maxFiles: 10))
        }
        #expect(throws: FileDiscovery.BoundsExceeded.self) {
            try FileDiscovery.expand(["**/*.xml"], relativeTo: folder.path, bounds: .init(maxDirectories: 1))
        }
        let setup = try Setup(limits: ["max_discovered_files": 1], extraPatterns: [folder.file("many") + "/*.xml"])
        let error = try #require(throws: PipelineError.self) { try setup.run() }
        #expect(error.status == Pipeline.ExitStatus.noInput)
        #expect(error.description.contains("limits.max_discovered_files"))
    }

    // MARK: 5. Files outside the inputs are neither read, hashed nor quoted

    @Test func aLinkToAFileOutsideTheInputsIsRefusedWithoutDigestOrContent() throws {
        let setup = try Setup()
        let secret = try setup.folder.write("secret/shadow.xml", "root:SECRET-HASH-VALUE:19000:0:99999:7:::\n")
        try FileManager.default.createSymbolicLink(atPath: setup.folder.file("in/evil.xml"), withDestinationPath: secret)
        #expect(try setup.run() == .success)
        let outputs = PublishedOutputs(directory: setup.output)
        let row = try #require(try outputs.quarantine.first { $0["file"]?.hasSuffix("evil.xml") == true })
        #expect(row["reason"]?.contains("outside the input folders") == true)
        let secretDigest = try #require(Digest.sha256Hex(ofFile: secret))
        for name in ["manifest.json", "quarantine.csv", "report.html"] {
            let text = try outputs.text(name)
            #expect(!text.contains("SECRET-HASH-VALUE"), "\(name)")
            #expect(!text.contains(secretDigest), "\(name)")
        }
        #expect(Set(try outputs.standardIds).isSuperset(of: GoodCatalog.ids))
    }

    @Test func messagesAboutAFileThatIsNotXMLQuoteNothingOfIt() throws {
        let setup = try Setup()
        try setup.folder.write("in/notes.xml", "root:SECRET-HASH-VALUE:19000\n<x SECRET-ATTR=1>\n")
        try setup.folder.write("in/tags.xml", "<SECRETNAME><other></SECRETNAME>\n")
        #expect(try setup.run() == .success)
        let outputs = PublishedOutputs(directory: setup.output)
        let rows = try outputs.quarantine.filter { $0["file"]?.hasSuffix("notes.xml") == true || $0["file"]?.hasSuffix("tags.xml") == true }
        #expect(rows.count == 2)
        for row in rows { #expect(row["reason"]?.contains("libxml2 error") == true, "\(row)") }
        for name in ["manifest.json", "quarantine.csv", "report.html"] {
            let text = try outputs.text(name)
            #expect(!text.contains("SECRET"), "\(name)")
        }
    }

    // MARK: 3. A memory ceiling

    static func smallRecords(_ count: Int, prefix: String) -> String {
        var text = "<standards>\n"
        for index in 0..<count {
            text += "<standard><front><std-meta><std-ref type=\"dated\">ISO \(prefix)\(index):2020</std-ref></std-meta></front></standard>\n"
        }
        return text + "</standards>\n"
    }

    @Test func recordsBeyondTheCeilingAreQuarantinedNotKept() throws {
        let setup = try Setup(limits: ["max_records_per_file": 50, "max_records": 80])
        try setup.folder.write("in/big1.xml", Self.smallRecords(120, prefix: "1"))
        try setup.folder.write("in/big2.xml", Self.smallRecords(120, prefix: "2"))
        _ = try setup.run()
        let outputs = PublishedOutputs(directory: setup.output)
        let records = try #require((try outputs.manifest["counts"] as? [String: Any])?["records"] as? Int)
        #expect(records == 80)
        let reasons = try outputs.quarantine.compactMap { $0["reason"] }.filter { $0.hasPrefix("limit exceeded") }
        #expect(reasons.contains { $0.contains("limits.max_records_per_file") })
        #expect(reasons.contains { $0.contains("limits.max_records)") })
    }

    @Test func perFileCeilingKeepsExactlyTheFirstRecords() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.xml", Self.smallRecords(100, prefix: "9"))
        let ingester = CatalogIngester(recordLimits: RecordLimits(total: 1000, perFile: 30))
        let outcome = ingester.readFile(InputFile(source: "iso", format: .nisoSts, path: path))
        #expect(outcome.records.count == 30)
        #expect(outcome.quarantine.count == 1)
        #expect(outcome.quarantine[0].reason.contains("30 kept"))
    }

    // MARK: 6. Smaller data losses

    @Test func aCompleteRecordJustBeforeAParseErrorIsKept() throws {
        let folder = try TemporaryFolder()
        var text = Self.smallRecords(200, prefix: "5")
        text = text.replacingOccurrences(of: "</standards>\n", with: "<standard><front><std-meta><std-ref type=\"dated\">ISO 6:2020</std-ref></std-meta></front><broken></standard>\n</standards>\n")
        let path = try folder.write("broken.xml", text)
        let outcome = CatalogIngester().readFile(InputFile(source: "iso", format: .nisoSts, path: path))
        #expect(outcome.records.count == 200)
        #expect(outcome.quarantine.first?.reason.contains("200 records before it kept") == true)
    }

    @Test func namespacedElementsAreNotReadAsTheFormatsOwn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ns.xml", """
        <standards xmlns:x="urn:example:other" xmlns:mml="http://www.w3.org/1998/Math/MathML">
        <standard><front><std-meta><x:std-ref type="dated">EVIL 1</x:std-ref><std-ref type="dated">ISO 7:2020</std-ref>\
        <title-wrap><main>Area <mml:math><mml:mi>x</mml:mi></mml:math></main></title-wrap></std-meta></front></standard>
        </standards>
        """)
        let outcome = CatalogIngester().readFile(InputFile(source: "iso", format: .nisoSts, path: path))
        #expect(outcome.records.count == 1)
        let references = outcome.records[0].layers.flatMap { $0.references.values }
        #expect(references.contains("ISO 7:2020"))
        #expect(!references.contains("EVIL 1"))
        #expect(outcome.warnings.contains { $0.message.contains("urn:example:other") })
        #expect(!outcome.warnings.contains { $0.message.contains("MathML") })
    }

    @Test func titlesKeepTextShapedLikeTagsAndTheReportEscapesIt() throws {
        let setup = try Setup()
        try setup.folder.write("in/title.xml", """
        <standards><standard><front><std-meta><title-wrap xml:lang="en"><main>Markup &lt;img src=x onerror=alert(1)&gt; in titles</main></title-wrap>\
        <std-ref type="dated">ISO 8:2020</std-ref></std-meta></front></standard></standards>
        """)
        #expect(try setup.run() == .success)
        let outputs = PublishedOutputs(directory: setup.output)
        let row = try #require(try outputs.rows("standards.csv").first { $0["id"] == "ISO 8:2020" })
        #expect(row["title"] == "Markup <img src=x onerror=alert(1)> in titles")
        #expect(!(try outputs.text("report.html")).contains("<img src=x"))
    }
}
