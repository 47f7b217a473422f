import Foundation
import TestSupport
import Testing
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// The manifest hashes every input; paths that are not regular files must not block or crash it.
@Suite("Hostile input: hashing inputs")
struct HostileDigestTests {
    @Test func hashesRegularFiles() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("abc.txt", "abc")
        #expect(Digest.sha256Hex(ofFile: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let large = folder.file("large.bin")
        _ = FileManager.default.createFile(atPath: large, contents: Data(repeating: 0x61, count: 3 << 20 | 7))
        #expect(Digest.sha256Hex(ofFile: large) == Digest.sha256Hex(Data(repeating: 0x61, count: 3 << 20 | 7)))
    }

    @Test func refusesWhatIsNotARegularFile() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.file("fifo.xml")
        try #require(mkfifo(fifo, 0o644) == 0)
        #expect(Digest.sha256Hex(ofFile: fifo) == nil)
        #expect(Digest.sha256Hex(ofFile: folder.path) == nil)
        #expect(Digest.sha256Hex(ofFile: folder.file("missing.xml")) == nil)
    }
}
