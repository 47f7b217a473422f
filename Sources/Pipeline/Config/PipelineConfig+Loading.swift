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

    private static func parse(_ root: Node?, file: String, digest: String) throws -> PipelineConfig {
        guard let root, case .mapping(let mapping) = root else {
            throw PipelineError.config("the config must be a mapping with `sources`, `committees` and `output`", file: file, line: 1)
        }
        let reader = NodeReader(file: file)
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path

        var sections: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw reader.error("keys must be text", at: key) }
            guard knownKeys.contains(name) else {
                throw reader.error("unknown key `\(name)` (known: \(knownKeys.sorted().joined(separator: ", ")))", at: key)
            }
            if sectionKeys.contains(name) { sections[name] = value }
        }

        guard let sourcesNode = mapping["sources"] else { throw reader.error("missing key `sources`", at: root) }
        var sources: [Source] = []
        var names: Set<String> = []
        for (index, entry) in try reader.sequence(sourcesNode, key: "sources").enumerated() {
            let key = "sources[\(index)]"
            let fields = try reader.mapping(entry, key: key, allowed: ["name", "format", "paths"])
            let name = try reader.string(fields["name"], key: "\(key).name", in: entry)
            guard names.insert(name).inserted else { throw reader.error("\(key).name: duplicate source name `\(name)`", at: fields["name"]!) }
            let formatText = try reader.string(fields["format"], key: "\(key).format", in: entry)
            guard let format = SourceFormat(rawValue: formatText) else {
                throw reader.error("\(key).format: unknown format `\(formatText)` (known: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")))", at: fields["format"]!)
            }
            let paths = try reader.paths(fields["paths"], key: "\(key).paths", in: entry, base: base)
            sources.append(Source(name: name, format: format, paths: paths, line: reader.line(of: entry)))
        }
        if sources.isEmpty { throw reader.error("`sources` lists no catalog", at: sourcesNode) }

        var committees: [CommitteeSource] = []
        if let committeesNode = mapping["committees"] {
            for (index, entry) in try reader.sequence(committeesNode, key: "committees").enumerated() {
                let key = "committees[\(index)]"
                let fields = try reader.mapping(entry, key: key, allowed: ["format", "paths"])
                let formatText = try reader.string(fields["format"], key: "\(key).format", in: entry)
                guard let format = CommitteeSource.Format(rawValue: formatText) else {
                    throw reader.error("\(key).format: unknown format `\(formatText)` (known: \(CommitteeSource.Format.allCases.map(\.rawValue).joined(separator: ", ")))", at: fields["format"]!)
                }
                let paths = try reader.paths(fields["paths"], key: "\(key).paths", in: entry, base: base)
                committees.append(CommitteeSource(format: format, paths: paths, line: reader.line(of: entry)))
            }
        }

        guard let outputNode = mapping["output"] else { throw reader.error("missing key `output`", at: root) }
        let output = try reader.mapping(outputNode, key: "output", allowed: ["directory"])
        let directory = try reader.string(output["directory"], key: "output.directory", in: outputNode)

        var budget = 0.05
        if let node = mapping["error_budget"] {
            guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Double(scalar.string), value >= 0, value <= 1 else {
                throw reader.error("error_budget: must be a number from 0 to 1 (a share of records, e.g. 0.05)", at: node)
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
        let decoder = StrictYAMLDecoder(file: file)
        func section<T: Decodable>(_ key: String, _ value: inout T) throws {
            guard let node = sections[key] else { return }
            do {
                value = try decoder.decode(T.self, from: node, path: [key])
            } catch let error as YAMLInputError {
                throw PipelineError(error)
            }
        }
        try section("scoring", &config.scoring)
        try section("participation", &config.participation)
        try section("regions", &config.regions)
        try section("history", &config.history)
        try section("report", &config.report)
        try section("limits", &config.limits)
        try section("policy", &config.policy)
        try section("terminology", &config.terminology)
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

/// Walks a composed YAML tree with errors that name file, line and key.
struct NodeReader {
    var file: String

    func line(of node: Node) -> Int { (node.mark?.line ?? 0) }

    func error(_ message: String, at node: Node) -> PipelineError {
        PipelineError.config(message, file: file, line: node.mark.map { $0.line })
    }

    func sequence(_ node: Node, key: String) throws -> [Node] {
        guard case .sequence(let sequence) = node else { throw error("\(key): expected a list", at: node) }
        return Array(sequence)
    }

    func mapping(_ node: Node, key: String, allowed: Set<String>) throws -> [String: Node] {
        guard case .mapping(let mapping) = node else { throw error("\(key): expected a mapping", at: node) }
        var result: [String: Node] = [:]
        for (name, value) in mapping {
            guard let text = name.string, allowed.contains(text) else {
                throw error("\(key): unknown key `\(name.string ?? "?")` (known: \(allowed.sorted().joined(separator: ", ")))", at: name)
            }
            result[text] = value
        }
        return result
    }

    func string(_ node: Node?, key: String, in parent: Node) throws -> String {
        guard let node else { throw error("\(key): missing", at: parent) }
        guard case .scalar(let scalar) = node, scalar.string.contains(where: { !$0.isWhitespace }) else {
            throw error("\(key): expected non-empty text", at: node)
        }
        return scalar.string
    }

    func paths(_ node: Node?, key: String, in parent: Node, base: String) throws -> [String] {
        guard let node else { throw error("\(key): missing", at: parent) }
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default: throw error("\(key): expected a list of paths", at: node)
        }
        if items.isEmpty { throw error("\(key): lists no path", at: node) }
        return try items.map { PipelineConfig.resolve(try string($0, key: key, in: node), against: base) }
    }
}

extension PipelineError {
    /// A YAML input problem as a config error (exit 78), naming file, line and key.
    init(_ error: YAMLInputError) {
        self.init(.config, error.key.isEmpty ? error.reason : "\(error.key): \(error.reason)", file: error.file, line: error.line)
    }
}
