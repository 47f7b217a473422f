import TestSupport
import Foundation
import Testing
@testable import Ingest

@Suite("File discovery")
struct FileDiscoveryTests {
    private func makeTree() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let fm = FileManager.default
        for directory in ["iso/a/b", "iso/c", "ieee"] {
            try fm.createDirectory(atPath: folder.path + "/" + directory, withIntermediateDirectories: true)
        }
        for file in ["iso/top.xml", "iso/a/one.xml.gz", "iso/a/b/two.xml", "iso/c/three.xml", "iso/c/notes.txt", "iso/.hidden.xml", "ieee/p1.xml", "ieee/p22.xml"] {
            try folder.write(file, "<x/>")
        }
        return folder
    }

    @Test func expandsStarsQuestionMarksAndDoubleStars() throws {
        let folder = try makeTree()
        let all = try FileDiscovery.expand(["iso/**/*.xml", "iso/**/*.xml.gz"], relativeTo: folder.path)
        #expect(all.problems.isEmpty)
        #expect(all.files == ["iso/a/b/two.xml", "iso/a/one.xml.gz", "iso/c/three.xml", "iso/top.xml"].map { folder.path + "/" + $0 })
        let question = try FileDiscovery.expand(["ieee/p?.xml"], relativeTo: folder.path)
        #expect(question.files == [folder.path + "/ieee/p1.xml"])
        let trailing = try FileDiscovery.expand(["iso/c/**"], relativeTo: folder.path)
        #expect(trailing.files == [folder.path + "/iso/c/notes.txt", folder.path + "/iso/c/three.xml"])
    }

    @Test func deduplicatesOverlappingPatterns() throws {
        let folder = try makeTree()
        let result = try FileDiscovery.expand(["ieee/*.xml", "ieee/p1.xml", "ieee/**/*.xml"], relativeTo: folder.path)
        #expect(result.files == [folder.path + "/ieee/p1.xml", folder.path + "/ieee/p22.xml"])
    }

    @Test func reportsPatternsThatMatchNothingAndDirectories() throws {
        let folder = try makeTree()
        let result = try FileDiscovery.expand(["nothing/**/*.xml", "iso/c", "ieee/*.json"], relativeTo: folder.path)
        #expect(result.files.isEmpty)
        #expect(result.unmatchedPatterns == ["nothing/**/*.xml", "ieee/*.json"])
        #expect(result.problems.contains { $0.kind == .directory && $0.path.hasSuffix("iso/c") })
    }

    @Test func reportsSymlinkLoopsAndBrokenLinks() throws {
        let folder = try makeTree()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/iso/a/b/loop", withDestinationPath: folder.path + "/iso/a")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/iso/dangling.xml", withDestinationPath: folder.path + "/nowhere.xml")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/iso/self.xml", withDestinationPath: folder.path + "/iso/self.xml")
        let result = try FileDiscovery.expand(["iso/**/*.xml"], relativeTo: folder.path)
        #expect(result.files.contains(folder.path + "/iso/a/b/two.xml"))
        #expect(result.problems.contains { $0.kind == .symlinkLoop && $0.path.hasSuffix("loop") })
        #expect(result.problems.contains { $0.kind == .unreadable && $0.path.hasSuffix("dangling.xml") })
        #expect(result.problems.contains { $0.kind == .symlinkLoop && $0.path.hasSuffix("self.xml") })
    }

    @Test(.enabled(if: getuid() != 0, "root can read any file"))
    func reportsUnreadableFiles() throws {
        let folder = try makeTree()
        let path = folder.path + "/ieee/p1.xml"
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let result = try FileDiscovery.expand(["ieee/*.xml"], relativeTo: folder.path)
        #expect(result.files == [folder.path + "/ieee/p22.xml"])
        #expect(result.problems.contains { $0.kind == .unreadable && $0.path == path })
    }
}
