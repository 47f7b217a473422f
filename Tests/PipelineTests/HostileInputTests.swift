import Foundation
import TestSupport
import Testing
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// Every hostile case is driven through the real pipeline: it must end as a quarantine row
/// naming the file, the run must finish in bounded time with the exit status the error budget
/// asks for, good records beside it must survive, and nothing the attacks point at may leak.
@Suite("Hostile input")
struct HostileInputTests {
    /// Limits for these runs: tighter than the defaults on decompressed size and time so that a
    /// bomb of well-formed elements stops in seconds in a debug build.
    static let limits: [String: Double] = [
        "max_decompressed_bytes": Double(64 << 20),
        "max_seconds_per_file": 20,
    ]

    /// A run that takes longer than this is treated as hung.
    static let bound: Double = 90

    @Test("each case ends as a quarantine row while good records survive", arguments: HostileInput.allCases)
    func endsInQuarantine(_ input: HostileInput) throws {
        let scene = try Scene(cases: [input], errorBudget: 1.0)
        let run = try scene.run()
        #expect(run.status == Pipeline.ExitStatus.success, "exit status \(run.status) with error_budget 1.0")
        #expect(run.seconds < Self.bound, "the run took \(run.seconds) s")
        #expect(run.unblockedFIFOs.isEmpty, "the run blocked opening \(run.unblockedFIFOs); the watchdog had to open them for writing")

        let outputs = scene.outputs
        let rows = try outputs.quarantine.filter { scene.isFile($0["file"], of: input) }
        let table = (try? outputs.text("quarantine.csv")) ?? "(unreadable)"
        let row = try #require(rows.first, "no quarantine row for \(input.fileName); quarantine.csv:\n\(table)")
        #expect(!(row["reason"] ?? "").isEmpty)
        #expect(row["source"] == "hostile")
        if input.rejection == .record {
            #expect((Int(row["line"] ?? "") ?? 0) > 0, "a rejected record names its line: \(row)")
        }
        let ids = Set(try outputs.standardIds)
        #expect(Set(GoodCatalog.ids).isSubset(of: ids), "good records lost; standards: \(ids.sorted())")
        try scene.expectNoSecretLeaked()
    }

    @Test("all cases at once with a zero error budget: exit 65, outputs still published")
    func allCasesOverBudget() throws {
        let scene = try Scene(cases: HostileInput.allCases, errorBudget: 0)
        let run = try scene.run()
        #expect(run.status == Pipeline.ExitStatus.dataError)
        #expect(run.seconds < Self.bound * 2, "the run took \(run.seconds) s")
        #expect(run.unblockedFIFOs.isEmpty, "the run blocked opening \(run.unblockedFIFOs)")

        let outputs = scene.outputs
        let quarantine = try outputs.quarantine
        for input in HostileInput.allCases {
            #expect(quarantine.contains { scene.isFile($0["file"], of: input) }, "no quarantine row for \(input.fileName)")
        }
        #expect(Set(GoodCatalog.ids).isSubset(of: Set(try outputs.standardIds)))
        let manifest = try outputs.manifest
        #expect((manifest["exit_status"] as? Int) == 65, "manifest exit_status: \(manifest["exit_status"] ?? "none")")
        #expect((manifest["exit_reason"] as? String)?.contains("error budget") == true, "the manifest says why")
        try scene.expectNoSecretLeaked()
    }

