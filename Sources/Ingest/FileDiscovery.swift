#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the glob patterns of `Pipeline.yaml` (`Inputs/iso/**/*.xml.gz`) into files.
///
/// `*` and `?` match within one path component (not a leading `.`), `[…]` a set, and
/// `**` any number of directories (including none). Relative patterns resolve against
/// `relativeTo` (the config file's folder). Results are sorted and de-duplicated;
/// anything that is not a readable regular file is reported, never silently dropped.
public enum FileDiscovery {
    /// A reason a pattern did not yield (only) readable files.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            /// The pattern matches nothing: the Pipeline exits 66.
            case noMatch = "no match"
            /// A directory where a file was expected.
            case directory
            /// A file that cannot be opened for reading, or is not a regular file.
            case unreadable
            /// A symbolic link that leads back into a directory being walked, or nowhere.
            case symlinkLoop = "symlink loop"
        }

        public var kind: Kind
        public var pattern: String
        /// The offending path; the pattern itself for `noMatch`.
        public var path: String
        public var reason: String

        public var description: String { "\(path): \(kind.rawValue): \(reason)" }
    }

    public struct Result: Sendable {
        /// Readable regular files, sorted, without duplicates.
        public var files: [String]
        public var problems: [Problem]
        /// Patterns that matched nothing at all.
        public var unmatchedPatterns: [String] { problems.filter { $0.kind == .noMatch }.map(\.pattern) }
    }

    public static func expand(_ patterns: [String], relativeTo base: String) -> Result {
        var files = Set<String>()
        var problems: [Problem] = []
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/") ? pattern : join(base, pattern)
            var matches: [String] = []
            var patternProblems: [Problem] = []
            let components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            walk(directory: "/", components[...], pattern: pattern, visited: [], matches: &matches, problems: &patternProblems)
            if matches.isEmpty, patternProblems.isEmpty {
                problems.append(Problem(kind: .noMatch, pattern: pattern, path: pattern, reason: "the pattern matches no file"))
            }
            problems += patternProblems
            files.formUnion(matches)
        }
        var unique: [Problem] = []
        for problem in problems where !unique.contains(problem) { unique.append(problem) }
        return Result(files: files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, problems: unique)
    }

    private static func join(_ base: String, _ path: String) -> String {
        if base.isEmpty || base == "." { return currentDirectory() + "/" + path }
        let absoluteBase = base.hasPrefix("/") ? base : currentDirectory() + "/" + base
        return absoluteBase.hasSuffix("/") ? absoluteBase + path : absoluteBase + "/" + path
    }

    private static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func hasWildcard(_ component: String) -> Bool {
        component.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Walks `components` below `directory`. `visited` holds the (device, inode) of the
    /// directories on the current path, to detect symlink loops under `**`.
    private static func walk(directory: String, _ components: ArraySlice<String>, pattern: String,
                             visited: [DirectoryID], matches: inout [String], problems: inout [Problem]) {
        guard let component = components.first else { return }
        let rest = components.dropFirst()
        let isLast = rest.isEmpty

        if component == "**" {
            // Zero directories…
            if !rest.isEmpty {
                walk(directory: directory, rest, pattern: pattern, visited: visited, matches: &matches, problems: &problems)
            } else {
                // A trailing ** matches every file below.
                for entry in entries(of: directory) {
                    let path = child(directory, entry)
                    if let id = classify(path, pattern: pattern, expectFile: false, visited: visited, matches: &matches, problems: &problems) {
                        walk(directory: path, ["**"], pattern: pattern, visited: visited + [id], matches: &matches, problems: &problems)
                    }
                }
                return
            }
            // …or one more directory, then ** again.
            for entry in entries(of: directory) where !entry.hasPrefix(".") {
                let path = child(directory, entry)
                guard let id = directoryID(path) else { continue }
                if visited.contains(id) {
                    problems.append(Problem(kind: .symlinkLoop, pattern: pattern, path: path, reason: "leads back to a directory already being walked"))
                    continue
                }
                walk(directory: path, components, pattern: pattern, visited: visited + [id], matches: &matches, problems: &problems)
            }
            return
        }

        if !hasWildcard(component) {
            let path = child(directory, component)
            if isLast {
                guard exists(path) else { return }
                _ = classify(path, pattern: pattern, expectFile: true, visited: visited, matches: &matches, problems: &problems)
            } else if let id = directoryID(path) {
                walk(directory: path, rest, pattern: pattern, visited: visited + [id], matches: &matches, problems: &problems)
            }
            return
        }

        for entry in entries(of: directory) {
            if entry.hasPrefix("."), !component.hasPrefix(".") { continue }
            guard fnmatch(component, entry, 0) == 0 else { continue }
            let path = child(directory, entry)
            if isLast {
                _ = classify(path, pattern: pattern, expectFile: true, visited: visited, matches: &matches, problems: &problems)
            } else if let id = directoryID(path) {
                if visited.contains(id) {
                    problems.append(Problem(kind: .symlinkLoop, pattern: pattern, path: path, reason: "leads back to a directory already being walked"))
                    continue
                }
                walk(directory: path, rest, pattern: pattern, visited: visited + [id], matches: &matches, problems: &problems)
            }
        }
    }

    /// Adds a matched path to `matches` or reports why it cannot be read. Returns the
    /// directory to descend into when `expectFile` is false and the path is a new directory.
    private static func classify(_ path: String, pattern: String, expectFile: Bool, visited: [DirectoryID],
                                 matches: inout [String], problems: inout [Problem]) -> DirectoryID? {
        var info = stat()
        if stat(path, &info) != 0 {
            let error = errno
            var link = stat()
            if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                let kind: Problem.Kind = error == ELOOP ? .symlinkLoop : .unreadable
                problems.append(Problem(kind: kind, pattern: pattern, path: path, reason: error == ELOOP ? "too many levels of symbolic links" : "broken symbolic link"))
            } else {
                problems.append(Problem(kind: .unreadable, pattern: pattern, path: path, reason: String(cString: strerror(error))))
            }
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if !expectFile {
                let id = DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                if visited.contains(id) {
                    problems.append(Problem(kind: .symlinkLoop, pattern: pattern, path: path, reason: "leads back to a directory already being walked"))
                    return nil
                }
                return id
            } else {
                problems.append(Problem(kind: .directory, pattern: pattern, path: path, reason: "is a directory, not a catalog file"))
            }
        case S_IFREG:
            if access(path, R_OK) == 0 {
                matches.append(path)
            } else {
                problems.append(Problem(kind: .unreadable, pattern: pattern, path: path, reason: String(cString: strerror(errno))))
            }
        default:
            problems.append(Problem(kind: .unreadable, pattern: pattern, path: path, reason: "not a regular file"))
        }
        return nil
    }

    struct DirectoryID: Hashable { var device: UInt64; var inode: UInt64 }

    private static func directoryID(_ path: String) -> DirectoryID? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func child(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }

    /// Names in a directory, sorted, without `.` and `..`.
    private static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
