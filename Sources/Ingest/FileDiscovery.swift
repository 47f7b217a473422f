#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLandscapeSystem

/// Expands the glob patterns of `Pipeline.yaml` (`Inputs/iso/**/*.xml.gz`) into files.
///
/// `*` and `?` match within one path component (not a leading `.`), `[…]` a set, and
/// `**` any number of directories (including none). Relative patterns resolve against
/// `relativeTo` (the config file's folder). Results are sorted and de-duplicated;
/// anything that is not a readable regular file is reported, never silently dropped.
///
/// Discovery cannot run away, whatever the folders hold:
/// - each real directory (device and inode) is walked at most once per pattern position, so
///   symbolic links that fan out (two links to the next level, twenty levels deep) cost what
///   the real tree costs, and a link back to an ancestor is reported as a loop;
/// - each real file is listed once, under the first path (in byte order) that reaches it;
/// - `/proc`, `/sys` and `/dev` (and any proc or sysfs mount) are never walked or read;
/// - a file or folder reached through a symbolic link that resolves outside the input roots
///   (the wildcard-free folders the patterns start from) is refused before it is opened;
/// - ``Bounds`` caps the files matched, the directories visited and the time taken: past
///   them discovery stops with ``BoundsExceeded``.
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
            /// A symbolic link that resolves outside the input roots: refused, never opened.
            case outsideInputs = "outside the inputs"
        }

        public var kind: Kind
        public var pattern: String
        /// The offending path; the pattern itself for `noMatch`.
        public var path: String
        public var reason: String

        public var description: String { "\(path): \(kind.rawValue): \(reason)" }
    }

    /// Caps on one expansion (all its patterns together).
    public struct Bounds: Sendable, Hashable {
        /// Files matched.
        public var maxFiles: Int
        /// Directories listed.
        public var maxDirectories: Int
        /// Wall-clock seconds.
        public var maxSeconds: Double

        public init(maxFiles: Int = 100_000, maxDirectories: Int = 100_000, maxSeconds: Double = 60) {
            self.maxFiles = maxFiles
            self.maxDirectories = maxDirectories
            self.maxSeconds = maxSeconds
        }
    }

    /// Discovery stopped at one of its ``Bounds``.
    public struct BoundsExceeded: Error, Sendable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "discovery of \"\(pattern)\" stopped: \(reason)" }
    }

    public struct Result: Sendable {
        /// Readable regular files, sorted, without duplicates.
        public var files: [String]
        public var problems: [Problem]
        /// Patterns that matched nothing at all.
        public var unmatchedPatterns: [String] { problems.filter { $0.kind == .noMatch }.map(\.pattern) }
    }

    /// Expands `patterns`. `roots`: the folders that files may resolve into (default: the roots
    /// of `patterns` themselves, see ``roots(of:relativeTo:)``).
    public static func expand(_ patterns: [String], relativeTo base: String, bounds: Bounds = Bounds(),
                              roots: [String]? = nil) throws(BoundsExceeded) -> Result {
        var walker = Walker(bounds: bounds, roots: roots ?? Self.roots(of: patterns, relativeTo: base))
        var problems: [Problem] = []
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/") ? pattern : join(base, pattern)
            let before = walker.matches.count
            walker.problems = []
            walker.pattern = pattern
            walker.visited = []
            let components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            try walker.walk(directory: "/", components[...], ancestors: [])
            if walker.matches.count == before, walker.problems.isEmpty {
                problems.append(Problem(kind: .noMatch, pattern: pattern, path: pattern, reason: "the pattern matches no file"))
            }
            problems += walker.problems
        }
        var unique: [Problem] = []
        var seenProblems = Set<Problem>()
        for problem in problems where seenProblems.insert(problem).inserted { unique.append(problem) }
        // One path per real file: the first in byte order.
        var files: [String] = []
        var seenFiles = Set<NodeID>()
        for (path, id) in walker.matches.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
        where seenFiles.insert(id).inserted && files.last != path {
            files.append(path)
        }
        return Result(files: files, problems: unique)
    }

    /// The real folders the patterns start from: for each, the longest folder prefix without a
    /// wildcard, with symbolic links resolved (`Inputs/iso/**/*.xml` → `/…/Inputs/iso`;
    /// `Inputs/committees/x.yaml` → `/…/Inputs/committees`).
    public static func roots(of patterns: [String], relativeTo base: String) -> [String] {
        var resolved: [String: String] = [:]
        return patterns.map { pattern in
            let absolute = pattern.hasPrefix("/") ? pattern : join(base, pattern)
            // The folder part up to the first component with a wildcard, on the bytes.
            let bytes = Array(absolute.utf8)
            var end = bytes.lastIndex(of: UInt8(ascii: "/")) ?? 0
            if let wildcard = bytes.firstIndex(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }),
               wildcard < end {
                end = bytes[..<wildcard].lastIndex(of: UInt8(ascii: "/")) ?? 0
            }
            let folder = end == 0 ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
            if let known = resolved[folder] { return known }
            let real = realPath(folder) ?? folder
            resolved[folder] = real
            return real
        }
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

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func hasWildcard(_ component: String) -> Bool {
        component.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    }

    /// A file or directory on disk.
    struct NodeID: Hashable { var device: UInt64; var inode: UInt64 }

    /// A directory reached with this many pattern components left to match.
    private struct Visit: Hashable { var directory: NodeID; var remaining: Int }

    /// The walk of one expansion: what it found and what it has spent.
    private struct Walker {
        let bounds: Bounds
        let roots: [String]
        /// Devices never walked: those of /proc, /sys and /dev.
        let systemDevices: Set<UInt64>
        let started = ContinuousClock.now
        var pattern = ""
        var matches: [(path: String, id: NodeID)] = []
        var problems: [Problem] = []
        var visited: Set<Visit> = []
        var directoriesListed = 0

        init(bounds: Bounds, roots: [String]) {
            self.bounds = bounds
            self.roots = roots
            var devices = Set<UInt64>()
            for folder in ["/proc", "/sys", "/dev"] {
                var info = stat()
                if stat(folder, &info) == 0 { devices.insert(UInt64(info.st_dev)) }
            }
            systemDevices = devices
        }

        mutating func problem(_ kind: Problem.Kind, _ path: String, _ reason: String) {
            problems.append(Problem(kind: kind, pattern: pattern, path: path, reason: reason))
        }

        func checkTime() throws(BoundsExceeded) {
            let elapsed = ContinuousClock.now - started
            if elapsed > .milliseconds(Int64(bounds.maxSeconds * 1000)) {
                throw BoundsExceeded(pattern: pattern, reason: "took longer than \(bounds.maxSeconds) s (limits.max_discovery_seconds)")
            }
        }

        /// Whether a real path lies inside one of the roots.
        func isInsideRoots(_ real: String) -> Bool {
            roots.contains { root in
                root == "/" || real == root || (real.hasPrefix(root) && real.utf8.dropFirst(root.utf8.count).first == UInt8(ascii: "/"))
            }
        }

        /// A proc, sysfs or device file system: never walked, never read.
        func isSystem(_ info: stat, path: String) -> Bool {
            if systemDevices.contains(UInt64(info.st_dev)) { return true }
            return landscape_is_pseudo_filesystem(path) == 1
        }

        /// A directory to descend into with `remaining` components left, or nil (reported or
        /// already walked).
        mutating func enter(_ path: String, remaining: Int, ancestors: Set<NodeID>) throws(BoundsExceeded) -> NodeID? {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            let id = NodeID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if ancestors.contains(id) {
                problem(.symlinkLoop, path, "leads back to a directory already being walked")
                return nil
            }
            guard visited.insert(Visit(directory: id, remaining: remaining)).inserted else { return nil }
            if isSystem(info, path: path) {
                problem(.unreadable, path, "a system folder (/proc, /sys, /dev); never walked")
                return nil
            }
            if !roots.isEmpty, isSymlinkOnTheWay(path), let real = FileDiscovery.realPath(path), !isInsideRoots(real) {
                problem(.outsideInputs, path, "a symbolic link to a folder outside the input folders; not walked")
                return nil
            }
            directoriesListed += 1
            if directoriesListed > bounds.maxDirectories {
                throw BoundsExceeded(pattern: pattern, reason: "more than \(bounds.maxDirectories) directories (limits.max_discovered_directories)")
            }
            try checkTime()
            return id
        }

        /// Whether the last component of `path` is a symbolic link (folders reached through a
        /// link are checked against the roots; plain subfolders of a root are inside it).
        func isSymlinkOnTheWay(_ path: String) -> Bool {
            var link = stat()
            return lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        }

        /// Walks `components` below `directory`.
        mutating func walk(directory: String, _ components: ArraySlice<String>, ancestors: Set<NodeID>) throws(BoundsExceeded) {
            guard let component = components.first else { return }
            let rest = components.dropFirst()

            if component == "**" {
                if rest.isEmpty {
                    // A trailing ** matches every file below.
                    for entry in entries(of: directory) {
                        let path = child(directory, entry)
                        if let id = try classify(path, expectFile: false, remaining: 1, ancestors: ancestors) {
                            try walk(directory: path, ["**"], ancestors: ancestors.union([id]))
                        }
                    }
                    return
                }
                // Zero directories…
                try walk(directory: directory, rest, ancestors: ancestors)
                // …or one more directory, then ** again.
                for entry in entries(of: directory) where !entry.hasPrefix(".") {
                    let path = child(directory, entry)
                    guard let id = try enter(path, remaining: components.count, ancestors: ancestors) else { continue }
                    try walk(directory: path, components, ancestors: ancestors.union([id]))
                }
                return
            }

            if !FileDiscovery.hasWildcard(component) {
                let path = child(directory, component)
                if rest.isEmpty {
                    guard exists(path) else { return }
                    _ = try classify(path, expectFile: true, remaining: 0, ancestors: ancestors)
                } else if let id = try enter(path, remaining: rest.count, ancestors: ancestors) {
                    try walk(directory: path, rest, ancestors: ancestors.union([id]))
                }
                return
            }

            for entry in entries(of: directory) {
                if entry.hasPrefix("."), !component.hasPrefix(".") { continue }
                guard fnmatch(component, entry, 0) == 0 else { continue }
                let path = child(directory, entry)
                if rest.isEmpty {
                    _ = try classify(path, expectFile: true, remaining: 0, ancestors: ancestors)
                } else if let id = try enter(path, remaining: rest.count, ancestors: ancestors) {
                    try walk(directory: path, rest, ancestors: ancestors.union([id]))
                }
            }
        }

        /// Adds a matched path to `matches` or reports why it cannot be read. Returns the
        /// directory to descend into when `expectFile` is false and the path is a new directory.
        mutating func classify(_ path: String, expectFile: Bool, remaining: Int, ancestors: Set<NodeID>) throws(BoundsExceeded) -> NodeID? {
            var info = stat()
            if stat(path, &info) != 0 {
                let error = errno
                var link = stat()
                if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                    if error == ELOOP {
                        problem(.symlinkLoop, path, "too many levels of symbolic links")
                    } else {
                        problem(.unreadable, path, "broken symbolic link")
                    }
                } else {
                    problem(.unreadable, path, String(cString: strerror(error)))
                }
                return nil
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !expectFile { return try enter(path, remaining: remaining, ancestors: ancestors) }
                problem(.directory, path, "is a directory, not a catalog file")
            case S_IFREG:
                if isSystem(info, path: path) {
                    problem(.unreadable, path, "in a system folder (/proc, /sys, /dev); never read")
                } else if !roots.isEmpty, let real = FileDiscovery.realPath(path), !isInsideRoots(real) {
                    problem(.outsideInputs, path, "a symbolic link to a file outside the input folders; not read")
                } else if access(path, R_OK) == 0 {
                    matches.append((path, NodeID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))))
                    if matches.count > bounds.maxFiles {
                        throw BoundsExceeded(pattern: pattern, reason: "more than \(bounds.maxFiles) files (limits.max_discovered_files)")
                    }
                } else {
                    problem(.unreadable, path, String(cString: strerror(errno)))
                }
            default:
                problem(.unreadable, path, "not a regular file")
            }
            return nil
        }
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
