import LandscapeModel
import XMLStream

/// Reads NISO STS / ISO STS metadata (`niso-sts`): `iso-meta`, `std-meta`, `reg-meta`
/// and `nat-meta` blocks of `<standard>` and `<adoption>` records under any wrapper.
///
/// A record is the outermost `standard` or `adoption` element (or a metadata block
/// standing on its own). Its layers are its metadata blocks, adopting layer first:
/// document order across `adoption` nesting, and national before regional before
/// international within one `front`. `<body>`, `<back>` and anything else outside
/// the metadata are skipped without being built, except the terms clause (`term-sec`) of a
/// record's `<body>` when ``terms`` is set (see `StsAdapter+Terms.swift`).
struct StsAdapter: CatalogAdapter {
    /// Receives the TBX entries of the records' terms clauses; nil: `<body>` is skipped whole.
    var terms: TermCollector?

    enum Name: String, CaseIterable {
        case standard, adoption, front, body, back
        case adoptionFront = "adoption-front"
        case isoMeta = "iso-meta", stdMeta = "std-meta", regMeta = "reg-meta", natMeta = "nat-meta"
        case titleWrap = "title-wrap", intro, main, compl, full
        case stdRef = "std-ref", docRef = "doc-ref", stdXref = "std-xref", stdIdent = "std-ident"
        case originator, docType = "doc-type", docNumber = "doc-number", partNumber = "part-number"
        case edition, version, supplType = "suppl-type", supplNumber = "suppl-number"
        case releaseVersion = "release-version", projId = "proj-id", wiNumber = "wi-number"
        case pubDate = "pub-date", releaseDate = "release-date", metaDate = "meta-date"
        case commRef = "comm-ref", secretariat, ics, abstract
        case kwd, customMeta = "custom-meta", metaName = "meta-name", metaValue = "meta-value"
        case permissions
        case sec, termSec = "term-sec"
    }

    func read(_ reader: XMLReader, emit: (RawRecord) -> Void, location: (Int) -> SourceLocation) {
        let names = reader.nameTable(Name.self)
        while reader.read() {
            guard reader.kind == .elementStart else { continue }
            switch reader.name(in: names) {
            case .standard?, .adoption?:
                let line = reader.line
                reader.markRecordStart()
                var layers: [RawLayer] = []
                readRecord(reader, names, into: &layers, line: line, location: location)
                emit(RawRecord(location: location(line), format: .nisoSts, layers: layers))
            case let name? where Self.layerKind(name) != nil:
                let line = reader.line
                reader.markRecordStart()
                let layer = readLayer(reader, names, kind: Self.layerKind(name)!)
                emit(RawRecord(location: location(line), format: .nisoSts, layers: [layer]))
            case .body?, .back?:
                reader.skipElement()
            default:
                continue // a wrapper: go inside
            }
        }
    }

    static func layerKind(_ name: Name) -> RawLayer.Kind? {
        switch name {
        case .isoMeta: .isoMeta
        case .stdMeta: .stdMeta
        case .regMeta: .regMeta
        case .natMeta: .natMeta
        default: nil
        }
    }

    /// Within one `front`, the adopting (national, then regional) layers come first;
    /// a `std-meta` block ranks by its profile.
    static func adoptionRank(_ layer: RawLayer) -> Int {
        switch layer.kind {
        case .natMeta: return 0
        case .regMeta: return 1
        case .stdMeta:
            switch layer.profile?.lowercased() {
            case let profile? where profile.hasSuffix(".nat") || profile.hasSuffix("nat-meta") || profile == "national": return 0
            case let profile? where profile.hasSuffix(".reg") || profile.hasSuffix("reg-meta") || profile == "regional": return 1
            default: return 2
            }
        default: return 2
        }
    }

    /// Reads a `standard` or `adoption` element, leaving the reader on its end.
    private func readRecord(_ reader: XMLReader, _ names: XMLNameTable<Name>, into layers: inout [RawLayer], line recordLine: Int,
                            location: (Int) -> SourceLocation) {
        guard !reader.isEmptyElement else { return }
        let depth = reader.depth
        var group: [RawLayer] = []
        var groupDepth = -1
        func flush() {
            layers += group.enumerated().sorted {
                (Self.adoptionRank($0.element), $0.offset) < (Self.adoptionRank($1.element), $1.offset)
            }.map(\.element)
            group.removeAll()
            groupDepth = -1
        }
        while reader.read() {
            switch reader.kind {
            case .elementEnd:
                if reader.depth == groupDepth { flush() }
                if reader.depth == depth { flush(); return }
            case .elementStart:
                let name = reader.name(in: names)
                switch name {
                case .front?, .adoptionFront?:
                    flush()
                    groupDepth = reader.depth
                    if reader.isEmptyElement { groupDepth = -1 }
                case .standard?, .adoption?:
                    continue
                case let name? where Self.layerKind(name) != nil:
                    group.append(readLayer(reader, names, kind: Self.layerKind(name)!))
                case .body? where terms != nil:
                    readTermsClauses(reader, names, record: location(recordLine), reference: Self.referenceText(layers + group), location: location)
                default:
                    // body, back, and anything else outside the metadata.
                    reader.skipElement()
                }
            default:
                continue
            }
        }
        flush()
    }

