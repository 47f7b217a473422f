import Foundation

/// Locations of the repository's inputs and of the shared data beside it.
enum SharedData {
    /// The repository root, from this file's path.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let taxonomyPath = repository.appendingPathComponent("Inputs/taxonomy.yaml").path
    static let devGoldPath = shared.appendingPathComponent("gold/dev.csv").path

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: devGoldPath) }
}
