import Foundation
import Yams

/// A node of a composed YAML document with the file, line and key path that lead to it: every
/// error it throws is a ``YAMLInputError`` naming the file, the line and the key. It reads the
/// inputs whose keys are data or whose checks span entries (the taxonomy, the weights file,
/// committee files, the config's sources); a section of fixed settings is decoded from it with
/// ``decode(_:)``.
///
/// ```swift
/// let top = try YAMLCursor(root, file: file).fields(["version", "terms"])  // other keys: an error
/// for (phrase, weight) in try top.required("terms").entries() {
///     add(phrase, try weight.number(in: 0...10), line: weight.line)
/// }
/// ```
///
/// Paths read `committees[2].p-members[0]`. An error about a value names the line of its key (a
/// block value starts on the line after). Only an error spells its path out: reading a list of a
/// hundred thousand items costs no text per item.
public struct YAMLCursor {
    public let node: Node
    public let file: String
    /// Line of the key that leads to the node (a block value starts on the line after its key),
    /// else of the node itself.
    public let line: Int?
    /// Path of the node's parent, and the node's own key or index in it.
    private let parent: String
    private let step: Step?

    fileprivate enum Step {
        case key(String)
        case index(Int)
    }

    /// The root node of a document.
    public init(_ node: Node, file: String) {
        self.init(node, file: file, line: node.mark?.line, parent: "", step: nil)
    }

    fileprivate init(_ node: Node, file: String, line: Int?, parent: String, step: Step?) {
        self.node = node
        self.file = file
        self.line = line
        self.parent = parent
        self.step = step
    }

    /// Dotted key path of the node, e.g. `sources[2].paths`; empty for the root.
    public var path: String {
        switch step {
        case nil: parent
        case .key(let key): parent.isEmpty ? key : parent + "." + key
        case .index(let index): parent + "[\(index)]"
        }
    }

    /// A problem with this node.
    public func error(_ reason: String) -> YAMLInputError {
        YAMLInputError(file: file, line: line, key: path, reason: reason)
    }

    /// The value of `key`, whose key node is `keyNode`; `prefix` is this node's path.
    private func child(_ key: String, _ value: Node, keyNode: Node, prefix: String) -> YAMLCursor {
        YAMLCursor(value, file: file, line: keyNode.mark?.line ?? value.mark?.line, parent: prefix, step: .key(key))
    }

    // MARK: Mappings

    /// A mapping whose keys are names the reader knows: the first key outside `allowed` is an
    /// error (see ``YAMLFields/unknownKeys(_:)`` to collect them all instead).
    public func fields(_ allowed: Set<String>) throws -> YAMLFields {
        let fields = try fields()
        if let unknown = fields.unknownKeys(allowed).first { throw unknown }
        return fields
    }

    /// A mapping whose keys are names, without checking them.
    public func fields() throws -> YAMLFields {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value pairs)") }
        return YAMLFields(owner: self, mapping: mapping)
    }

    /// A mapping whose keys are data (ids, phrases, codes), in file order. Keys must be text and
    /// distinct as text (YAML alone would take `1` and `"1"` for two keys).
    public func entries() throws -> [(key: String, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value pairs)") }
        let prefix = path
        var result: [(key: String, value: YAMLCursor)] = []
        result.reserveCapacity(mapping.count)
        var seen: [String: Int] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw child("?", keyNode, keyNode: keyNode, prefix: prefix).error("keys must be plain text")
            }
            if let earlier = seen[key] {
                throw child(key, keyNode, keyNode: keyNode, prefix: prefix).error("duplicate key (first at line \(earlier))")
            }
            seen[key] = keyNode.mark?.line ?? 0
            result.append((key, child(key, value, keyNode: keyNode, prefix: prefix)))
        }
        return result
    }

    // MARK: Lists

    /// The items of a list.
    public func items() throws -> YAMLItems {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return YAMLItems(sequence: sequence, file: file, prefix: path)
    }

    /// A list of texts, each holding more than white space, trimmed.
    public func texts() throws -> [String] {
        try items().map { try $0.nonEmptyText() }
    }

    // MARK: Scalars

    /// The text of a scalar, as written.
    public func text() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text, not a list or mapping") }
        return scalar.string
    }

    /// The text of a scalar that holds more than white space; `trimmed` drops the white space at
    /// its ends.
    public func nonEmptyText(trimmed: Bool = true) throws -> String {
        let text = try text()
        // White space as `trimmingCharacters(in: .whitespacesAndNewlines)` sees it.
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw error("must not be empty") }
        return trimmed ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }

    /// A finite number in `range`, from a scalar's text.
    public func number(in range: ClosedRange<Double>) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(Self.trimmingBlanks(scalar.string)), value.isFinite else {
            throw error("expected a number, got \(node.scalar.map { "'\($0.string)'" } ?? "a list or mapping")")
        }
        guard range.contains(value) else {
            throw error("\(scalar.string) is out of range (\(range.lowerBound)…\(range.upperBound))")
        }
        return value
    }

    /// The text without the white space (`.whitespaces`) at its ends; most numbers start and
    /// end with an ASCII character that is no space or tab, and are returned as they are.
    private static func trimmingBlanks(_ text: String) -> String {
        let utf8 = text.utf8
        func mayBeBlank(_ byte: UInt8?) -> Bool { byte.map { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 >= 0x80 } ?? false }
        guard mayBeBlank(utf8.first) || mayBeBlank(utf8.last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Whether the node is a plain (unquoted) scalar.
    public var isPlainScalar: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain || scalar.style == .any
    }

    // MARK: Decoding

    /// Decodes a settings type from the node with ``StrictYAMLDecoder``: unknown keys at any
    /// depth are errors naming their path below this node's.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let path = path
        return try StrictYAMLDecoder(file: file).decode(type, from: node, path: path.isEmpty ? [] : [path], line: line)
    }
}

