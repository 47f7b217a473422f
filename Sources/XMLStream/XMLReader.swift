@preconcurrency import CLibXML2

/// What the reader is positioned on.
public enum XMLNodeKind: Sendable, Hashable {
    case elementStart
    case elementEnd
    case text
    case cdata
    case whitespace
    case entityReference
    case documentType
    case other
}

/// A hardened streaming reader over libxml2's `xmlTextReader`, for one file on one thread.
///
/// It never builds the whole document: nodes are visited one at a time and freed as
/// the reader moves on. Parsing is safe by construction: no network, no entity
/// substitution, no DTD loading, no XInclude, and a document whose DOCTYPE declares
/// entities is refused before its content is read. Every libxml2 error is collected
/// with its line (``problems``); the first fatal one, or a broken ``XMLLimits`` bound,
/// is ``failure`` and ends the reading.
///
/// Element names are compared by pointer against names interned in the reader's
/// dictionary (``XMLNameTable``), so walking a file creates no Swift strings except for
/// the values the caller asks for.
public final class XMLReader {
    /// The parse options: `NONET` and `NOCDATA` (CDATA arrives as text) and nothing
    /// that loads, substitutes or includes anything.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    public let path: String
    public let limits: XMLLimits
    private let reader: xmlTextReaderPtr
    private let input: GzipInput
    private let sink: ErrorSink
    // The reader is used from one thread at a time and never hands out inout access to
    // its state, so the per-node writes skip the runtime exclusivity check (it cost more
    // than classifying the node).
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var nodesSinceClockCheck = 0
    /// Set by ``skipElement()``: the reader already stands on the next node.
    @exclusivity(unchecked) private var holding = false
    /// Reused by ``collectText(separatingChildren:)``.
    @exclusivity(unchecked) private var textBuffer: [UInt8] = []

    /// The kind of the current node.
    @exclusivity(unchecked) public private(set) var kind: XMLNodeKind = .other
    /// Depth of the current node (the root element is 0).
    @exclusivity(unchecked) public private(set) var depth = 0

    /// Opens `path` (`.xml` or gzip-compressed) for reading.
    ///
    /// - Throws: an ``XMLProblem`` of kind `unreadable` or `limit` when the file cannot be read at all.
    public init(path: String, limits: XMLLimits = .default) throws(XMLProblem) {
        XMLEnvironment.prepare()
        self.path = path
        self.limits = limits
        let sink = ErrorSink()
        self.sink = sink
        let input = try GzipInput(path: path, limits: limits, sink: sink)
        self.input = input
        // Errors raised while the reader is created (encoding detection reads the first
        // bytes) reach only the thread's handler: install it first, or libxml2 prints them.
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        xmlSetStructuredErrorFunc(sinkPointer, collectStructuredError)
        landscape_xml_route_generic_errors(sinkPointer)
        guard let reader = xmlReaderForIO(
            readGzipInput, closeGzipInput,
            Unmanaged.passUnretained(input).toOpaque(),
            path, nil, Self.options
        ) else {
            xmlSetStructuredErrorFunc(nil, nil)
            landscape_xml_route_generic_errors(nil)
            throw XMLProblem(kind: .unreadable, line: 0, message: sink.problems.first?.message ?? "libxml2 could not create a reader")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, collectStructuredError, sinkPointer)
    }

    deinit {
        xmlFreeTextReader(reader)
        xmlSetStructuredErrorFunc(nil, nil)
        landscape_xml_route_generic_errors(nil)
        input.close()
    }

    // MARK: Moving

    /// Moves to the next node. Returns false at the end of the document or once
    /// reading has failed (see ``failure``).
    @discardableResult
    public func read() -> Bool {
        if holding {
            holding = false
            return !finished
        }
        guard !finished else { return false }
        let status = xmlTextReaderRead(reader)
        guard status == 1, !sink.stopRequested else { return finish() }
        return check()
    }

    /// Skips the rest of the current element without building it (`xmlTextReaderNext`).
    /// The next ``read()`` lands on the node that follows the element.
    public func skipElement() {
        guard !finished, kind == .elementStart, !isEmptyElement else { return }
        let status = xmlTextReaderNext(reader)
        guard status == 1, !sink.stopRequested else {
            _ = finish()
            return
        }
        if check() { holding = true }
    }