    @Test("a UTF-8 byte order mark that agrees with the declaration is read as UTF-8")
    func byteOrderMarkThatAgrees() throws {
        let scene = try Scene(cases: [], errorBudget: 1.0)
        let text = HostileInput.document(doctype: "", reference: "ISO 12:2000", title: "Qualité des données")
        try HostileInput.save(scene.inputs + "/bom-utf8.xml", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let run = try scene.run()
        #expect(run.status == Pipeline.ExitStatus.success)
        #expect(try scene.outputs.quarantine.isEmpty)
        let row = try #require(try scene.outputs.rows("standards.csv").first { $0["id"] == "ISO 12:2000" })
        #expect(row["title"] == "Qualité des données")
    }

    @Test("a directory symlink loop under a ** pattern: the run finishes and reads each file once")
    func recursivePatternWithDirectoryLoop() throws {
        let scene = try Scene(cases: [], errorBudget: 1.0, pattern: "**/*.xml*")
        try FileManager.default.createDirectory(atPath: scene.inputs + "/nested", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scene.inputs + "/nested/loop", withDestinationPath: "..")
        let run = try scene.run()
        #expect(run.status == Pipeline.ExitStatus.success)
        #expect(run.seconds < Self.bound)
        let inputs = try #require(try scene.outputs.manifest["inputs"] as? [[String: Any]])
        let good = inputs.compactMap { $0["path"] as? String }.filter { $0.hasSuffix("good.xml") }
        #expect(good.count == 1, "good.xml read \(good.count) times: \(good)")
    }

    /// A folder with the hostile inputs, a good catalog, a secret outside the inputs and a config.
    struct Scene {
        let folder: TemporaryFolder
        let inputs: String
        let secret: String
        let configPath: String
        let paths: [HostileInput: String]

        init(cases: [HostileInput], errorBudget: Double, pattern: String = "*.xml*") throws {
            folder = try TemporaryFolder("landscape-hostile")
            inputs = folder.file("inputs")
            try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder.file("secret"), withIntermediateDirectories: true)
            secret = folder.file("secret/secret.txt")
            try HostileInput.writeSecret(secret)
            var paths: [HostileInput: String] = [:]
            for input in cases {
                paths[input] = try input.write(into: inputs, secret: secret)
            }
            self.paths = paths
            try GoodCatalog.write(into: inputs)
            let config = TestConfig(
                sources: [.init(name: "hostile", format: "niso-sts", paths: [inputs + "/" + pattern])],
                output: folder.file("out"), errorBudget: errorBudget, limits: HostileInputTests.limits
            )
            configPath = try config.write(into: folder.path)
        }

        var outputs: PublishedOutputs { PublishedOutputs(directory: folder.file("out")) }

        /// Whether a quarantine row's `file` names the case's input (absolute or relative).
        func isFile(_ file: String?, of input: HostileInput) -> Bool {
            guard let file, let path = paths[input] else { return false }
            return file == path || path.hasSuffix("/" + file) || file.hasSuffix("/" + input.fileName) || file == input.fileName
        }

        struct Run {
            var status: Pipeline.ExitStatus
            var seconds: Double
            var unblockedFIFOs: [String]
        }

        /// Runs the pipeline in this process. A watchdog opens the FIFOs for writing if the run
        /// is still going after the bound, so that a run stuck opening one ends and the test
        /// reports it instead of hanging.
        func run() throws -> Run {
            let fifos = paths.filter { $0.key == .fifo }.map(\.value)
            let watchdog = FIFOWatchdog(fifos: fifos, after: HostileInputTests.bound)
            let started = ContinuousClock.now
            let status: Pipeline.ExitStatus
            do {
                status = try PipelineRunner(configPath: configPath, progress: ProgressReporter(options: ProgressOptions(quiet: true))).run(outputOverride: nil)
            } catch let error as PipelineError {
                watchdog.stop()
                Issue.record("the run failed: \(error.description)")
                status = error.status
            }
            let elapsed = started.duration(to: .now)
            let unblocked = watchdog.stop()
            return Run(status: status, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       unblockedFIFOs: unblocked)
        }

        /// No output contains the secret's text.
        func expectNoSecretLeaked() throws {
            let directory = folder.file("out")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                #expect(data.range(of: Data(HostileInput.secretMarker.utf8)) == nil, "\(name) contains the secret")
            }
        }
    }
}

/// Unblocks a run stuck opening a FIFO: after a delay, opens each for writing and closes it.
final class FIFOWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var unblocked: [String] = []
    private let thread: Thread?

    init(fifos: [String], after seconds: Double) {
        guard !fifos.isEmpty else {
            thread = nil
            return
        }
        let box = Box()
        let thread = Thread {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if box.owner?.isStopped ?? true { return }
                usleep(20_000)
            }
            for fifo in fifos {
                let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
                if descriptor >= 0 {
                    close(descriptor)
                    box.owner?.note(fifo)
                }
            }
        }
        self.thread = thread
        box.owner = self
        thread.start()
    }

    private final class Box: @unchecked Sendable { weak var owner: FIFOWatchdog? }

    private var isStopped: Bool { lock.withLock { stopped } }
    private func note(_ fifo: String) { lock.withLock { unblocked.append(fifo) } }

    /// Stops watching; returns the FIFOs it had to open.
    @discardableResult
    func stop() -> [String] {
        lock.withLock {
            stopped = true
            return unblocked
        }
    }
}
