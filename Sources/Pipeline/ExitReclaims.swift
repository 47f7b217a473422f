import LandscapeModel

/// Values that a command run by the `landscape` executable leaves for the process's exit to
/// reclaim: freeing a corpus's worth of standards, strings and dictionaries one allocation at
/// a time takes a quarter of a second, and the process ends right after. A runner used as a
/// library (tests, benchmarks) frees its values as usual.
enum ExitReclaims {
    nonisolated(unsafe) private static var kept: [Any] = []
    private static let lock = PThreadMutex()

    static func keep(_ values: Any...) {
        lock.withLock { kept.append(contentsOf: values) }
    }
}
