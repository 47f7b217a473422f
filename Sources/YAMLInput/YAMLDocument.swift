import Foundation
import Yams

/// Reads YAML text into a tree whose size is bounded by the text's own size.
///
/// YAML anchors and aliases (`&name`, `*name`) let a few lines stand for an exponentially large
/// tree (the "billion laughs" of YAML): a 2 KB file of ten levels of aliases expands to billions
/// of nodes for whoever walks it. No input of the pipeline needs them, so they are refused, with
/// the line of the first one, before anything walks the tree. (Yams composes an alias as a shared
/// reference to the anchored node, so composing costs memory in proportion to the text; only
/// walking would expand it.)
public enum YAMLDocument {
    /// Largest YAML input accepted, in bytes (64 MiB: a config of hundreds of thousands of paths).
    public static let maxBytes = 64 << 20

    /// Reads and composes a YAML file. Throws ``YAMLInputError`` for an unreadable, oversized or
    /// malformed file, or one that uses anchors and aliases. Returns nil for an empty document.
    ///
    /// `resolver`: how plain scalars get their tags. Yams' default resolver tests each scalar
    /// against seven regular expressions, which dominates the time of a large file; a reader
    /// that interprets scalars itself (``StrictYAMLDecoder``) passes `.basic`.
    public static func load(file: String, resolver: Resolver = .default) throws -> (node: Node?, data: Data) {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw YAMLInputError(file: file, line: nil, key: "", reason: "cannot be read (\(error.localizedDescription))")
        }
        guard data.count <= maxBytes else {
            throw YAMLInputError(file: file, line: nil, key: "", reason: "larger than \(maxBytes >> 20) MiB; not read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLInputError(file: file, line: nil, key: "", reason: "not UTF-8 text")
        }
        return (try compose(text, file: file, resolver: resolver), data)
    }

    /// Composes YAML text; `file` names it in errors.
    public static func compose(_ text: String, file: String, resolver: Resolver = .default) throws -> Node? {
        guard text.utf8.count <= maxBytes else {
            throw YAMLInputError(file: file, line: nil, key: "", reason: "larger than \(maxBytes >> 20) MiB; not read")
        }
        let root: Node?
        do {
            // The parser owns the anchors, which the nodes hold only weakly: it is kept alive
            // until the walk below has looked for them.
            let parser = try Parser(yaml: text, resolver: resolver)
            root = try parser.singleRoot()
            if let root { try withExtendedLifetime(parser) { try refuseAnchors(in: root, file: file) } }
        } catch let error as YAMLInputError {
            throw error
        } catch let error as YamlError {
            throw YAMLInputError(file: file, line: error.line, key: "", reason: "invalid YAML: \(error.summary)")
        } catch {
            throw YAMLInputError(file: file, line: nil, key: "", reason: "invalid YAML: \(error)")
        }
        return root
    }

    /// Composes a document that must hold something; `emptyReason` is the error for one that
    /// does not (e.g. "the taxonomy file is empty").
    public static func composeRoot(_ text: String, file: String, emptyReason: String) throws -> Node {
        guard let root = try compose(text, file: file) else {
            throw YAMLInputError(file: file, line: nil, key: "", reason: emptyReason)
        }
        return root
    }

    /// Walks the tree once, depth first, and throws at the first anchored node. The tree of a
    /// document without anchors has no shared nodes, so this visits each node once.
    private static func refuseAnchors(in root: Node, file: String) throws {
        var stack = [root]
        while let node = stack.popLast() {
            if let anchor = node.anchor {
                throw YAMLInputError(file: file, line: node.mark?.line, key: "",
                                     reason: "YAML anchors and aliases (&\(anchor.rawValue), *\(anchor.rawValue)) are not accepted; write the values out")
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() { stack.append(value); stack.append(key) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .scalar, .alias:
                break
            }
        }
    }
}

extension YamlError {
    /// The 1-based line of a parse error, when libyaml reported one.
    public var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    /// The problem without the echoed YAML text (which could quote any file's content).
    public var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _): "duplicate keys \(duplicates.joined(separator: ", "))"
        default: "unreadable YAML"
        }
    }
}
