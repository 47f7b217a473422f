import Foundation
import Testing
@testable import Pipeline

/// What cron and log collectors see on stderr when the inputs are hostile: nothing with
/// `--quiet` on a successful run, and only JSON objects with `--log-format json` (no stray
/// lines from libxml2 or the runtime).
@Suite("End to end: logging on hostile input", .enabled(if: Repository.binary != nil, "needs the built landscape executable (swift build)"))
struct EndToEndLoggingTests {
    @Test("--quiet prints nothing on a run that succeeds")
    func quietIsSilent() throws {
        let scene = try HostileInputTests.Scene(cases: HostileInput.allCases, errorBudget: 1.0)
        let outcome = try ChildProcess.run(Repository.binary!, ["run", "--config", scene.configPath, "--quiet"], deadline: 300)
        #expect(outcome.status == 0, "exit \(outcome.status)")
        #expect(outcome.standardError.isEmpty, "stderr of a quiet run:\n\(outcome.standardError.prefix(4000))")
    }

    @Test("--log-format json: one JSON object per line, one file event per input, a summary last")
    func jsonLinesOnly() throws {
        let scene = try HostileInputTests.Scene(cases: HostileInput.allCases, errorBudget: 1.0)
        let outcome = try ChildProcess.run(Repository.binary!, ["run", "--config", scene.configPath, "--log-format", "json"], deadline: 300)
        #expect(outcome.status == 0, "exit \(outcome.status)")
        var events: [[String: Any]] = []
        for line in outcome.standardError.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line.prefix(300))")
            if let object { events.append(object) }
        }
        let files = events.filter { $0["event"] as? String == "file" }
        #expect(files.count == HostileInput.allCases.count + 1, "file events: \(files.count)")
        #expect(events.last?["event"] as? String == "summary")
    }
}