    /// Ends reading at once, with `message` as a limit failure: the caller has what it needs.
    public func stop(_ message: String) {
        guard !finished else { return }
        _ = fail(.limit, message)
    }

    private func finish() -> Bool {
        finished = true
        kind = .other
        return false
    }

    /// Classifies the node and applies the per-node limits.
    private func check() -> Bool {
        depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case 1:
            kind = .elementStart
            if depth == 0, isEmptyElement { rootClosed = true }
            if depth >= limits.maxDepth {
                return fail(.limit, "element nesting deeper than \(limits.maxDepth)")
            }
            if xmlTextReaderHasAttributes(reader) == 1,
               Int(xmlTextReaderAttributeCount(reader)) > limits.maxAttributes {
                return fail(.limit, "more than \(limits.maxAttributes) attributes on one element")
            }
        case 15:
            kind = .elementEnd
            if depth == 0 { rootClosed = true }
        case 3:
            kind = .text
            if let value = xmlTextReaderConstValue(reader), Int(xmlStrlen(value)) > limits.maxTextBytes {
                return fail(.limit, "a text node longer than \(limits.maxTextBytes) bytes")
            }
        case 4: kind = .cdata
        case 13, 14: kind = .whitespace
        case 5: kind = .entityReference
        case 10:
            kind = .documentType
            if let reason = entityDeclarationsInDocumentType() {
                return fail(.hostile, reason)
            }
        default: kind = .other
        }
        if kind != .elementEnd { nodesOpened += 1 }
        nodesSinceClockCheck += 1
        if nodesSinceClockCheck >= 4096 {
            nodesSinceClockCheck = 0
            if input.elapsed > limits.maxSeconds {
                return fail(.limit, "reading took more than \(limits.maxSeconds) s")
            }
        }
        return true
    }

    private func fail(_ kind: XMLProblem.Kind, _ message: String) -> Bool {
        sink.raise(XMLProblem(kind: kind, line: line, message: message))
        return finish()
    }

    /// Catalogs never need entity declarations; they are how billion-laughs,
    /// quadratic-blowup and external-entity attacks start. Refuse any.
    private func entityDeclarationsInDocumentType() -> String? {
        guard let node = xmlTextReaderCurrentNode(reader), let doc = node.pointee.doc,
              let dtd = doc.pointee.intSubset else { return nil }
        let general = dtd.pointee.entities.map { Int(xmlHashSize(OpaquePointer($0))) } ?? 0
        let parameter = dtd.pointee.pentities.map { Int(xmlHashSize(OpaquePointer($0))) } ?? 0
        guard general + parameter > 0 else { return nil }
        return "the DOCTYPE declares \(general + parameter) entit\(general + parameter == 1 ? "y" : "ies"); entity declarations are refused"
    }

    // MARK: The current node

    /// Line of the current node (1-based; 0 when libxml2 does not know it).
    public var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = Int(xmlGetLineNo(node))
            if line > 0 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// Whether the current element is written `<empty/>` (it has no end node).
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The current node's local name, looked up in `table` without creating a string;
    /// nil for names the table does not hold, and for elements in a namespace: the formats'
    /// own elements have none (`<x:std-ref>` is not a `std-ref`). An element in a namespace
    /// the formats do not use (see ``knownNamespaces``) is reported once per file as a warning.
    @inline(__always)
    public func name<Name>(in table: XMLNameTable<Name>) -> Name? {
        guard let pointer = xmlTextReaderConstLocalName(reader), let name = table[UnsafeRawPointer(pointer)] else { return nil }
        guard let namespace = xmlTextReaderConstNamespaceUri(reader) else { return name }
        noteNamespace(namespace)
        return nil
    }

    /// The current node's local name, looked up in `table`, for an element in no namespace or in
    /// one of `namespaces` (see ``namespaceSet(_:)``): TBX terminology inside NISO STS is written
    /// with a prefix (`tbx:termEntry`), in a default namespace, or in none. Elements in other
    /// namespaces are nil, as with ``name(in:)``.
    @inline(__always)
    public func name<Name>(in table: XMLNameTable<Name>, allowing namespaces: XMLNamespaceSet) -> Name? {
        guard let pointer = xmlTextReaderConstLocalName(reader), let name = table[UnsafeRawPointer(pointer)] else { return nil }
        guard let namespace = xmlTextReaderConstNamespaceUri(reader) else { return name }
        // The reader interns namespace names in its dictionary: compared by address.
        if namespaces.pointers.contains(UnsafeRawPointer(namespace)) { return name }
        noteNamespace(namespace)
        return nil
    }

    /// Interns namespace names in this reader's dictionary, for ``name(in:allowing:)``.
    public func namespaceSet(_ uris: [String]) -> XMLNamespaceSet {
        XMLNamespaceSet(pointers: uris.compactMap { xmlTextReaderConstString(reader, $0).map { UnsafeRawPointer($0) } })
    }

    /// Namespaces that appear inside NISO STS documents (MathML, XLink, TBX terminology, the
    /// access and licence indicators) and are not catalog metadata.
    public static let knownNamespaces: Set<String> = [
        "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/1999/xlink",
        "urn:iso:std:iso:30042:ed-1", "urn:iso:std:iso:30042:ed-2", "http://www.niso.org/schemas/ali/1.0/",
        "http://www.w3.org/XML/1998/namespace",
    ]

    private func noteNamespace(_ uri: UnsafePointer<xmlChar>) {
        let text = String(cString: uri)
        guard !Self.knownNamespaces.contains(text), reportedNamespaces.insert(text).inserted else { return }
        sink.add(XMLProblem(kind: .warning, line: line,
                            message: "elements in the namespace \(text.prefix(200)) are not part of the format; ignored",
                            code: XMLProblem.unknownNamespaceCode))
    }

    /// The current node's local name as a string (for messages).
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    /// The value of an attribute of the current element, by qualified name.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { landscape_xml_free(value) }
        return String(cString: value)
    }

    /// The `xml:lang` in scope for the current node.
    public var language: String? {
        xmlTextReaderConstXmlLang(reader).map { String(cString: $0) }
    }

    /// Appends the current text node's bytes to `buffer`.
    @inline(__always)
    public func appendValue(to buffer: inout [UInt8]) {
        guard let value = xmlTextReaderConstValue(reader) else { return }
        let count = Int(xmlStrlen(value))
        buffer.append(contentsOf: UnsafeBufferPointer(start: value, count: count))
    }

    /// The current node's name when it is an entity reference.
    public var entityName: String { localName }

    /// Collects the text inside the current element and leaves the reader on its end.
    ///
    /// Text and CDATA are concatenated; with `separatingChildren`, a newline goes
    /// between direct child elements (paragraphs of an abstract), not around inline
    /// markup deeper down. Entity references that
    /// could not be resolved are left out and reported as warnings.
    public func collectText(separatingChildren: Bool = false) -> String {
        guard kind == .elementStart, !isEmptyElement else { return "" }
        let start = depth
        // One buffer for every field of the file: its capacity is kept between calls.
        var buffer = textBuffer
        textBuffer = []
        buffer.removeAll(keepingCapacity: true)
        defer { textBuffer = buffer }
        while read() {
            switch kind {
            case .text, .cdata, .whitespace:
                appendValue(to: &buffer)
                if buffer.count > limits.maxTextBytes {
                    _ = fail(.limit, "a text field longer than \(limits.maxTextBytes) bytes")
                    return ""
                }
            case .elementStart where separatingChildren && depth == start + 1:
                if let last = buffer.last, last != UInt8(ascii: "\n") { buffer.append(UInt8(ascii: "\n")) }
            case .entityReference:
                sink.add(XMLProblem(kind: .warning, line: line, message: "entity '\(entityName)' is not defined (its DTD is never loaded); left out"))
            case .elementEnd where depth == start:
                return String(decoding: buffer, as: UTF8.self)
            default:
                break
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Interns `Name`'s raw values in this reader's dictionary.
    public func nameTable<Name: RawRepresentable & CaseIterable & Hashable>(_: Name.Type) -> XMLNameTable<Name> where Name.RawValue == String {
        var names: [(UnsafeRawPointer, Name)] = []
        for name in Name.allCases {
            if let pointer = xmlTextReaderConstString(reader, name.rawValue) {
                names.append((UnsafeRawPointer(pointer), name))
            }
        }
        return XMLNameTable(names)
    }

    // MARK: Outcome

    /// Everything libxml2 and the limits reported so far (at most 100 kept).
    public var problems: [XMLProblem] { sink.problems }

    /// How many problems were reported in all.
    public var problemCount: Int { sink.problemCount }

    /// The problem that ended the reading early, if any. Check it after the last
    /// ``read()``: libxml2 can end "successfully" after a fatal error.
    public var failure: XMLProblem? {
        guard var failure = sink.failure ?? stoppedEarly else { return nil }
        // Problems raised from the input callback do not know their line: the parser's is close.
        if failure.line == 0, failure.kind != .unreadable { failure.line = max(parserLine, 1) }
        // A stream that stops inside the root element gets libxml2 messages such as
        // "Extra content at the end of the document" or "expected '>'": say what it means.
        if failure.kind == .malformed, !rootClosed, input.reachedEnd, !failure.message.hasPrefix("gzip") {
            failure.message = "truncated: the document ends before its root element is closed (libxml2: \(failure.message))"
        }
        return failure
    }

    /// Whether the root element's end has been read.
    @exclusivity(unchecked) private var rootClosed = false

    /// libxml2 stops on some errors it reports below the fatal level ("huge text
    /// node"): reading that ended before the root element closed is a failure too.
    private var stoppedEarly: XMLProblem? {
        guard finished, !rootClosed else { return nil }
        if let last = sink.problems.last {
            let kind: XMLProblem.Kind = last.message.contains("huge") ? .limit : .malformed
            return XMLProblem(kind: kind, line: last.line > 0 ? last.line : parserLine, message: last.message)
        }
        return XMLProblem(kind: .malformed, line: parserLine, message: "reading stopped before the root element was closed")
    }

    /// The line the parser has reached, which runs ahead of the node being read.
    public var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// Nodes delivered so far other than element ends. libxml2 may close the elements still
    /// open when a stream breaks off, but it never makes up any other node: an element whose
    /// end was followed by any other node was closed in the input itself.
    public private(set) var nodesOpened = 0

    /// The element a record starts with (see ``markRecordStart()``); compared by address only.
    private var recordStart: xmlNodePtr?

    /// Notes that the current element starts a record, for ``isRecordFollowedInInput``.
    public func markRecordStart() {
        recordStart = xmlTextReaderCurrentNode(reader)
    }

    /// Whether the record marked last was certainly closed in the input: the parser has
    /// already built a node after its element (libxml2 closes the elements still open when a
    /// stream breaks off, and nothing follows those). Asked when the record has been read,
    /// while its element is still the current node or one of its ancestors (the reader frees
    /// a node only once it has moved past it).
    public var isRecordFollowedInInput: Bool {
        guard let start = recordStart else { return false }
        var node = xmlTextReaderCurrentNode(reader)
        while let current = node {
            if current == start { return current.pointee.next != nil }
            node = current.pointee.parent
        }
        return false
    }

    /// Unknown namespaces already reported for this file.
    private var reportedNamespaces: Set<String> = []

    /// Decompressed bytes read so far.
    public var bytesRead: Int { input.decompressedBytes }
}

/// Namespace names interned in one reader's dictionary (``XMLReader/namespaceSet(_:)``).
public struct XMLNamespaceSet {
    fileprivate let pointers: [UnsafeRawPointer]
}

/// Element names interned in one reader's dictionary, for comparisons by pointer.
///
/// Only valid with the reader that made it (``XMLReader/nameTable(_:)``). A small
/// open-addressing table keyed by the pointer's bits: a lookup per node costs a
/// shift, a mask and usually one comparison, with no hashing.
public struct XMLNameTable<Name: Hashable> {
    private var keys: [UInt]
    private var values: [Name?]
    private let mask: UInt

    init(_ names: [(UnsafeRawPointer, Name)]) {
        var capacity = 16
        while capacity < names.count * 4 { capacity *= 2 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = UInt(capacity - 1)
        for (pointer, name) in names {
            let key = UInt(bitPattern: pointer)
            var slot = Int((key >> 3) & mask)
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & Int(mask) }
            keys[slot] = key
            values[slot] = name
        }
    }

    @inline(__always)
    subscript(pointer: UnsafeRawPointer) -> Name? {
        let key = UInt(bitPattern: pointer)
        var slot = Int((key >> 3) & mask)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & Int(mask)
        }
    }
}
