import Foundation
import TestSupport
import Testing
@testable import Pipeline

@Suite("Locking and publishing")
struct PublishingTests {
    @Test func secondLockFailsWithTempFail() throws {
        let folder = try TemporaryFolder()
        let first = try RunLock(directory: folder.path)
        let error = try #require(throws: PipelineError.self) { try RunLock(directory: folder.path) }
        #expect(error.status == .tempFail)
        #expect(error.description.contains("another run holds the lock"))
        first.release()
        let again = try RunLock(directory: folder.path)
        again.release()
    }

    @Test func publishReplacesOutputsAndKeepsOtherFiles() throws {
        let folder = try TemporaryFolder()
        let outputs = folder.file("Outputs")
        let first = try OutputPublisher(directory: outputs)
        try first.write("standards.csv", "id\nA\n")
        try first.write("manifest.json", "{\"run\":1}\n")
        try first.publish()
        try folder.write("Outputs/.gitkeep", "")
        try folder.write("Outputs/notes/readme.txt", "analyst notes")

        let lock = try RunLock(directory: outputs)
        let second = try OutputPublisher(directory: outputs)
        try second.write("standards.csv", "id\nB\n")
        try second.write("manifest.json", "{\"run\":2}\n")
        // Until publish, readers see the first run.
        #expect(try folder.read("Outputs/standards.csv") == "id\nA\n")
        try second.publish()
        #expect(try folder.read("Outputs/standards.csv") == "id\nB\n")
        #expect(try folder.read("Outputs/manifest.json") == "{\"run\":2}\n")
        #expect(FileManager.default.fileExists(atPath: folder.file("Outputs/.gitkeep")))
        #expect(try folder.read("Outputs/notes/readme.txt") == "analyst notes")
        // The lock still guards the live folder after the exchange.
        #expect(throws: PipelineError.self) { try RunLock(directory: outputs) }
        lock.release()
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func discardedRunLeavesPreviousOutputs() throws {
        let folder = try TemporaryFolder()
        let outputs = folder.file("Outputs")
        let first = try OutputPublisher(directory: outputs)
        try first.write("standards.csv", "old\n")
        try first.publish()
        do {
            let failed = try OutputPublisher(directory: outputs)
            try failed.write("standards.csv", "half")
            failed.discard()
        }
        #expect(try folder.read("Outputs/standards.csv") == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["Outputs"])
    }
}
