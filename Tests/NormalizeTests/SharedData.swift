import Foundation

/// The shared corpus beside the repository (`<repo>/../shared`), when present.
enum SharedData {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() } // SharedData.swift, NormalizeTests, Tests
        return url.path
    }()

    static let root = URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared").path

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root + "/corpus") }

    static func corpus(_ relative: String) -> String { root + "/corpus/" + relative }
}