    /// Reads one metadata block, leaving the reader on its end.
    private func readLayer(_ reader: XMLReader, _ names: XMLNameTable<Name>, kind: RawLayer.Kind) -> RawLayer {
        var layer = RawLayer(kind: kind, line: reader.line)
        if kind == .regMeta || kind == .natMeta {
            layer.originatorAttribute = reader.attribute("originator")
        }
        if kind == .stdMeta, let profile = reader.attribute("id") ?? reader.attribute("specific-use"), profile.lowercased().hasPrefix("profile") {
            layer.profile = profile
        }
        guard !reader.isEmptyElement else { return layer }
        let depth = reader.depth
        var abstractLanguage: String?
        var metaName: String?
        while reader.read() {
            if reader.kind == .elementEnd {
                if reader.depth == depth { break }
                continue
            }
            guard reader.kind == .elementStart, let name = reader.name(in: names) else { continue }
            switch name {
            case .titleWrap:
                layer.titles.append(RawTitle(language: reader.attribute("xml:lang") ?? reader.language ?? ""))
            case .intro: setTitlePart(&layer, \.intro, reader.collectText())
            case .main: setTitlePart(&layer, \.main, reader.collectText())
            case .compl: setTitlePart(&layer, \.complement, reader.collectText())
            case .full: setTitlePart(&layer, \.full, reader.collectText())
            case .stdRef:
                let type = reader.attribute("type") ?? ""
                let text = reader.collectText()
                if layer.references[type] == nil { layer.references[type] = text }
            case .docRef: layer.docRef = layer.docRef ?? reader.collectText()
            case .stdXref:
                if let relation = readRelation(reader, names) { layer.relations.append(relation) }
            case .originator: layer.originator = reader.collectText()
            case .docType: layer.docType = reader.collectText()
            case .docNumber: layer.docNumber = reader.collectText()
            case .partNumber: layer.partNumber = reader.collectText()
            case .edition: layer.edition = reader.collectText()
            case .version: layer.version = reader.collectText()
            case .supplType: layer.supplementType = reader.collectText()
            case .supplNumber: layer.supplementNumber = reader.collectText()
            case .releaseVersion: layer.releaseVersion = reader.collectText()
            case .projId: layer.projectId = reader.collectText()
            case .wiNumber: layer.workItem = reader.collectText()
            case .pubDate: layer.pubDate = reader.collectText()
            case .releaseDate: layer.releaseDate = reader.collectText()
            case .metaDate:
                let type = reader.attribute("type") ?? ""
                layer.metaDates[type] = reader.collectText()
            case .commRef: layer.committees.append(reader.collectText())
            case .secretariat: layer.secretariats.append(reader.collectText())
            case .ics: layer.ics.append(reader.collectText())
            case .abstract:
                // Keep the English abstract (or the first one when none is English).
                let language = reader.attribute("xml:lang") ?? reader.language
                let text = reader.collectText(separatingChildren: true)
                if layer.abstract == nil || (abstractLanguage != "en" && language == "en") {
                    layer.abstract = text
                    abstractLanguage = language
                }
            case .kwd: layer.keywords.append(reader.collectText())
            case .customMeta: metaName = nil
            case .metaName: metaName = reader.collectText()
            case .metaValue:
                let value = reader.collectText()
                switch metaName?.lowercased() {
                case "stage"?: layer.stageCode = value
                case "status"?: layer.stageCode = layer.stageCode ?? value
                default: break
                }
            case .permissions, .body, .back:
                reader.skipElement()
            default:
                continue
            }
        }
        return layer
    }

    private func setTitlePart(_ layer: inout RawLayer, _ part: WritableKeyPath<RawTitle, String?>, _ text: String) {
        if layer.titles.isEmpty { layer.titles.append(RawTitle(language: "")) }
        layer.titles[layer.titles.count - 1][keyPath: part] = text
    }

    /// Reads a `std-xref`: its `@type` and the first `std-ref` (or `doc-ref`) inside.
    private func readRelation(_ reader: XMLReader, _ names: XMLNameTable<Name>) -> RawRelation? {
        let type = reader.attribute("type") ?? ""
        guard !reader.isEmptyElement else { return nil }
        let depth = reader.depth
        var reference: String?
        var fallback: String?
        while reader.read() {
            if reader.kind == .elementEnd, reader.depth == depth { break }
            guard reader.kind == .elementStart else { continue }
            switch reader.name(in: names) {
            case .stdRef?: reference = reference ?? reader.collectText()
            case .docRef?: fallback = fallback ?? reader.collectText()
            default: continue
            }
        }
        guard let text = reference ?? fallback else { return nil }
        return RawRelation(type: type, reference: text)
    }
}
