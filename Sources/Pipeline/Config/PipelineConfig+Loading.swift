import Foundation
import Ingest
import LandscapeModel
import Policy
import Yams
import YAMLInput

extension PipelineConfig {
    /// Reads and validates a config file. Every problem is a ``PipelineError`` with exit
    /// status 78 naming the file, the line and the key.
    public static func load(from path: String) throws -> PipelineConfig {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw PipelineError.config("config file not found", file: file)
        }
        guard !isDirectory.boolValue else { throw PipelineError.config("is a directory, not a config file", file: file) }
        do {
            let (root, data) = try YAMLDocument.load(file: file, resolver: .basic)
            return try parse(root, file: file, digest: Digest.sha256Hex(data))
        } catch let error as YAMLInputError {
            throw PipelineError(error)
        }
    }

    /// Parses config text; `file` is used for error messages and to resolve relative paths.
    public static func parse(_ text: String, file: String, digest: String = "") throws -> PipelineConfig {
        do {
            return try parse(try YAMLDocument.compose(text, file: file, resolver: .basic), file: file, digest: digest)
        } catch let error as YAMLInputError {
            throw PipelineError(error)
        }
    }

    /// Throws ``YAMLInputError`` for what the YAML says, ``PipelineError`` for a document that is
    /// not a mapping.
    private static func parse(_ node: Node?, file: String, digest: String) throws -> PipelineConfig {
        guard let node, case .mapping = node else {
            throw PipelineError.config("the config must be a mapping with `sources`, `committees` and `output`", file: file, line: 1)
        }
        let root = YAMLCursor(node, file: file)
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let top = try root.fields(knownKeys)

        /// One path or a list of them.
        func paths(_ node: YAMLCursor) throws -> [String] {
            if node.node.scalar != nil { return [resolve(try node.nonEmptyText(trimmed: false), against: base)] }
            let items = try node.items()
            if items.isEmpty { throw node.error("lists no path") }
            return try items.map { resolve(try $0.nonEmptyText(trimmed: false), against: base) }
        }

        /// The `format` of a source or committee entry: one the pipeline reads.
        func format<Format: RawRepresentable & CaseIterable>(_ fields: YAMLFields) throws -> Format where Format.RawValue == String {
            let node = try fields.required("format")
            let text = try node.nonEmptyText(trimmed: false)
            guard let format = Format(rawValue: text) else {
                throw node.error("unknown format `\(text)` (known: \(Format.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return format
        }

        guard let sourcesNode = top["sources"] else { throw root.error("missing key `sources`") }
        var names: Set<String> = []
        let sources: [Source] = try sourcesNode.items().map { entry in
            let fields = try entry.fields(["name", "format", "paths"])
            let nameNode = try fields.required("name")
            let name = try nameNode.nonEmptyText(trimmed: false)
            guard names.insert(name).inserted else { throw nameNode.error("duplicate source name `\(name)`") }
            return Source(name: name, format: try format(fields), paths: try paths(fields.required("paths")), line: entry.line ?? 0)
        }
        if sources.isEmpty { throw sourcesNode.error("lists no catalog") }

        let committees: [CommitteeSource] = try top["committees"]?.items().map { entry in
            let fields = try entry.fields(["format", "paths"])
            return CommitteeSource(format: try format(fields), paths: try paths(fields.required("paths")), line: entry.line ?? 0)
        } ?? []

        guard let output = top["output"] else { throw root.error("missing key `output`") }
        let directory = try output.fields(["directory"]).required("directory").nonEmptyText(trimmed: false)

        var budget = 0.05
        if let node = top["error_budget"] {
            guard node.isPlainScalar, let value = try? node.number(in: 0...1) else {
                throw node.error("must be a number from 0 to 1 (a share of records, e.g. 0.05)")
            }
            budget = value
        }

        var config = PipelineConfig(
            file: file,
            baseDirectory: base,
            digest: digest,
            sources: sources,
            committees: committees,
            outputDirectory: resolve(directory, against: base),
            errorBudget: budget
        )
        // The folders that files may resolve into, one per distinct root.
        var seenRoots = Set<String>()
        config.inputRoots = FileDiscovery.roots(of: sources.flatMap(\.paths) + committees.flatMap(\.paths), relativeTo: base)
            .filter { seenRoots.insert($0).inserted }
        // Each stage's section, decoded once, strictly: an unknown key at any depth is an error.
        if let node = top["scoring"] { config.scoring = try node.decode() }
        if let node = top["participation"] { config.participation = try node.decode() }
        if let node = top["regions"] { config.regions = try node.decode() }
        if let node = top["history"] { config.history = try node.decode() }
        if let node = top["report"] { config.report = try node.decode() }
        if let node = top["limits"] { config.limits = try node.decode() }
        if let node = top["policy"] { config.policy = try node.decode() }
        if let node = top["terminology"] { config.terminology = try node.decode() }
        // Glossary files are input files too: their folders are input roots.
        let glossaryPaths = config.terminology.glossaries.flatMap(\.paths).map { resolve($0, against: base) }
        config.inputRoots += FileDiscovery.roots(of: glossaryPaths, relativeTo: base).filter { seenRoots.insert($0).inserted }
        return config
    }

    /// Resolves a config path against the config's folder.
    static func resolve(_ path: String, against base: String) -> String {
        let expanded = path.hasPrefix("~") ? (path as NSString).expandingTildeInPath : path
        return normalized(expanded.hasPrefix("/") ? expanded : base + "/" + expanded)
    }

    /// An absolute path with `.`, `..` and repeated slashes removed, on the text alone (no file
    /// system access: a config of tens of thousands of patterns loads in linear time).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Resolves a path given in a stage-owned section.
    public func resolve(_ path: String) -> String { Self.resolve(path, against: baseDirectory) }

}

extension PipelineError {
    /// A YAML input problem as a config error (exit 78), naming file, line and key.
    init(_ error: YAMLInputError) {
        self.init(.config, error.key.isEmpty ? error.reason : "\(error.key): \(error.reason)", file: error.file, line: error.line)
    }
}
