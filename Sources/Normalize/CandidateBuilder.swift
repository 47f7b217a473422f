import LandscapeModel

/// Reads one raw record into a ``Candidate``: the per-record half of normalization.
enum CandidateBuilder {
    /// Reads a record into one candidate per standard it states.
    ///
    /// A plain record states one standard. An adoption states one per layer: a national
    /// body's document `DIN EN ISO 13849-1:2008-12` wraps the European `EN ISO 13849-1:2008`,
    /// which wraps `ISO 13849-1:2006`; each layer becomes its own standard with its own
    /// committee, stage and dates, and `adopted_from` names the next layer in (DIN → EN →
    /// ISO). An inner layer with no usable reference, or one that states the standard of the
    /// layer before it again, adds nothing. Only the outermost layer can reject the record.
    ///
    /// `order` is the first candidate's; the others take the following numbers.
    /// - Parameter keepsProvenance: whether to write down where each field came from
    ///   (``Standard/provenance``, for `explain`); a run that never shows it saves the memory.
    static func read(_ record: RawRecord, order: Int, committees cache: inout CommitteeCache, keepsProvenance: Bool = true) -> [RecordOutcome] {
        let first = readLayer(record, order: order, committees: &cache, keepsProvenance: keepsProvenance)
        guard record.layers.count > 1, case .standard(let outer) = first else { return [first] }
        var outcomes = [first]
        var previousKey = outer.mergeKey
        for start in record.layers.indices.dropFirst() {
            guard referenceText(of: record.layers[start]) != nil else { continue }
            var inner = record
            inner.layers = Array(record.layers[start...])
            guard case .standard(let candidate) = readLayer(inner, order: order + outcomes.count, committees: &cache, keepsProvenance: keepsProvenance),
                  candidate.mergeKey != previousKey else { continue }
            previousKey = candidate.mergeKey
            outcomes.append(.standard(candidate))
        }
        return outcomes
    }

