#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How a run reports itself on stderr.
public struct ProgressOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// Sentences for people; a live counter when stderr is a terminal.
        case text
        /// One JSON object per line, for log collectors.
        case json
    }

    /// Only errors.
    public var quiet: Bool
    public var format: Format

    public init(quiet: Bool = false, format: Format = .text) {
        self.quiet = quiet
        self.format = format
    }
}

/// Writes progress, per-file log lines, warnings and the closing summary to stderr.
///
/// Thread-safe: ingestion reports files from several threads.
public final class ProgressReporter: @unchecked Sendable {
    public let options: ProgressOptions
    private let lock = NSLock()
    private let isTerminal: Bool
    private let started = Date()
    private var filesDone = 0
    private var filesTotal = 0
    private var records = 0
    private var liveLine = false

    public init(options: ProgressOptions) {
        self.options = options
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// A stage begins (`ingest`, `normalize`…).
    public func stage(_ name: String, detail: String = "") {
        guard !options.quiet else { return }
        switch options.format {
        case .text: emit("\(name)\(detail.isEmpty ? "" : ": " + detail)")
        case .json: emitJSON(["event": "stage", "stage": name, "detail": detail])
        }
    }

    public func expectFiles(_ count: Int) {
        lock.withLock { filesTotal = count; filesDone = 0; records = 0 }
    }

    /// One input file is done.
    public func file(source: String, path: String, records count: Int, quarantined: Int, seconds: Double, problem: String?) {
        lock.lock()
        filesDone += 1
        records += count
        let done = filesDone, total = filesTotal, all = records
        lock.unlock()
        guard !options.quiet else { return }
        switch options.format {
        case .json:
            var object: [String: Any] = [
                "event": "file", "source": source, "file": path, "records": count,
                "quarantined": quarantined, "seconds": (seconds * 1000).rounded() / 1000,
            ]
            if let problem { object["problem"] = problem }
            emitJSON(object)
        case .text:
            if let problem { emit("warning: \(path): \(problem)") }
            if isTerminal {
                let elapsed = max(Date().timeIntervalSince(started), 0.001)
                let rate = Int(Double(all) / elapsed)
                lock.withLock {
                    writeStandardError("\r\u{1B}[2K  files \(done)/\(total)  records \(all)  \(rate) records/s")
                    liveLine = true
                }
            }
        }
    }

    /// Something worth knowing that did not stop the run.
    public func warning(_ message: String) {
        guard !options.quiet else { return }
        switch options.format {
        case .text: emit("warning: \(message)")
        case .json: emitJSON(["event": "warning", "message": message])
        }
    }

    /// An error: printed even when quiet.
    public func error(_ message: String) {
        switch options.format {
        case .text: emit("error: \(message)")
        case .json: emitJSON(["event": "error", "message": message])
        }
    }

    /// The one-line summary that closes a command.
    public func summary(_ line: String, fields: [String: Any] = [:]) {
        guard !options.quiet else { return }
        switch options.format {
        case .text: emit(line)
        case .json:
            var object = fields
            object["event"] = "summary"
            object["message"] = line
            emitJSON(object)
        }
    }

    private func emit(_ line: String) {
        lock.withLock {
            if liveLine { writeStandardError("\r\u{1B}[2K"); liveLine = false }
            writeStandardError(line + "\n")
        }
    }

    private func emitJSON(_ object: [String: Any]) {
        var object = object
        object["time"] = ISO8601DateFormatter().string(from: Date())
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return }
        emit(text)
    }
}

/// Writes to file descriptor 2 directly (no shared `FILE *`).
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let count = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if count <= 0 { if errno == EINTR { continue } else { return } }
            offset += count
        }
    }
}
