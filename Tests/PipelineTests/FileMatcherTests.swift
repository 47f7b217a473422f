import Foundation
import TestSupport
import Testing
@testable import Pipeline

@Suite("Input globs in a config")
struct FileMatcherTests {
    func config(in folder: TemporaryFolder, paths: [String]) throws -> PipelineConfig {
        let file = try folder.write("Pipeline.yaml", """
        sources:
          - name: iso
            format: niso-sts
            paths: [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]
        output:
          directory: Outputs
        """)
        return try PipelineConfig.load(from: file)
    }

    @Test func noMatchAtAllIsExit66NamingTheLine() throws {
        let folder = try TemporaryFolder()
        let config = try config(in: folder, paths: ["nothing/*.xml"])
        let error = try #require(throws: PipelineError.self) {
            try FileMatcher.expand(config.sources[0].paths, line: config.sources[0].line, config: config, source: "iso")
        }
        #expect(error.status == .noInput)
        #expect(error.description.contains("iso: no file matches"))
        #expect(error.line == 2)
    }

    @Test func oneEmptyPatternBesideOthersIsNotAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("iso/a.xml", "<standards/>")
        let config = try config(in: folder, paths: ["iso/**/*.xml", "iso/**/*.xml.gz"])
        let matched = try FileMatcher.expand(config.sources[0].paths, line: 2, config: config, source: "iso")
        #expect(matched.files.map { ($0 as NSString).lastPathComponent } == ["a.xml"])
        #expect(matched.rejected.isEmpty)
    }

    @Test func directoriesWhereFilesAreExpectedAreQuarantined() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("iso/folder.xml"), withIntermediateDirectories: true)
        let config = try config(in: folder, paths: ["iso/*.xml"])
        let matched = try FileMatcher.expand(config.sources[0].paths, line: 2, config: config, source: "iso")
        #expect(matched.files.isEmpty)
        let row = try #require(matched.rejected.first)
        #expect(row.location.source == "iso")
        #expect(row.location.file.hasSuffix("iso/folder.xml"))
        #expect(row.reason.hasPrefix("directory:"))
    }
}
