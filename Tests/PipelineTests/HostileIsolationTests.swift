import Foundation
import TestSupport
import Testing

/// Runs `scripts/check-isolation.sh` on every hostile case: the built `landscape`, traced with
/// strace, must create no socket and open nothing outside its inputs, outputs, config and the
/// system's own files, in particular not the secret the attacks point at.
@Suite("Hostile input: isolation under strace")
struct HostileIsolationTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: strace != nil, "needs strace (apt-get install -y strace)"),
          .enabled(if: Repository.binary != nil, "needs the built landscape executable (swift build)"))
    func opensNothingOutsideItsInputs() throws {
        let folder = try TemporaryFolder("landscape-isolation")
        let inputs = folder.file("inputs")
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("secret"), withIntermediateDirectories: true)
        let secret = folder.file("secret/secret.txt")
        try HostileInput.writeSecret(secret)
        for input in HostileInput.allCases {
            try input.write(into: inputs, secret: secret)
        }
        try GoodCatalog.write(into: inputs)

        let script = Repository.root.appendingPathComponent("scripts/check-isolation.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "--binary", Repository.binary!, "--inputs", inputs, "--secret", secret]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "check-isolation.sh failed:\n\(text)")
    }
}
