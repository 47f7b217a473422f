import LandscapeModel
import XMLStream

/// Collects the TBX entries that ``StsAdapter`` finds in one file's terms clauses.
final class TermCollector {
    var entries: [RawTermEntry] = []
}

/// The terms clause of NISO STS / ISO STS full texts: `term-sec` with TBX entries
/// (`tbx:termEntry` › `tbx:langSet` › `tbx:tig` › `tbx:term`, `tbx:normativeAuthorization`;
/// `tbx:definition`, `tbx:note`, `tbx:source`), with or without the `tbx:` prefix, in the TBX
/// namespaces or in none, at any depth of `sec` nesting.
///
/// Only the way to the terms clauses is walked: in `<body>`, `sec` elements are entered and
/// every other element (paragraphs, tables, figures, lists…) is skipped without being built
/// (`xmlTextReaderNext`), as is `<back>`. The reader's limits (depth, text size, time, entity
/// declarations refused) hold in the terms clause as everywhere else.
extension StsAdapter {
    enum TBXName: String, CaseIterable {
        case termEntry, langSet, tig, ntig, termGrp, term, definition, note, source, example
        case normativeAuthorization, termNote, descrip, entailedTerm
    }

    /// The namespaces TBX is written in inside STS documents (ISO 30042, editions 1 and 2).
    static let tbxNamespaces = ["urn:iso:std:iso:30042:ed-1", "urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0"]

    /// The reference of a record's outermost metadata block, as written.
    static func referenceText(_ layers: [RawLayer]) -> String {
        let ordered = layers.enumerated().sorted {
            (adoptionRank($0.element), $0.offset) < (adoptionRank($1.element), $1.offset)
        }.map(\.element)
        for layer in ordered {
            for type in ["dated", "", "undated"] {
                if let text = layer.references[type], text.contains(where: { !$0.isWhitespace }) { return text }
            }
            if let text = layer.references.values.sorted().first(where: { $0.contains { !$0.isWhitespace } }) { return text }
            if let text = layer.docRef, text.contains(where: { !$0.isWhitespace }) { return text }
        }
        return ""
    }

    /// Reads the terms clauses of a `<body>` (the reader stands on its start) and leaves the
    /// reader on its end; everything else in it is skipped.
    func readTermsClauses(_ reader: XMLReader, _ names: XMLNameTable<Name>, record: SourceLocation, reference: String,
                          location: (Int) -> SourceLocation) {
        guard let terms, !reader.isEmptyElement else { return }
        let depth = reader.depth
        let tbx = reader.nameTable(TBXName.self)
        let namespaces = reader.namespaceSet(Self.tbxNamespaces)
        let documentLanguage = reader.language ?? ""
        while reader.read() {
            if reader.kind == .elementEnd, reader.depth == depth { return }
            guard reader.kind == .elementStart else { continue }
            switch reader.name(in: names) {
            case .sec?:
                continue // a clause: its sub-clauses may hold the terms
            case .termSec?:
                readTermSec(reader, names, tbx, namespaces, record: record, reference: reference,
                            language: documentLanguage, location: location, into: terms)
            default:
                reader.skipElement()
            }
        }
    }

    /// Reads one `term-sec` (nested ones included), leaving the reader on its end.
    private func readTermSec(_ reader: XMLReader, _ names: XMLNameTable<Name>, _ tbx: XMLNameTable<TBXName>,
                             _ namespaces: XMLNamespaceSet, record: SourceLocation, reference: String, language: String,
                             location: (Int) -> SourceLocation, into terms: TermCollector) {
        guard !reader.isEmptyElement else { return }
        let depth = reader.depth
        while reader.read() {
            if reader.kind == .elementEnd, reader.depth == depth { return }
            guard reader.kind == .elementStart else { continue }
            if reader.name(in: tbx, allowing: namespaces) == .termEntry {
                readTermEntry(reader, tbx, namespaces, record: record, reference: reference, language: language,
                              location: location, into: terms)
            } else if reader.name(in: names) == .termSec {
                continue // nested terms clause
            } else {
                reader.skipElement() // label, title, paragraphs
            }
        }
    }

