import Foundation
import Yams

/// Decodes `Decodable` settings from a composed YAML node, refusing what they do not know.
///
/// A keyed type whose `CodingKeys` are `CaseIterable` accepts exactly those keys: any other key
/// in its mapping, at any depth, is an error naming the file, the key's line and its dotted
/// path (`limits: {max_text_byte: 100}` is not silently ignored). Types decoded with dynamic
/// keys (a `[String: …]` dictionary) accept any key, as they should. Errors that a type throws
/// itself (`DecodingError.dataCorruptedError`) come out as ``YAMLInputError`` with the line of
/// the value concerned.
public struct StrictYAMLDecoder {
    public var file: String

    public init(file: String) {
        self.file = file
    }

    /// Decodes `type` from `node`. `path` is the key path of `node` in its file, for messages
    /// (e.g. `["limits"]` for the `limits:` section of the config), and `line` the line of the
    /// key that leads to it (by default the node's own).
    ///
    /// Like ``YAMLCursor``, an error about a value names the line of the key that leads to it
    /// (a block value starts on the line after its key).
    public func decode<T: Decodable>(_ type: T.Type, from node: Node, path: [String] = [], line: Int? = nil) throws -> T {
        let root = path.map { PathKey(stringValue: $0) }
        let line = line ?? node.mark?.line
        do {
            return try T(from: NodeDecoder(node: node, codingPath: root, file: file, line: line))
        } catch let error as DecodingError {
            let context: DecodingError.Context?
            switch error {
            case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c): context = c
            @unknown default: context = nil
            }
            let codingPath = context?.codingPath ?? root
            let relative = Array(codingPath.dropFirst(root.count))
            throw YAMLInputError(file: file, line: Self.line(of: relative, in: node, line: line), key: Self.dotted(codingPath),
                                 reason: context?.debugDescription ?? "\(error)")
        }
    }

    /// `sources[2].paths`, from a coding path.
    static func dotted(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key is IndexKey {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// The line of the value at `path` below `node`, whose line is `line` (as deep as the path
    /// can be followed).
    static func line(of path: [any CodingKey], in node: Node, line: Int?) -> Int? {
        var current = node
        var line = line
        for key in path {
            switch current {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == key.stringValue }) else { return line }
                current = pair.value
                line = pair.key.mark?.line ?? pair.value.mark?.line
            case .sequence(let sequence):
                guard let index = key.intValue, index < sequence.count else { return line }
                current = sequence[index]
                line = current.mark?.line
            default:
                return line
            }
        }
        return line
    }
}

struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// Names of a `CaseIterable` coding-key type (opened from an existential).
private func caseNames<K: CaseIterable>(_ type: K.Type) -> [String] {
    K.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
}

private struct NodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    let file: String
    /// Line of the key that leads to the node, else of the node itself.
    let line: Int?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func fail(_ reason: String, at node: Node? = nil) -> YAMLInputError {
        YAMLInputError(file: file, line: node?.mark?.line ?? line, key: StrictYAMLDecoder.dotted(codingPath), reason: reason)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw fail("expected a mapping (key: value pairs)") }
        var values: [String: (key: Node, value: Node)] = [:]
        var order: [String] = []
        values.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { throw fail("keys must be plain text", at: keyNode) }
            values[scalar.string] = (keyNode, value)
            order.append(scalar.string)
        }
        if let known = Key.self as? any CaseIterable.Type {
            let names = caseNames(known)
            let allowed = Set(names)
            for (keyNode, _) in mapping where !allowed.contains(keyNode.scalar?.string ?? "") {
                let name = keyNode.scalar?.string ?? ""
                let path = StrictYAMLDecoder.dotted(codingPath + [PathKey(stringValue: name)])
                throw YAMLInputError(file: file, line: keyNode.mark?.line, key: path,
                                     reason: YAMLInputError.unknownKey(name, known: names))
            }
        }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(values: values, order: order, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw fail("expected a list") }
        return UnkeyedNodeContainer(nodes: Array(sequence), decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(decoder: self)
    }

    /// The value of a key (`keyNode`) or the item of a list.
    func child(_ node: Node, _ key: any CodingKey, keyNode: Node? = nil) -> NodeDecoder {
        NodeDecoder(node: node, codingPath: codingPath + [key], file: file, line: keyNode?.mark?.line ?? node.mark?.line)
    }

    // Scalars.

    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func scalar() throws -> Node.Scalar {
        guard case .scalar(let scalar) = node else { throw fail("expected a single value, not a list or mapping") }
        return scalar
    }

    func decodeString() throws -> String {
        try scalar().string
    }

    // Numbers and booleans are read from the text of plain (unquoted) scalars, whatever tag a
    // resolver gave them: the reader does not depend on Yams' regular-expression resolver,
    // which costs more than the rest of parsing in a large file. A quoted scalar is text.

    /// The text of a plain scalar, or nil for a quoted one.
    func plainText() throws -> String? {
        let scalar = try scalar()
        return scalar.style == .plain || scalar.style == .any ? scalar.string : nil
    }

    func decodeBool() throws -> Bool {
        switch try plainText() {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw fail("expected true or false, got `\(try scalar().string)`")
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let text = try plainText(), let value = T(text.replacingOccurrences(of: "_", with: "")) else {
            throw fail("expected a whole number, got `\(try scalar().string)`")
        }
        return value
    }

    func decodeDouble() throws -> Double {
        guard let text = try plainText(), let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw fail("expected a number, got `\(try scalar().string)`")
        }
        return value
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try decodeString() as! T
        case is Bool.Type: return try decodeBool() as! T
        case is Double.Type: return try decodeDouble() as! T
        case is Float.Type: return Float(try decodeDouble()) as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is Int64.Type: return try decodeInteger(Int64.self) as! T
        case is UInt64.Type: return try decodeInteger(UInt64.self) as! T
        case is UInt.Type: return try decodeInteger(UInt.self) as! T
        case is Int32.Type: return try decodeInteger(Int32.self) as! T
        default: return try T(from: self)
        }
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let values: [String: (key: Node, value: Node)]
    let order: [String]
    let decoder: NodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    func child(_ key: Key) throws -> NodeDecoder {
        guard let pair = values[key.stringValue] else {
            throw YAMLInputError(file: decoder.file, line: decoder.line,
                                 key: StrictYAMLDecoder.dotted(codingPath + [key]), reason: "missing")
        }
        return decoder.child(pair.value, key, keyNode: pair.key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).isNull }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        let child = try child(key)
        return child.isNull ? nil : try child.decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let nodes: [Node]
    let decoder: NodeDecoder
    var currentIndex = 0

    init(nodes: [Node], decoder: NodeDecoder) {
        self.nodes = nodes
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { nodes.count }
    var isAtEnd: Bool { currentIndex >= nodes.count }

    mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw YAMLInputError(file: decoder.file, line: decoder.line, key: StrictYAMLDecoder.dotted(codingPath), reason: "the list is too short")
        }
        defer { currentIndex += 1 }
        return decoder.child(nodes[currentIndex], IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if decoder.child(nodes[currentIndex], IndexKey(currentIndex)).isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