/// The items of a YAML list, each made a ``YAMLCursor`` when it is read (a list of a hundred
/// thousand paths costs no second array).
public struct YAMLItems: RandomAccessCollection {
    fileprivate let sequence: Node.Sequence
    fileprivate let file: String
    fileprivate let prefix: String

    public var startIndex: Int { sequence.startIndex }
    public var endIndex: Int { sequence.endIndex }

    public subscript(index: Int) -> YAMLCursor {
        let item = sequence[index]
        return YAMLCursor(item, file: file, line: item.mark?.line, parent: prefix, step: .index(index - startIndex))
    }
}

/// The keys of a YAML mapping whose keys are names (see ``YAMLCursor/fields(_:)``).
public struct YAMLFields {
    /// The mapping itself.
    public let owner: YAMLCursor
    private let mapping: Node.Mapping
    private let prefix: String

    init(owner: YAMLCursor, mapping: Node.Mapping) {
        self.owner = owner
        self.mapping = mapping
        self.prefix = owner.path
    }

    /// The value of `key`, if the mapping has it.
    public subscript(key: String) -> YAMLCursor? {
        for (keyNode, value) in mapping where keyNode.scalar?.string == key {
            return YAMLCursor(value, file: owner.file, line: keyNode.mark?.line ?? value.mark?.line, parent: prefix, step: .key(key))
        }
        return nil
    }

    /// The value of `key`; its absence is an error at the mapping's line.
    public func required(_ key: String) throws -> YAMLCursor {
        guard let value = self[key] else {
            throw YAMLInputError(file: owner.file, line: owner.line, key: prefix.isEmpty ? key : prefix + "." + key, reason: "required key is missing")
        }
        return value
    }

    /// An error for each key outside `allowed`, in file order, at the key's line.
    public func unknownKeys(_ allowed: Set<String>) -> [YAMLInputError] {
        var errors: [YAMLInputError] = []
        for (keyNode, _) in mapping {
            let key = keyNode.scalar?.string
            if let key, allowed.contains(key) { continue }
            let name = key ?? "?"
            errors.append(YAMLInputError(file: owner.file, line: keyNode.mark?.line, key: prefix.isEmpty ? name : prefix + "." + name,
                                         reason: YAMLInputError.unknownKey(name, known: allowed)))
        }
        return errors
    }
}

/// Every problem of a file, for inputs that report all their problems at once rather than the
/// first: `if let name = problems({ try fields.required("name").nonEmptyText() }) { … }`.
public final class YAMLProblems {
    public let file: String
    public private(set) var errors: [YAMLInputError] = []

    public init(file: String) { self.file = file }

    /// Runs `read`; a ``YAMLInputError`` it throws is recorded and gives nil.
    public func callAsFunction<T>(_ read: () throws -> T) -> T? {
        do {
            return try read()
        } catch let error as YAMLInputError {
            errors.append(error)
            return nil
        } catch {
            errors.append(YAMLInputError(file: file, line: nil, key: "", reason: "\(error)"))
            return nil
        }
    }

    public func record(_ error: YAMLInputError) { errors.append(error) }
    public func record(_ errors: [YAMLInputError]) { self.errors += errors }
}
