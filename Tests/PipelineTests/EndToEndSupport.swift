import Foundation
import Testing
import LandscapeModel
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// Where the repository, its inputs, the shared corpus beside it and the built binary are.
enum Repository {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let inputs = root.appendingPathComponent("Inputs")
    /// `<repo>/../shared`, the project's shared data.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpus = shared.appendingPathComponent("corpus")

    static var corpusAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("iso/catalog-001.xml.gz").path)
    }

    /// The `landscape` executable built beside the test bundle (what `swift build` and
    /// `swift test` produce), or `$LANDSCAPE_BINARY`.
    static let binary: String? = {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["LANDSCAPE_BINARY"] { candidates.append(explicit) }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("landscape").path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/landscape").path)
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fileManager.isExecutableFile(atPath: path)
        }
    }()
}

/// A `Pipeline.yaml` for a test, pointing at the repository's committee and taxonomy inputs.
struct TestConfig {
    struct Source {
        var name: String
        var format: String
        var paths: [String]
    }

    var sources: [Source]
    var output: String
    var errorBudget: Double = 1.0
    /// `limits:` keys (`max_seconds_per_file`…); the pipeline's defaults for the others.
    var limits: [String: Double] = [:]

    var yaml: String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let inputs = Repository.inputs.path
        var text = "sources:\n"
        for source in sources {
            text += "  - name: \(source.name)\n    format: \(source.format)\n"
            text += "    paths: [\(source.paths.map(quoted).joined(separator: ", "))]\n"
        }
        text += """
        committees:
          - format: iso-open-data
            paths: [\(quoted(inputs + "/committees/iso_technical_committees.jsonl"))]
          - format: landscape-committees
            paths: [\(quoted(inputs + "/committees/cen-cenelec.yaml")), \(quoted(inputs + "/committees/ieee.yaml"))]
        output:
          directory: \(quoted(output))
        error_budget: \(errorBudget)
        scoring:
          taxonomy: \(quoted(inputs + "/taxonomy.yaml"))
        participation:
          members: [\(quoted(inputs + "/committees/iso_members.csv"))]

        """
        if !limits.isEmpty {
            text += "limits:\n"
            for (key, value) in limits.sorted(by: { $0.key < $1.key }) {
                text += value == value.rounded() ? "  \(key): \(Int(value))\n" : "  \(key): \(value)\n"
            }
        }
        return text
    }

    /// Writes the config as `Pipeline.yaml` in `folder` and returns its path.
    func write(into folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent("Pipeline.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Two good records in NISO STS, written beside hostile files: they must survive.
enum GoodCatalog {
    static let ids = ["ISO/IEC 42001:2023", "ISO/IEC TR 24028:2020"]

    static let text = """
    <?xml version="1.0" encoding="UTF-8"?>
    <standards>
    <standard xml:lang="en"><front><iso-meta><title-wrap xml:lang="en"><intro>Information technology</intro>\
    <main>Artificial intelligence</main><compl>Management system</compl></title-wrap>\
    <std-ident><originator>ISO/IEC</originator><doc-type>IS</doc-type><doc-number>42001</doc-number><edition>1</edition></std-ident>\
    <std-ref type="dated">ISO/IEC 42001:2023</std-ref><std-ref type="undated">ISO/IEC 42001</std-ref>\
    <pub-date>2023-12-18</pub-date><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref><ics>35.020</ics></iso-meta></front></standard>
    <standard xml:lang="en"><front><iso-meta><title-wrap xml:lang="en"><intro>Information technology</intro>\
    <main>Artificial intelligence</main><compl>Overview of trustworthiness in artificial intelligence</compl></title-wrap>\
    <std-ident><originator>ISO/IEC</originator><doc-type>TR</doc-type><doc-number>24028</doc-number><edition>1</edition></std-ident>\
    <std-ref type="dated">ISO/IEC TR 24028:2020</std-ref><std-ref type="undated">ISO/IEC TR 24028</std-ref>\
    <pub-date>2020-05-28</pub-date><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref><ics>35.020</ics></iso-meta></front></standard>
    </standards>

    """

    @discardableResult
    static func write(into folder: String, name: String = "good.xml") throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// What a run left in its output directory.
struct PublishedOutputs {
    let directory: String

    func text(_ name: String) throws -> String {
        try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    /// Rows of a CSV output as dictionaries keyed by the header.
    func rows(_ name: String) throws -> [[String: String]] {
        let records = try CSV.parse(try text(name))
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    var quarantine: [[String: String]] { get throws { try rows("quarantine.csv") } }
    var standardIds: [String] { get throws { try rows("standards.csv").compactMap { $0["id"] } } }

    var manifest: [String: Any] {
        get throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("manifest.json")))
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
    }

    /// SHA-256 of every regular file in the directory (not its subfolders), by name.
    func digests(excluding excluded: Set<String> = []) throws -> [String: String] {
        var digests: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !excluded.contains(name) {
            let path = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            digests[name] = Digest.sha256Hex(ofFile: path) ?? "unreadable"
        }
        return digests
    }
}

/// A child process whose exit status and output the test waits for, with a deadline.
struct ChildProcess {
    struct Outcome {
        /// The exit status, or the signal's number when `killed`.
        var status: Int32
        var standardError: String
        var seconds: Double
        var killed: Bool
    }

    /// Runs `executable` with `arguments`; SIGKILLs it after `killAfter` seconds if given,
    /// or after `deadline` seconds in any case.
    static func run(_ executable: String, _ arguments: [String], killAfter: Double? = nil, deadline: Double = 300) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("landscape-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let limit = min(killAfter ?? deadline, deadline)
        while process.isRunning {
            if Date().timeIntervalSince(started) >= limit {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        try? errorHandle.close()
        let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        let killed = process.terminationReason == .uncaughtSignal
        return Outcome(status: process.terminationStatus, standardError: text, seconds: Date().timeIntervalSince(started), killed: killed)
    }
}

extension ChildProcess {
    /// Runs the built `landscape` with `arguments` and returns its exit status and standard output.
    static func landscape(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = try #require(Repository.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