    /// The standard that the record's first layer states (the layers after it are what it adopts).
    private static func readLayer(_ record: RawRecord, order: Int, committees cache: inout CommitteeCache, keepsProvenance: Bool) -> RecordOutcome {
        guard let layer = record.layers.first else {
            return .rejected(QuarantineEntry(location: record.location, reason: "no usable reference: the record has no metadata block", scope: .record))
        }
        let file = record.location
        // Built once per layer: provenance strings name the block and where it starts.
        var places: [String] = []
        places.reserveCapacity(record.layers.count)
        if keepsProvenance {
            for layer in record.layers { places.append(layer.kind.rawValue + " at " + file.file + ":" + String(layer.line)) }
        }
        func at(_ layer: RawLayer) -> String {
            for (index, candidate) in record.layers.enumerated() where candidate.line == layer.line && candidate.kind == layer.kind {
                return places[index]
            }
            return places[0]
        }
        var provenance = Provenance(file: file.file)
        func note(_ key: String, _ value: @autoclosure () -> String) {
            if keepsProvenance { provenance[key] = value() }
        }

        // Reference.
        guard let (rawReference, referenceBasis) = referenceText(of: layer) else {
            return .rejected(QuarantineEntry(location: record.location, reason: "no usable reference: no std-ref, doc-ref, doc-number or normtitle", scope: .record))
        }
        let parsed = layer.ieee != nil ? Reference.parseIEEE(rawReference) : Reference.parse(rawReference)
        let id = parsed?.id ?? TextCleaner.collapse(rawReference)
        guard !id.isEmpty else {
            return .rejected(QuarantineEntry(location: record.location, reason: "no usable reference: the reference is empty", scope: .record))
        }
        note("id", "\(referenceBasis) \"\(rawReference)\" (\(at(layer)))" + (parsed == nil ? "; not a reference the parser knows, kept as written" : "")
             + (parsed?.aliases.isEmpty == false ? "; dual-numbered, also \(parsed!.aliases.joined(separator: ", "))" : "")
             + (parsed?.isRedline == true ? "; a redline of this standard" : ""))
        // Other references of the same standard: a dual number, a redline as written.
        var aliases = parsed?.aliases ?? []
        if parsed?.isRedline == true { aliases.append(TextCleaner.collapse(rawReference)) }

        // Organisation.
        var sdo = parsed?.sdo ?? ""
        let originator = (layer.originatorAttribute ?? layer.originator).map(TextCleaner.collapse) ?? ""
        if sdo == "CEN/CLC" || sdo.isEmpty, let european = europeanBody(originator) {
            sdo = european
        }
        if sdo.isEmpty {
            sdo = layer.kind == .idamsPublication ? (layer.ieee?.publisher.map(TextCleaner.collapse) ?? "IEEE") : originator
        }

        // Deliverable type.
        var type = parsed?.deliverableType ?? .other
        if parsed == nil || type == .standard {
            if let refined = deliverableType(of: layer) { type = refined } else if parsed == nil { type = .other }
        }

        // Stage.
        let reading = stage(of: layer, reference: parsed)
        note("stage", "\(reading.basis) \"\(reading.code)\" (\(at(layer)))")

        // Title and other titles: the adopting layer's, else the adopted one's.
        var title = ""
        var otherTitles: [String: String] = [:]
        for candidate in record.layers where title.isEmpty {
            let (english, others) = titles(of: candidate)
            if let english {
                title = english
                note("title", "title (\(at(candidate)))")
            }
            if otherTitles.isEmpty { otherTitles = others }
        }
        if title.isEmpty, let (language, text) = otherTitles.min(by: { $0.key < $1.key }) {
            title = text
            otherTitles[language] = nil
            note("title", "title in \(language.isEmpty ? "an unstated language" : language), no English one (\(at(layer)))")
        }

        // Abstract.
        var abstract = ""
        for candidate in record.layers where abstract.isEmpty {
            if let text = candidate.abstract ?? candidate.ieee?.scope {
                abstract = TextCleaner.paragraphs(text)
                if !abstract.isEmpty { note("abstract", "abstract (\(at(candidate)))") }
            }
        }

        // Committees.
        var committees: [String] = []
        for text in layer.committees {
            let name = cache.normalize(text)
            if !name.isEmpty, !committees.contains(name) { committees.append(name) }
        }
        if let first = layer.committees.first {
            note("committee", "\(layer.kind == .idamsPublication ? "pubsponsoringcommittee" : "comm-ref") \"\(TextCleaner.collapse(first))\" (\(at(layer)))")
        }

        // Keywords, ICS.
        var keywords: [String] = []
        var seenKeywords = Set<String>()
        for candidate in record.layers {
            for keyword in candidate.keywords {
                let text = TextCleaner.line(keyword)
                if !text.isEmpty, seenKeywords.insert(Reference.key(of: text)).inserted { keywords.append(text) }
            }
        }
        var ics: [String] = []
        for code in layer.ics {
            let text = TextCleaner.collapse(code)
            if !text.isEmpty, !ics.contains(text) { ics.append(text) }
        }

        // Publication date.
        var published = ""
        if let (date, basis) = publicationDate(of: layer) {
            published = date
            note("published", "\(basis) (\(at(layer)))")
        } else if let year = parsed?.year, !(parsed?.isDraft ?? false) {
            published = parsed?.month.map { year + "-" + $0 } ?? year
            note("published", "\(parsed?.month == nil ? "year" : "year and month") of the reference \"\(rawReference)\"")
        }

        // Relations and adoption.
        var relations: [Relation] = []
        var adoptedFrom: String?
        for relation in layer.relations {
            let kind = relationKind(relation.type)
            // Editions that replace or are replaced are named by their canonical id (the
            // `replaced_by` column); other targets as written, whitespace collapsed.
            let target = kind == .supersededBy || kind == .replaces
                ? Reference.canonicalID(relation.reference) : Reference.canonicalText(relation.reference)
            guard !target.isEmpty else { continue }
            if kind == .adopts, adoptedFrom == nil {
                adoptedFrom = target
                note("adopted_from", "standard_relationship type \(relation.type) \"\(relation.reference)\" (\(at(layer)))")
            }
            let value = Relation(kind: kind, target: target)
            if !relations.contains(value) { relations.append(value) }
        }
        if let notes = parsed?.notes {
            for note in notes {
                // IEEE: "(Revision of IEEE Std 802.11-2016)".
                let inner = note.dropFirst().dropLast()
                for (prefix, kind) in [("Revision of ", Relation.Kind.revises), ("Amendment to ", .amends), ("Corrigendum to ", .corrects)] where inner.hasPrefix(prefix) {
                    let target = String(inner.dropFirst(prefix.count))
                    let value = Relation(kind: kind, target: Reference.canonicalText(target))
                    if !relations.contains(value) { relations.append(value) }
                }
            }
        }
        // The adopted standard: the next layer in that states another standard.
        let ownKey = Reference.key(of: id)
        for inner in record.layers.dropFirst() {
            guard let (adoptedText, basis) = referenceText(of: inner) else { continue }
            let target = Reference.canonicalID(adoptedText)
            guard !target.isEmpty, Reference.key(of: target) != ownKey else { continue }
            adoptedFrom = target
            note("adopted_from", "adoption nesting: \(basis) \"\(adoptedText)\" (\(at(inner)))")
            let value = Relation(kind: .adopts, target: target)
            if !relations.contains(value) { relations.insert(value, at: 0) }
            break
        }

        var standard = Standard(
            id: id,
            undatedId: parsed?.undatedId ?? id,
            sdo: sdo,
            sources: cache.sources(record.location.source),
            deliverableType: type,
            stage: reading.stage,
            stageCode: reading.code,
            status: reading.status,
            committees: committees,
            title: title,
            otherTitles: otherTitles,
            abstract: abstract,
            keywords: keywords,
            published: published,
            ics: ics,
            adoptedFrom: adoptedFrom,
            relations: relations,
            origins: [record.location],
            provenance: provenance
        )
        standard.aliases = aliases
        let key = parsed != nil
            ? Reference.key(of: id)
            : "\u{1}" + Reference.key(of: id) + "\u{1}" + Reference.key(of: title)
        return .standard(Candidate(standard: standard, mergeKey: key, order: order, stageRank: StageRank(stage: reading.stage, detail: reading.detail),
                                   aliasKeys: parsed?.aliases.map { Reference.key(of: $0) } ?? []))
    }

