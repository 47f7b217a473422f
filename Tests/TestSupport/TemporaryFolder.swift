import Foundation

/// A temporary folder for test files, removed when the value goes away.
public final class TemporaryFolder {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "landscape-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = path + "/" + name
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes `data` gzip-compressed with the system's gzip.
    @discardableResult
    public func writeGzip(_ name: String, _ data: Data) throws -> String {
        let plain = try write(name + ".plain", data)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c '\(plain)' > '\(path)/\(name)'"]
        try process.run()
        process.waitUntilExit()
        try FileManager.default.removeItem(atPath: plain)
        return path + "/" + name
    }
}