    /// Reads one `tbx:termEntry`: one ``RawTermEntry`` per `tbx:langSet` (or one for the entry
    /// when it has none), leaving the reader on its end.
    private func readTermEntry(_ reader: XMLReader, _ tbx: XMLNameTable<TBXName>, _ namespaces: XMLNamespaceSet,
                               record: SourceLocation, reference: String, language: String,
                               location: (Int) -> SourceLocation, into terms: TermCollector) {
        let entryLine = reader.line
        let entryId = reader.attribute("id") ?? ""
        let entryLanguage = reader.attribute("xml:lang") ?? reader.language ?? language
        var current = RawTermEntry(location: location(entryLine), record: record, reference: reference, entryId: entryId,
                                   language: entryLanguage, terms: [], definition: nil)
        var started = false
        var pendingTerm: Int?
        let before = terms.entries.count
        func flush() {
            if started || !current.terms.isEmpty || current.definition != nil { terms.entries.append(current) }
        }
        guard !reader.isEmptyElement else {
            terms.entries.append(current)
            return
        }
        let depth = reader.depth
        while reader.read() {
            if reader.kind == .elementEnd, reader.depth == depth { break }
            guard reader.kind == .elementStart else { continue }
            switch reader.name(in: tbx, allowing: namespaces) {
            case .langSet?:
                flush()
                current = RawTermEntry(location: location(reader.line), record: record, reference: reference, entryId: entryId,
                                       language: reader.attribute("xml:lang") ?? reader.language ?? entryLanguage,
                                       terms: [], definition: nil)
                started = true
                pendingTerm = nil
            case .tig?, .ntig?, .termGrp?:
                pendingTerm = nil
            case .term?:
                let text = Self.collapse(reader.collectText())
                current.terms.append(RawTerm(text: text, status: current.terms.isEmpty ? .preferred : .admitted))
                pendingTerm = current.terms.count - 1
            case .normativeAuthorization?:
                let value = reader.attribute("value") ?? reader.collectText()
                if let index = pendingTerm ?? current.terms.indices.last, let status = Self.status(value) {
                    current.terms[index].status = status
                }
            case .termNote?:
                let type = reader.attribute("type") ?? ""
                let value = reader.collectText()
                if type == "normativeAuthorization" || type == "administrativeStatus",
                   let index = pendingTerm ?? current.terms.indices.last, let status = Self.status(value) {
                    current.terms[index].status = status
                }
            case .definition?:
                let text = Self.collapse(reader.collectText())
                current.definition = current.definition.map { $0 + " " + text } ?? text
            case .descrip?:
                let type = reader.attribute("type") ?? ""
                let text = Self.collapse(reader.collectText())
                if type == "definition" { current.definition = current.definition.map { $0 + " " + text } ?? text }
            case .note?:
                let text = Self.collapse(reader.collectText())
                if !text.isEmpty { current.notes.append(text) }
            case .source?:
                let text = Self.collapse(reader.collectText())
                if !text.isEmpty { current.source += (current.source.isEmpty ? "" : "; ") + text }
            case .example?:
                reader.skipElement()
            case .termEntry?, .entailedTerm?, nil:
                continue
            }
        }
        flush()
        // An entry with nothing in it is still handed on, to be quarantined with its line.
        if terms.entries.count == before { terms.entries.append(current) }
    }

    static func status(_ value: String) -> RawTerm.Status? {
        let text = value.lowercased()
        if text.contains("deprecat") || text.contains("supersed") || text.contains("obsolete") { return .deprecated }
        if text.contains("preferred") { return .preferred }
        if text.contains("admitted") || text.contains("legal") || text.contains("regulated") { return .admitted }
        return nil
    }

    /// Whitespace runs (line breaks of the source) as one space, ends trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