    /// The layer's reference and the element it came from. `std-ref type="dated"` is
    /// preferred: `doc-number` can be wrong (`DIR`, `Guide`).
    static func referenceText(of layer: RawLayer) -> (String, String)? {
        func usable(_ text: String?) -> String? {
            guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
            return text
        }
        if let ieee = layer.ieee {
            if let text = usable(ieee.normTitle) { return (text, "normtitle") }
            if let text = usable(ieee.title) { return (text, "title") }
            if let text = usable(ieee.stdNumber) { return (text, "stdnumber") }
            return nil
        }
        for (type, label) in [("dated", "std-ref[@type=dated]"), ("", "std-ref"), ("short", "std-ref[@type=short]"), ("undated", "std-ref[@type=undated]")] {
            if let text = usable(layer.references[type]) { return (text, label) }
        }
        for (type, text) in layer.references.sorted(by: { $0.key < $1.key }) {
            if let text = usable(text) { return (text, "std-ref[@type=\(type)]") }
        }
        if let text = usable(layer.docRef) { return (text, "doc-ref") }
        if let number = usable(layer.docNumber) {
            // Last resort: assemble originator, doc-number, part and year.
            var text = TextCleaner.collapse(layer.originator ?? layer.originatorAttribute ?? "")
            text += (text.isEmpty ? "" : " ") + TextCleaner.collapse(number)
            if let part = usable(layer.partNumber) { text += "-" + TextCleaner.collapse(part) }
            if let date = usable(layer.pubDate ?? layer.releaseDate), date.count >= 4 { text += ":" + date.prefix(4) }
            return (text, "std-ident (originator, doc-number, part-number, date)")
        }
        return nil
    }

