import Foundation
import TestSupport
import Testing
@testable import Pipeline
import Report
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time, and a run killed at any moment leaves the previous outputs whole:
/// checked on the built `landscape` executable, as cron runs it.
@Suite("End to end: locking and kills", .enabled(if: Repository.binary != nil, "needs the built landscape executable (swift build)"))
struct EndToEndLockingTests {
    /// Outputs whose bytes depend only on the inputs (the manifest, report, history and
    /// changes also depend on the time and on earlier runs).
    static let deterministicOutputs = ["standards.csv", "participation.csv", "participation_summary.csv", "quarantine.csv"]

    /// Files in the output directory that are not outputs: the lock records the holder's pid;
    /// the history's rollback journal is SQLite's own record of a transaction a killed run
    /// left uncommitted (whatever opens the store next rolls it back: checked below).
    static let notOutputs: Set<String> = [RunLock.fileName, "history.sqlite-journal"]

    @Test("a run while another process holds the lock exits 75 at once")
    func lockedOutputExitsTempFail() throws {
        let scene = try Scene(records: 200)
        try FileManager.default.createDirectory(atPath: scene.output, withIntermediateDirectories: true)
        let lock = try RunLock(directory: scene.output)
        defer { lock.release() }
        let outcome = try scene.run()
        #expect(outcome.status == Pipeline.ExitStatus.tempFail.rawValue, "exit \(outcome.status): \(outcome.standardError)")
        #expect(outcome.seconds < 5, "took \(outcome.seconds) s")
        #expect(outcome.standardError.contains("another run holds the lock"))
        #expect(!FileManager.default.fileExists(atPath: scene.output + "/manifest.json"))
    }

    @Test("a second concurrent run exits 75 while the first completes")
    func concurrentRuns() throws {
        let scene = try Scene(records: 20_000)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: Repository.binary!)
        first.arguments = scene.arguments
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        // Wait until the first run holds the lock (it writes its pid into the lock file).
        let lockPath = scene.output + "/" + RunLock.fileName
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning, Date() < deadline {
            if let text = try? String(contentsOfFile: lockPath, encoding: .utf8), text.contains("pid \(first.processIdentifier) ") { break }
            usleep(5_000)
        }
        try #require(first.isRunning, "the first run finished before the second could start; make the scene bigger")
        let second = try scene.run()
        let firstStillRunning = first.isRunning
        first.waitUntilExit()
        #expect(second.status == Pipeline.ExitStatus.tempFail.rawValue, "second run: exit \(second.status): \(second.standardError)")
        #expect(second.seconds < 5)
        #expect(firstStillRunning, "the first run ended before the second was refused; the check proved nothing")
        #expect(first.terminationStatus == 0, "first run: exit \(first.terminationStatus)")
        #expect(try PublishedOutputs(directory: scene.output).standardIds.count == 20_000)
    }

    @Test("SIGKILL at any moment leaves the previous outputs byte-identical; the next run succeeds")
    func killedRunsLeavePreviousOutputs() throws {
        let scene = try Scene(records: 30_000)
        let outputs = PublishedOutputs(directory: scene.output)

        let baseline = try scene.run()
        try #require(baseline.status == 0, "baseline run: exit \(baseline.status): \(baseline.standardError)")
        let expected = try outputs.digests()
        var previous = try outputs.digests(excluding: Self.notOutputs)
        let duration = baseline.seconds
        let historyLocation = URL(fileURLWithPath: scene.output + "/history.sqlite")
        var recordedRuns = try History(at: historyLocation).runs().map(\.id)
        #expect(recordedRuns.count == 1)

        var killedBeforePublish = 0, killedAfterPublish = 0, completed = 0
        // Dense near the end, where the outputs are written and published.
        let fractions = [0.02, 0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 1.0, 1.01, 1.03]
        for fraction in fractions {
            let outcome = try scene.run(killAfter: duration * fraction)
            let now = try outputs.digests(excluding: Self.notOutputs)
            if !outcome.killed {
                #expect(outcome.status == 0, "run at \(fraction): exit \(outcome.status)")
                completed += 1
            } else if now["manifest.json"] == previous["manifest.json"] {
                killedBeforePublish += 1
                #expect(now == previous, "killed at \(Int(fraction * 100))% of a run (\(outcome.seconds) s): outputs changed: \(Self.differences(previous, now))")
                // Opening the store rolls back what the killed run had written: the same runs as before.
                #expect(try History(at: historyLocation).runs().map(\.id) == recordedRuns, "killed at \(fraction): the history changed")
            } else {
                killedAfterPublish += 1
            }
            // Whatever is live is one complete run's outputs.
            for name in Self.deterministicOutputs {
                #expect(now[name] == expected[name], "\(name) is not a complete run's after a kill at \(fraction)")
            }
            let manifest = try outputs.manifest
            for name in (manifest["outputs"] as? [String]) ?? [] {
                #expect(now[name] != nil, "\(name) listed in the manifest is missing after a kill at \(fraction)")
            }
            // The store first: a run killed while committing (after publishing) leaves a hot
            // journal, and opening the store rolls it back, which rewrites the store's file; the
            // digests taken before that would not be the bytes the next kill must leave.
            recordedRuns = try History(at: historyLocation).runs().map(\.id)
            previous = try outputs.digests(excluding: Self.notOutputs)
        }
        print("SIGKILL test: a run takes \(duration) s; \(fractions.count) kills: \(killedBeforePublish) before publishing, "
              + "\(killedAfterPublish) after, \(completed) runs finished first")
        #expect(killedBeforePublish > 0, "no kill landed before publishing (\(killedAfterPublish) after, \(completed) completed)")

        let next = try scene.run()
        #expect(next.status == 0, "the run after the kills: exit \(next.status): \(next.standardError)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scene.folder.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
        for name in Self.deterministicOutputs {
            #expect(try outputs.digests()[name] == expected[name])
        }
    }

    static func differences(_ before: [String: String], _ after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
    }

    /// A synthetic catalog of `records` distinct standards in three files, a config and an output folder.
    struct Scene {
        let folder: TemporaryFolder
        let configPath: String
        let output: String

        init(records: Int) throws {
            folder = try TemporaryFolder("landscape-e2e")
            let inputs = folder.file("inputs")
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            let files = 3
            for file in 0..<files {
                var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<standards>\n"
                for index in stride(from: file, to: records, by: files) {
                    let number = 100_000 + index
                    text += "<standard xml:lang=\"en\"><front><iso-meta><title-wrap xml:lang=\"en\"><main>Synthetic standard \(number) on "
                        + (index % 7 == 0 ? "artificial intelligence risk management" : "rolling bearings") + "</main></title-wrap>"
                        + "<std-ref type=\"dated\">ISO \(number):2020</std-ref><pub-date>2020-01-01</pub-date>"
                        + "<comm-ref>ISO/TC \(4 + index % 50)</comm-ref></iso-meta></front></standard>\n"
                }
                text += "</standards>\n"
                try text.write(toFile: inputs + "/catalog-\(file).xml", atomically: true, encoding: .utf8)
            }
            output = folder.file("out")
            let config = TestConfig(sources: [.init(name: "iso", format: "niso-sts", paths: [inputs + "/*.xml"])], output: output)
            configPath = try config.write(into: folder.path)
        }

        var arguments: [String] { ["run", "--config", configPath, "--quiet"] }

        func run(killAfter: Double? = nil) throws -> ChildProcess.Outcome {
            try ChildProcess.run(Repository.binary!, arguments, killAfter: killAfter)
        }
    }
}
