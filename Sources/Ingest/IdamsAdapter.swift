import LandscapeModel
import XMLStream

/// Reads IEEE IDAMS Exchange records (`ieee-idams`): one `<publication>` per file
/// under the IDAMS DOCTYPE (whose DTD is never loaded), or many under any wrapper.
///
/// Each publication becomes a record with a single ``RawLayer`` of kind
/// `publication`; the IDAMS-only fields go to ``IdamsFields``.
struct IdamsAdapter: CatalogAdapter {
    enum Name: String, CaseIterable {
        case publication, title, normtitle, standardsfamilytitle
        case stdnumber, publicationtype, standardSubtype = "standard_subtype", pubstatus
        case standardStatus = "standard_status", standardModifier = "standard_modifier"
        case standardRelationship = "standard_relationship", codeTerm = "code_term"
        case pubsponsoringcommittee, publishername, holdstatus
        case pubApprovalDate = "PubApprovalDate", amsid
        case article, abstract, articlestdscope, articlestdpurpose
        case date, year, month, day, keywordterm
    }

    func read(_ reader: XMLReader, emit: (RawRecord) -> Void, location: (Int) -> SourceLocation) {
        let names = reader.nameTable(Name.self)
        while reader.read() {
            guard reader.kind == .elementStart, reader.name(in: names) == .publication else { continue }
            let line = reader.line
            reader.markRecordStart()
            let layer = readPublication(reader, names, line: line)
            emit(RawRecord(location: location(line), format: .ieeeIdams, layers: [layer]))
        }
    }

    /// Reads one `publication`, leaving the reader on its end.
    private func readPublication(_ reader: XMLReader, _ names: XMLNameTable<Name>, line: Int) -> RawLayer {
        var layer = RawLayer(kind: .idamsPublication, line: line)
        var fields = IdamsFields()
        func finished() -> RawLayer {
            if let family = fields.familyTitle ?? fields.articleTitle {
                layer.titles = [RawTitle(language: "en", full: family)]
            }
            layer.ieee = fields
            return layer
        }
        guard !reader.isEmptyElement else { return finished() }
        let depth = reader.depth
        var articleDepth = Int.max
        while reader.read() {
            if reader.kind == .elementEnd {
                if reader.depth == depth { break }
                if reader.depth == articleDepth { articleDepth = .max }
                continue
            }
            guard reader.kind == .elementStart, let name = reader.name(in: names) else { continue }
            switch name {
            case .title:
                let text = reader.collectText()
                if reader.depth > articleDepth {
                    fields.articleTitle = fields.articleTitle ?? text
                } else if reader.depth == depth + 1 {
                    fields.title = text
                }
            case .article: articleDepth = reader.depth
            case .normtitle: fields.normTitle = reader.collectText()
            case .standardsfamilytitle: fields.familyTitle = reader.collectText()
            case .stdnumber: fields.stdNumber = reader.collectText()
            case .publicationtype: fields.publicationType = reader.collectText()
            case .standardSubtype: fields.subtype = reader.collectText()
            case .pubstatus: fields.pubStatus = reader.collectText()
            case .standardStatus: fields.standardStatus = reader.collectText()
            case .standardModifier: fields.modifiers.append(reader.collectText())
            case .standardRelationship:
                let type = reader.attribute("type") ?? ""
                layer.relations.append(RawRelation(type: type, reference: reader.collectText()))
            case .codeTerm:
                if let code = reader.attribute("codenum") { layer.ics.append(code) }
            case .pubsponsoringcommittee: layer.committees.append(reader.collectText())
            case .publishername: fields.publisher = reader.collectText()
            case .holdstatus: fields.holdStatus = reader.collectText()
            case .pubApprovalDate: fields.approvalDate = reader.collectText()
            case .amsid: continue
            case .abstract:
                let text = reader.collectText(separatingChildren: true)
                if layer.abstract == nil { layer.abstract = text }
            case .articlestdscope: fields.scope = reader.collectText(separatingChildren: true)
            case .articlestdpurpose: fields.purpose = reader.collectText(separatingChildren: true)
            case .date:
                if let date = readDate(reader, names) { fields.dates.append(date) }
            case .keywordterm: layer.keywords.append(reader.collectText())
            case .publication, .year, .month, .day:
                continue
            }
        }
        return finished()
    }

    /// Reads `date/@datetype` with its `year`, `month` and `day`.
    private func readDate(_ reader: XMLReader, _ names: XMLNameTable<Name>) -> RawDate? {
        let type = reader.attribute("datetype") ?? ""
        guard !reader.isEmptyElement else { return nil }
        let depth = reader.depth
        var year: String?, month: String?, day: String?
        while reader.read() {
            if reader.kind == .elementEnd, reader.depth == depth { break }
            guard reader.kind == .elementStart else { continue }
            switch reader.name(in: names) {
            case .year?: year = reader.collectText()
            case .month?: month = reader.collectText()
            case .day?: day = reader.collectText()
            default: continue
            }
        }
        guard let year else { return nil }
        return RawDate(type: type, year: year, month: month, day: day)
    }
}
