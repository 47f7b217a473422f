/// Committee or member data that cannot be used at all: an unreadable file, a
/// members file without its required columns, or a `landscape-committees` file
/// that fails validation. Every problem names the file, the line and the key.
public struct CommitteeDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One thing wrong, at one place.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        /// 1-based line; 0 when the whole file is meant.
        public var line: Int
        /// The key (or column) concerned, as a path such as `committees[2].secretariat`; empty when none.
        public var key: String
        public var reason: String

        public init(file: String, line: Int, key: String = "", reason: String) {
            self.file = file
            self.line = line
            self.key = key
            self.reason = reason
        }

        public var description: String {
            let place = line > 0 ? "\(file):\(line)" : file
            return key.isEmpty ? "\(place): \(reason)" : "\(place): \(key): \(reason)"
        }
    }

    /// Every problem found, in file order (validation does not stop at the first).
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public init(file: String, line: Int = 0, key: String = "", reason: String) {
        self.problems = [Problem(file: file, line: line, key: key, reason: reason)]
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