    static func europeanBody(_ originator: String) -> String? {
        switch originator.uppercased().replacingOccurrencesOfSpaces() {
        case "CEN": "CEN"
        case "CENELEC", "CLC": "CENELEC"
        case "CEN/CLC", "CEN/CENELEC", "CENCLC", "CEN-CENELEC", "CEN/CENELEC/ETSI": "CEN/CLC"
        case "ETSI": "ETSI"
        default: nil
        }
    }

    static func deliverableType(of layer: RawLayer) -> DeliverableType? {
        if let ieee = layer.ieee {
            let title = (ieee.familyTitle ?? ieee.articleTitle ?? "").lowercased()
            let subtype = (ieee.subtype ?? "").lowercased()
            let text = subtype + " " + title
            if text.containsASCII("corrigend") { return .corrigendum }
            if text.containsASCII("amendment") { return .amendment }
            if text.containsASCII("recommended practice") { return .recommendedPractice }
            if text.containsASCII("guide for") || text.containsASCII("ieee guide") || subtype.containsASCII("guide") { return .guide }
            if text.containsASCII("technical report") || text.containsASCII("white paper") || text.containsASCII("industry connections") { return .technicalReport }
            return nil
        }
        // A supplement the reference does not show (ISO Open Data's `supplementType`).
        switch layer.supplementType.map(TextCleaner.collapse)?.uppercased() {
        case "AMD"?, "AMENDMENT"?: return .amendment
        case "COR"?, "CORRIGENDUM"?: return .corrigendum
        case "SUPPL"?, "SUPPLEMENT"?: return .other
        default: break
        }
        guard let docType = layer.docType.map(TextCleaner.collapse)?.uppercased() else { return nil }
        switch docType {
        case "TS", "DTS": return .technicalSpecification
        case "TR", "DTR": return .technicalReport
        case "PAS": return .publiclyAvailableSpecification
        case "GUIDE": return .guide
        case "IS", "ST", "EN", "STANDARD": return nil
        case "AMD", "AMENDMENT": return .amendment
        case "COR", "CORRIGENDUM": return .corrigendum
        case "": return nil
        default: return .other
        }
    }

    static func stage(of layer: RawLayer, reference: Reference?) -> StageReading {
        if let ieee = layer.ieee {
            let draft = (reference?.isDraft ?? false) || ieee.publicationType?.lowercased().containsASCII("draft") == true
            return StageMapping.ieee(status: ieee.standardStatus, modifiers: ieee.modifiers, isDraft: draft)
        }
        if let code = layer.stageCode {
            if var reading = StageMapping.harmonized(code) ?? StageMapping.statusText(code) {
                reading.basis = (layer.kind == .openDataDeliverable ? "currentStage, " : "custom-meta stage, ") + reading.basis
                return reading
            }
        }
        if let version = layer.releaseVersion, let reading = StageMapping.releaseVersion(version) {
            return reading
        }
        if let withdrawal = layer.metaDates.first(where: { $0.key.lowercased().containsASCII("withdraw") }), !withdrawal.value.isEmpty {
            return StageReading(stage: .withdrawn, status: .withdrawn, code: "withdrawn \(withdrawal.value)", basis: "meta-date \(withdrawal.key)")
        }
        if let implied = reference?.impliedStage {
            return StageReading(stage: implied, status: implied.isDraft ? .draft : .active, code: reference?.draftMark ?? "", basis: "draft mark in the reference")
        }
        return StageReading(stage: .published, status: .active, code: "", basis: "no stage stated; a dated reference is taken as published")
    }

