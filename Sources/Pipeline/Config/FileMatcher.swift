import Ingest
import LandscapeModel

/// Turns the glob patterns of one config entry into files to read, through Ingest's
/// ``FileDiscovery``, and decides what each discovery problem means for a run.
///
/// - All patterns of an entry matching nothing stops the command with exit 66.
/// - One pattern matching nothing while the others match is a warning.
/// - A directory, an unreadable file or a symbolic-link loop where a file was expected is a
///   quarantine row for the file: the run goes on. So is a file reached through a symbolic
///   link that resolves outside every input folder of the config: it is never opened, hashed
///   or quoted.
/// - Discovery past its bounds (`limits.max_discovered_*`) stops the command with exit 66.
enum FileMatcher {
    struct Matched: Sendable {
        var files: [String]
        var rejected: [QuarantineEntry]
    }

    static func expand(_ patterns: [String], line: Int, config: PipelineConfig, source: String = "committees", progress: ProgressReporter? = nil) throws -> Matched {
        let result: FileDiscovery.Result
        do {
            result = try FileDiscovery.expand(patterns, relativeTo: config.baseDirectory, bounds: config.limits.discovery, roots: config.inputRoots)
        } catch {
            throw PipelineError(.noInput, "\(source): \(error)", file: config.file, line: line)
        }
        var rejected: [QuarantineEntry] = []
        var unmatched: [String] = []
        for problem in result.problems {
            switch problem.kind {
            case .noMatch:
                unmatched.append(problem.pattern)
            case .directory, .unreadable, .symlinkLoop, .outsideInputs:
                rejected.append(QuarantineEntry(
                    location: SourceLocation(source: source, file: problem.path, line: 0),
                    reason: "\(problem.kind.rawValue): \(problem.reason)", scope: .file))
            }
        }
        if result.files.isEmpty && rejected.isEmpty {
            throw PipelineError(.noInput, "\(source): no file matches \(patterns.map { "\"\($0)\"" }.joined(separator: ", "))", file: config.file, line: line)
        }
        for pattern in unmatched {
            progress?.warning("\(config.file):\(line): \(source): no file matches \"\(pattern)\"")
        }
        return Matched(files: result.files, rejected: rejected)
    }
}
