#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Expands the glob patterns of a config (`*`, `?`, `[…]` within a name; `**` for any number
/// of folders) into the paths they match, sorted and without duplicates.
///
/// Everything a pattern matches by name is returned, directories and unreadable files
/// included, so that ingest can quarantine them with a reason rather than skip them silently.
/// Hidden names (starting with `.`) are matched only by patterns that spell the dot.
/// Folders reached twice through symbolic links are walked once, so a link loop ends.
enum FileMatcher {
    /// The paths `patterns` match. Throws exit 66 when none of the patterns matches anything;
    /// a pattern that matches nothing while the others do is reported as a warning.
    static func expand(_ patterns: [String], line: Int, config: PipelineConfig, source: String = "committees", progress: ProgressReporter? = nil) throws -> [String] {
        var matched: Set<String> = []
        var empty: [String] = []
        for pattern in patterns {
            let paths = match(pattern)
            if paths.isEmpty { empty.append(pattern) }
            matched.formUnion(paths)
        }
        if matched.isEmpty {
            throw PipelineError(.noInput, "\(source): no file matches \(patterns.map { "\"\($0)\"" }.joined(separator: ", "))", file: config.file, line: line)
        }
        for pattern in empty {
            progress?.warning("\(config.file):\(line): \(source): no file matches \"\(pattern)\"")
        }
        return matched.sorted()
    }

    /// The paths one absolute pattern matches.
    static func match(_ pattern: String) -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var results: [String] = []
        var visited: Set<DirectoryIdentity> = []
        walk("/", components[...], into: &results, visited: &visited)
        return results
    }

    /// A folder, and how much of the pattern is left when it is walked.
    private struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        var remaining: Int
    }

    private static func walk(_ directory: String, _ rest: ArraySlice<String>, into results: inout [String], visited: inout Set<DirectoryIdentity>) {
        guard let component = rest.first else { return }
        let remaining = rest.dropFirst()
        let isLast = remaining.isEmpty

        if component == "**" {
            // A folder reached again through a link is not matched again.
            var info = stat()
            guard stat(directory, &info) == 0 else { return }
            let identity = DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), remaining: rest.count)
            guard visited.insert(identity).inserted else { return }
            // Zero folders…
            walk(directory, remaining, into: &results, visited: &visited)
            // …or one more, then `**` again.
            for entry in entries(of: directory) where !entry.hasPrefix(".") {
                let path = join(directory, entry)
                if isDirectory(path) { walk(path, rest, into: &results, visited: &visited) }
            }
            return
        }

        if !hasWildcard(component) {
            let path = join(directory, component)
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if isLast { results.append(path) } else { walk(path, remaining, into: &results, visited: &visited) }
            return
        }

        for entry in entries(of: directory) where fnmatch(component, entry, FNM_PERIOD) == 0 {
            let path = join(directory, entry)
            if isLast { results.append(path) } else if isDirectory(path) { walk(path, remaining, into: &results, visited: &visited) }
        }
    }

    private static func entries(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func hasWildcard(_ component: String) -> Bool {
        component.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