    /// English (or unstated-language) title, and the others by language.
    static func titles(of layer: RawLayer) -> (String?, [String: String]) {
        var english: String?
        var others: [String: String] = [:]
        for title in layer.titles {
            let text = TextCleaner.line(title.text)
            guard !text.isEmpty else { continue }
            let language = title.language.lowercased()
            if english == nil, language.isEmpty || language.hasPrefix("en") {
                english = text
            } else if others[language] == nil {
                others[language] = text
            }
        }
        return (english, others)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// ISO 8601 (possibly partial) publication date and where it came from.
    static func publicationDate(of layer: RawLayer) -> (String, String)? {
        if let ieee = layer.ieee {
            for type in ["ePub", "OriginalPub", "Created"] {
                if let date = ieee.dates.first(where: { $0.type == type }), let text = isoDate(year: date.year, month: date.month, day: date.day) {
                    return (text, "date[@datetype=\(type)]")
                }
            }
            return nil
        }
        for (value, label) in [(layer.pubDate, "pub-date"), (layer.releaseDate, "release-date")] {
            if let value, let date = isoDate(value) { return (date, label) }
        }
        return nil
    }

    static func isoDate(year: String, month: String?, day: String?) -> String? {
        let y = TextCleaner.collapse(year)
        guard y.count == 4, y.allSatisfy(\.isNumber) else { return nil }
        guard let monthText = month.map(TextCleaner.collapse), !monthText.isEmpty else { return y }
        var m: Int?
        if let value = Int(monthText) { m = value } else {
            let lower = monthText.lowercased()
            if let index = months.firstIndex(where: { $0.hasPrefix(lower.prefix(3)) && lower.count >= 3 }) { m = index + 1 }
        }
        guard let m, (1...12).contains(m) else { return y }
        let mm = m < 10 ? "0\(m)" : "\(m)"
        guard let dayText = day.map(TextCleaner.collapse), let d = Int(dayText), (1...31).contains(d) else { return "\(y)-\(mm)" }
        return "\(y)-\(mm)-\(d < 10 ? "0\(d)" : "\(d)")"
    }

    /// `2023-12-18`, `2023-12`, `2023` (a time part is dropped); nil for anything else.
    static func isoDate(_ text: String) -> String? {
        if let date = plainISODate(text) { return date }
        let value = TextCleaner.collapse(text).prefix(10)
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = parts.first, year.count == 4, year.allSatisfy(\.isNumber) else { return nil }
        return isoDate(year: String(year), month: parts.count > 1 ? String(parts[1]) : nil, day: parts.count > 2 ? String(parts[2]) : nil)
    }

    /// The common case on bytes: the text is exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in
    /// ASCII digits with a valid month and day, and is its own answer. Anything else is
    /// nil and goes the general way.
    private static func plainISODate(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let count = bytes.count
            guard count == 4 || count == 7 || count == 10 else { return nil }
            @inline(__always) func digit(_ index: Int) -> Int? {
                let byte = bytes[index]
                return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
            }
            guard digit(0) != nil, digit(1) != nil, digit(2) != nil, digit(3) != nil else { return nil }
            if count >= 7 {
                guard bytes[4] == UInt8(ascii: "-"), let m1 = digit(5), let m2 = digit(6), (1...12).contains(m1 * 10 + m2) else { return nil }
            }
            if count == 10 {
                guard bytes[7] == UInt8(ascii: "-"), let d1 = digit(8), let d2 = digit(9), (1...31).contains(d1 * 10 + d2) else { return nil }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func relationKind(_ type: String) -> Relation.Kind {
        switch TextCleaner.collapse(type).lowercased() {
        case "revises", "v": .revises
        case "amends", "t": .amends
        case "corrects", "c": .corrects
        case "supersedes": .supersedes
        case "replaces": .replaces
        case "superseded-by", "obsoleted-by", "replaced-by", "s": .supersededBy
        case "adopts", "adopted-from", "o", "j": .adopts
        default: .other
        }
    }
}

/// Values that repeat across thousands of records, made once per batch and shared:
/// committee names (each spelling normalized once) and the one-source list.
struct CommitteeCache {
    private var names: [String: String] = [:]
    private var sourceList: [String] = []

    /// `[source]`, one shared array for the whole batch.
    mutating func sources(_ source: String) -> [String] {
        if sourceList.first != source { sourceList = [source] }
        return sourceList
    }

    mutating func normalize(_ text: String) -> String {
        if let known = names[text] { return known }
        let name = CommitteeName.normalize(text)
        if names.count < 100_000 { names[text] = name }
        return name
    }
}

extension String {
    func replacingOccurrencesOfSpaces() -> String { String(filter { $0 != " " }) }
}

extension Reference {
    /// The comparison key behind ``matchKey(_:)`` (see ``ReferenceKey``).
    static func key(of id: String) -> String { ReferenceKey.of(id) }
}
