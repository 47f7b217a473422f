import Foundation
import Testing
@testable import Pipeline

@Suite("Input globs")
struct FileMatcherTests {
    @Test func starStarMatchesAnyDepthAndStarStaysInOneFolder() throws {
        let folder = try TemporaryDirectory()
        try folder.write("iso/a.xml", "")
        try folder.write("iso/2024/b.xml.gz", "")
        try folder.write("iso/2024/deep/c.xml", "")
        try folder.write("iso/readme.txt", "")
        try folder.write("iso/.hidden.xml", "")
        #expect(Set(FileMatcher.match(folder.url("iso/**/*.xml*"))) == [
            folder.url("iso/2024/b.xml.gz"), folder.url("iso/2024/deep/c.xml"), folder.url("iso/a.xml"),
        ])
        #expect(FileMatcher.match(folder.url("iso/*.xml")) == [folder.url("iso/a.xml")])
        #expect(FileMatcher.match(folder.url("iso/a.xml")) == [folder.url("iso/a.xml")])
        #expect(FileMatcher.match(folder.url("iso/missing.xml")).isEmpty)
    }

    @Test func directoriesMatchedByNameAreReturnedForQuarantine() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.url("iec/folder.xml"), withIntermediateDirectories: true)
        #expect(FileMatcher.match(folder.url("iec/*.xml")) == [folder.url("iec/folder.xml")])
    }

    @Test func symlinkLoopsEnd() throws {
        let folder = try TemporaryDirectory()
        try folder.write("ieee/x/a.xml", "")
        try FileManager.default.createSymbolicLink(atPath: folder.url("ieee/x/loop"), withDestinationPath: folder.url("ieee"))
        try FileManager.default.createSymbolicLink(atPath: folder.url("ieee/self.xml"), withDestinationPath: folder.url("ieee/self.xml"))
        let matched = FileMatcher.match(folder.url("ieee/**/*.xml"))
        #expect(matched.contains(folder.url("ieee/x/a.xml")))
        #expect(matched.contains(folder.url("ieee/self.xml")))
        #expect(matched.count <= 3)
    }

    @Test func noMatchAtAllIsExit66() throws {
        let folder = try TemporaryDirectory()
        let configFile = try folder.write("Pipeline.yaml", """
        sources:
          - name: iso
            format: niso-sts
            paths: ["nothing/*.xml"]
        output:
          directory: Outputs
        """)
        let config = try PipelineConfig.load(from: configFile)
        let error = try #require(throws: PipelineError.self) {
            try FileMatcher.expand(config.sources[0].paths, line: config.sources[0].line, config: config, source: "iso")
        }
        #expect(error.status == .noInput)
        #expect(error.description.contains("iso: no file matches"))
        #expect(error.line == 2)
    }
}
