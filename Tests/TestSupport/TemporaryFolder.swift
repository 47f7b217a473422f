import Foundation

/// A fresh folder under the system's temporary directory for the files a test writes,
/// removed when the value goes away: the one temporary-folder helper of the test targets.
public final class TemporaryFolder {
    public let path: String
    public var url: URL { URL(fileURLWithPath: path) }

    public init(_ name: String = "landscape-tests") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `component` (a name or a relative path) inside the folder.
    public func file(_ component: String) -> String { (path as NSString).appendingPathComponent(component) }

    /// Writes `text` to `component`, creating its folders; returns its path.
    @discardableResult
    public func write(_ component: String, _ text: String) throws -> String {
        try write(component, Data(text.utf8))
    }

    /// Writes `data` to `component`, creating its folders; returns its path.
    @discardableResult
    public func write(_ component: String, _ data: Data) throws -> String {
        let file = file(component)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes `text` to `component`, creating its folders; returns its URL.
    @discardableResult
    public func writeFile(_ component: String, _ text: String) throws -> URL {
        URL(fileURLWithPath: try write(component, text))
    }

    public func read(_ component: String) throws -> String {
        try String(contentsOfFile: file(component), encoding: .utf8)
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
