import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init(_ name: String = "landscape-tests") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func url(_ component: String) -> String { (path as NSString).appendingPathComponent(component) }

    @discardableResult
    func write(_ component: String, _ text: String) throws -> String {
        let file = url(component)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ component: String) throws -> String {
        try String(contentsOfFile: url(component), encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
