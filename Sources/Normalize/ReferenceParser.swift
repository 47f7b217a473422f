import LandscapeModel

/// The hand-written parser behind ``Reference/parse(_:)``: a few passes over tokens,
/// no regular expressions (it runs once per record on a million-record catalog).
struct ReferenceParser {
    private let text: String
    /// Whether `-YYYY` after the number is a year whatever the prefix (IEEE catalogs).
    private let alwaysHyphenYears: Bool

    init(_ text: String, hyphenYears: Bool = false) {
        self.text = text
        self.alwaysHyphenYears = hyphenYears
    }

    // MARK: Vocabulary

    /// Organisations that appear in reference prefixes.
    static let organisations: Set<String> = [
        "ISO", "IEC", "IEEE", "AIEE", "ANSI", "ASA", "USAS", "NACE", "ASTM", "CIE", "SAE", "ASME",
        "OECD", "CEN", "CENELEC", "CLC", "ETSI", "CISPR", "ITU", "IWA", "JTC1", "ASHRAE", "UL", "NFPA",
    ]
    /// National standards bodies by the prefix of their references, with the body's acronym
    /// (the `sdo` of a national adoption, as ISO's member list spells it).
    static let nationalBodies: [String: String] = [
        "DIN": "DIN", "BS": "BSI", "NF": "AFNOR", "UNE": "UNE", "UNI": "UNI", "ÖNORM": "ASI", "OENORM": "ASI",
        "ONORM": "ASI", "SN": "SNV", "NEN": "NEN", "NBN": "NBN", "DS": "DS", "SS": "SIS", "SFS": "SFS", "NS": "SN",
        "ČSN": "UNMZ", "CSN": "UNMZ", "STN": "UNMS SR", "PN": "PKN", "SIST": "SIST", "MSZ": "MSZT", "ELOT": "NQIS ELOT",
        "EVS": "EVS", "LST": "LST", "LVS": "LVS", "ILNAS": "ILNAS", "IS": "NSAI", "I.S.": "NSAI", "NP": "IPQ",
        "SR": "ASRO", "BDS": "BDS", "HRN": "HZN", "CYS": "CYS", "MSA": "SMA", "JIS": "JISC", "GB": "SAC", "KS": "KATS",
        "AS": "SA", "AS/NZS": "SA/SNZ", "CSA": "CSA", "ABNT": "ABNT", "GOST": "RST", "SANS": "SABS", "TS": "TSE",
    ]
    /// Prefixes that are national bodies only when another organisation follows them
    /// (`IS`, `NP`, `TS` and `SR` are deliverable or draft words on their own).
    static let ambiguousNationalPrefixes: Set<String> = ["IS", "NP", "TS", "SR"]

    /// European Norm prefixes: published by CEN and CENELEC.
    static let europeanNorms: Set<String> = ["EN", "PREN", "FPREN", "HD", "PRHD", "ES", "ENV", "CWA"]

    /// Type and draft words of prefixes, upper-cased, with what they say.
    static let prefixWords: [String: (type: DeliverableType?, stage: Stage?)] = [
        "TS": (.technicalSpecification, nil), "TR": (.technicalReport, nil),
        "PAS": (.publiclyAvailableSpecification, nil), "GUIDE": (.guide, nil),
        "IS": (.standard, nil), "ISP": (.other, nil), "R": (.other, nil), "DIR": (.other, nil),
        "TTA": (.other, nil), "SRD": (.other, nil), "CA": (.other, nil), "ISH": (.other, nil), "STD": (nil, nil), "SUP": (nil, nil), "SPEC": (nil, nil),
        "NP": (nil, .proposal), "PWI": (nil, .proposal), "AWI": (nil, .proposal), "NWIP": (nil, .proposal),
        "WD": (nil, .preparatory), "CD": (nil, .committee), "PDTS": (.technicalSpecification, .committee),
        "PDTR": (.technicalReport, .committee), "DIS": (nil, .enquiry), "DTS": (.technicalSpecification, .enquiry),
        "DTR": (.technicalReport, .enquiry), "DPAS": (.publiclyAvailableSpecification, .enquiry),
        "DGUIDE": (.guide, .enquiry), "DISP": (.other, .enquiry), "FDIS": (nil, .approval),
        "FDTS": (.technicalSpecification, .approval), "FDTR": (.technicalReport, .approval),
        "PRF": (nil, .approval), "UNAPPROVED": (nil, .approval), "APPROVED": (nil, nil),
        "DRAFT": (nil, .committee), "PRCEN": (nil, .enquiry), "FPRCEN": (nil, .approval),
    ]
    static let draftWords: Set<String> = [
        "NP", "PWI", "AWI", "NWIP", "WD", "CD", "PDTS", "PDTR", "DIS", "DTS", "DTR", "DPAS", "DGUIDE",
        "DISP", "FDIS", "FDTS", "FDTR", "PRF", "UNAPPROVED", "DRAFT", "PREN", "FPREN", "PRHD", "PRCEN", "FPRCEN",
    ]
    /// Organisations whose references write the year after a hyphen (`IEEE Std 7001-2021`).
    static let hyphenYearOrganisations: Set<String> = ["IEEE", "AIEE", "ANSI", "ASA", "USAS", "NACE"]

    // MARK: Parsing

    func parse() -> Reference? {
        var text = TextCleaner.collapse(self.text)
        var notes: [String] = []
        // IDAMS writes a redline as `IEEE Std 463-2013 (Revision of …) - Redline`: the same
        // standard as its clean edition.
        var redline = false
        for suffix in [" - Redline", " -Redline", " Redline"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            text = text.trimmingCharacters()
            redline = true
            break
        }
        Self.stripNotes(&text, into: &notes)
        guard !text.isEmpty else { return nil }
        // `ISO/IEC/IEEE 24748-4 First edition 2016-05-15`: the edition's year is the date.
        if let (dated, statement) = Self.replacingEditionStatement(text) {
            text = dated
            notes.append(statement)
        }
        // `ISO/IEC 14515-1:2000 IEEE Std 2003.1-2000`: one standard, two numbers.
        if let (primary, secondary) = Self.dualNumber(text),
           var first = ReferenceParser(primary, hyphenYears: alwaysHyphenYears).parse(),
           let second = ReferenceParser(secondary, hyphenYears: alwaysHyphenYears).parse() {
            first.aliases = [second.id] + second.aliases
            first.notes = notes + first.notes
            first.isRedline = first.isRedline || redline
            return first
        }
        guard var reference = parseSingle(text, notes: notes) else { return nil }
        reference.isRedline = reference.isRedline || redline
        return reference
    }

    static let editionOrdinals: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
    ]

    /// `… 24748-4 First edition 2016-05-15` → (`… 24748-4:2016`, `First edition 2016-05-15`);
    /// the year joins with `:` unless only hyphen-year organisations (IEEE…) publish it.
    static func replacingEditionStatement(_ text: String) -> (String, String)? {
        let tokens = text.split(separator: " ")
        guard tokens.count >= 4 else { return nil }
        for index in tokens.indices.dropFirst(2) where tokens[index].lowercased() == "edition" {
            guard editionOrdinals.contains(tokens[index - 1].lowercased()), index + 1 < tokens.count else { continue }
            let date = tokens[index + 1]
            let year = date.prefix(4)
            guard isYear(year), date.count == 4 || date.dropFirst(4).first == "-" else { continue }
            let before = tokens[..<(index - 1)]
            guard let number = before.last, isNumberToken(number) || number.first?.isNumber == true,
                  !number.contains(":") else { return nil }
            let organisations = before.dropLast().flatMap { $0.split(separator: "/") }.map { $0.uppercased() }
            let hyphen = !organisations.isEmpty && organisations.allSatisfy { hyphenYearOrganisations.contains($0) || $0 == "STD" }
            let after = tokens[(index + 2)...]
            let dated = before.joined(separator: " ") + (hyphen ? "-" : ":") + year + (after.isEmpty ? "" : " " + after.joined(separator: " "))
            return (dated, tokens[(index - 1)...(index + 1)].joined(separator: " "))
        }
        return nil
    }

    /// A second reference after the first one's number: (first, second), or nil.
    static func dualNumber(_ text: String) -> (String, String)? {
        let tokens = text.split(separator: " ")
        guard let numberIndex = tokens.firstIndex(where: isNumberToken), numberIndex > 0 else { return nil }
        var index = numberIndex + 1
        while index + 1 < tokens.count {
            let parts = tokens[index].split(separator: "/")
            if !parts.isEmpty, parts.allSatisfy({ organisations.contains($0.uppercased()) }),
               tokens[(index + 1)...].contains(where: isNumberToken) {
                return (tokens[..<index].joined(separator: " "), tokens[index...].joined(separator: " "))
            }
            index += 1
        }
        return nil
    }

    private func parseSingle(_ text: String, notes: [String]) -> Reference? {
        let notes = notes

        let tokens = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let numberIndex = tokens.firstIndex(where: Self.isNumberToken), numberIndex > 0 else { return nil }

        // The prefix: organisations, type and draft words, separated by spaces or slashes.
        var organisations: [String] = []
        var european = false
        var type: DeliverableType?
        var stage: Stage?
        var draftMark: String?
        var hyphenYears = alwaysHyphenYears && !text.contains(":")
        var sawStd = false
        var nationalBody: String?
        let prefixParts = tokens[..<numberIndex].flatMap { $0.split(separator: "/", omittingEmptySubsequences: true) }
        for (position, part) in prefixParts.enumerated() {
            do {
                var word = part.uppercased()
                // A national body's prefix comes first and is followed by the reference it
                // adopts or by the number: `DIN EN ISO 13849-1:2008-12`, `BS 8611:2016`.
                if position == 0, let body = Self.nationalBodies[word],
                   !Self.ambiguousNationalPrefixes.contains(word) || prefixParts.count > 1 && Self.isOrganisationOrNorm(prefixParts[1]) {
                    nationalBody = body
                    continue
                }
                // Numbered ballots: DIS2, CD1.
                while let last = word.last, last.isNumber, word.count > 2 { word.removeLast() }
                if Self.organisations.contains(word) {
                    organisations.append(String(part))
                    if Self.hyphenYearOrganisations.contains(word) { hyphenYears = true }
                } else if Self.europeanNorms.contains(word) {
                    european = true
                    if word.hasPrefix("PR") || word.hasPrefix("FPR") {
                        draftMark = draftMark ?? String(part)
                        stage = stage ?? (word.hasPrefix("F") ? .approval : .enquiry)
                    }
                    if word == "ENV" || word == "CWA" { type = type ?? .other }
                } else if let meaning = Self.prefixWords[word] {
                    if word == "STD" { sawStd = true }
                    if let t = meaning.type, type == nil || type == .standard { type = t }
                    if let s = meaning.stage {
                        stage = stage.map { max($0, s) } ?? s
                    }
                    if Self.draftWords.contains(word) { draftMark = draftMark ?? String(part) }
                } else {
                    return nil // not a reference we know how to read
                }
            }
        }
        guard !organisations.isEmpty || european || nationalBody != nil else { return nil }
        if sawStd { hyphenYears = true }

        // The number and what follows it.
        // `text` is collapsed (single spaces, trimmed), so the tokens joined by spaces are slices of it.
        var rest = String(text[tokens[numberIndex].startIndex...])
        var isRedline = false
        if rest.hasSuffix(" Redline") {
            isRedline = true
            rest.removeLast(" Redline".count)
        }
        var numberPart = Substring(rest)
        var draftPart: Substring?
        // IEEE projects: P2751/D-3-2025-07, P2934/D1, May 2021.
        let firstNumber = tokens[numberIndex]
        let isProject = firstNumber.first == "P" && firstNumber.dropFirst().first.map { $0.isNumber || $0 == "C" || $0 == "N" } == true
        if let range = Self.draftPartRange(in: numberPart) {
            draftPart = numberPart[range].dropFirst()
            numberPart = numberPart[..<range.lowerBound]
        }
        if isProject {
            hyphenYears = true
            draftMark = draftMark ?? "P"
            stage = stage ?? .committee
        }
        if let draftPart { draftMark = String(draftPart) }

        // Segments: main number, then supplements after "/" or "+".
        let segments = Self.segments(numberPart)
        guard let main = segments.first else { return nil }
        var year: String?
        var undated = String(numberPart).trimmingCharacters()
        var deliverable = type ?? .standard

        // The deliverable's own year and the undated form. ISO, IEC and CEN cite their
        // references by year: a month that a national producer wrote after the year
        // (`ISO 13849-1:2006-11`) is not part of the id; a national body's own reference
        // keeps it (`DIN EN ISO 13849-1:2008-12`).
        let last = segments[segments.count - 1]
        var idText = text
        var month: String?
        if let (y, range, m) = Self.year(in: last.text, hyphen: hyphenYears) {
            year = y
            month = m
            undated = String(numberPart[..<range.lowerBound] + numberPart[range.upperBound...])
            if let m, nationalBody == nil {
                // `numberPart` and `range` are positions in `rest`, the text from the number on.
                let monthStart = rest.index(range.upperBound, offsetBy: -(m.count + 1))
                idText = String(text[..<tokens[numberIndex].startIndex]) + String(rest[..<monthStart])
                    + String(rest[range.upperBound...]) + (isRedline ? " Redline" : "")
            }
        }
        if let draftPart, year == nil, let y = Self.lastYear(in: draftPart) { year = y }

        // Supplements decide the type: an amendment of a standard is an amendment.
        for segment in segments.dropFirst() {
            guard let supplement = Self.supplement(segment.text) else { continue }
            deliverable = segment.separator == "+" ? (type ?? .standard) : supplement.type // "+AMD1 CSV": consolidated
            if let s = supplement.stage {
                draftMark = draftMark ?? String(segment.text)
                stage = stage.map { max($0, s) } ?? s
            }
        }
        // IEEE amendments carry lower-case letters after the number: 802.11ax, 1012a, 802.1AEdk.
        if hyphenYears, segments.count == 1, deliverable == .standard || deliverable == type ?? .standard {
            let number = main.text.prefix { $0 != "-" && $0 != " " && $0 != ":" }
            let letters = number.reversed().prefix { $0.isLowercase }
            if !letters.isEmpty, letters.count <= 3, number.count > letters.count {
                let before = number[number.index(number.endIndex, offsetBy: -letters.count - 1)]
                if before.isNumber || before.isUppercase { deliverable = .amendment }
            }
        }

        let prefix = text[..<tokens[numberIndex - 1].endIndex]
        var sdo = organisations.joined(separator: "/")
        if european { sdo = "CEN/CLC" }
        if let nationalBody { sdo = nationalBody }
        return Reference(
            id: idText,
            undatedId: String(prefix) + " " + undated.trimmingCharacters(),
            sdo: sdo,
            deliverableType: deliverable,
            year: year,
            draftMark: draftMark,
            impliedStage: stage,
            notes: notes,
            isRedline: isRedline,
            month: month,
            nationalBody: nationalBody
        )
    }

    /// What a supplement segment is: `Amd 1:2024`, `DAM 1`, `CD Amd 1`, `COR1:2011`,
    /// `DCOR 2`. The stage is set only for drafts.
    static func supplement(_ text: Substring) -> (type: DeliverableType, stage: Stage?)? {
        let words = text.split(separator: " ").map { String($0.prefix { $0.isLetter }).uppercased() }
        guard var head = words.first else { return nil }
        // "CD Amd 1", "WD Cor 2": a stage word before the supplement word.
        var ballot = ""
        if words.count > 1, supplementBallots[head] != nil {
            ballot = head
            head = words[1]
        }
        let type: DeliverableType
        var draftStage: Stage?
        switch head {
        case "AMD", "AM", "ADD": type = .amendment
        case "PDAM", "PDAMD": type = .amendment; draftStage = .committee
        case "DAM", "DAMD", "DAD", "PRAMD", "PRA": type = .amendment; draftStage = .enquiry
        case "FDAM", "FDAMD", "FPDAM": type = .amendment; draftStage = .approval
        case "COR", "CORR", "AC": type = .corrigendum
        case "DCOR", "PRAC": type = .corrigendum; draftStage = .enquiry
        case "FDCOR": type = .corrigendum; draftStage = .approval
        default: return nil
        }
        if let stage = supplementBallots[ballot] { draftStage = stage }
        return (type, draftStage)
    }

    static let supplementBallots: [String: Stage] = [
        "NP": .proposal, "PWI": .proposal, "AWI": .proposal, "WD": .preparatory, "CD": .committee,
        "DIS": .enquiry, "FDIS": .approval,
    ]

    /// Removes a trailing language mark (`(E)`) and IEEE notes in parentheses.
    static func stripNotes(_ text: inout String, into notes: inout [String]) {
        while text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let isLanguage = inner.count <= 2 && inner.allSatisfy(\.isLetter)
            let isNote = inner.first?.isLetter == true && inner.count > 2
            guard isLanguage || isNote, open > text.startIndex else { break }
            notes.append(String(text[open...]))
            text = String(text[..<open]).trimmingCharacters()
        }
    }

    static let numberPrefixes = ["PC", "PN", "P", "C", "N"]

    /// A number token: starts with a digit, or with an IEEE/ANSI letter prefix and a digit
    /// (`P2751`, `PC37.20`, `C37.06`, `N42.13`).
    static func isNumberToken(_ token: Substring) -> Bool {
        guard let first = token.first else { return false }
        if first.isNumber { return true }
        var rest = token[...]
        for prefix in numberPrefixes where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            return rest.first?.isNumber == true
        }
        return false
    }

    /// Where an IEEE draft part starts: `/D1`, `/D-3-2025-07`, `/Draft`, `/D-FDIS-2007`.
    static func draftPartRange(in text: Substring) -> Range<Substring.Index>? {
        var index = text.startIndex
        while let slash = text[index...].firstIndex(of: "/") {
            let after = text[text.index(after: slash)...]
            if after.hasPrefix("D"), let next = after.dropFirst().first, next.isNumber || next == "-" || after.hasPrefix("Draft") {
                return slash..<text.endIndex
            }
            index = text.index(after: slash)
        }
        return nil
    }

    struct Segment {
        /// `/` or `+` before the segment; nil for the first.
        var separator: Character?
        var text: Substring
    }

    /// Splits `10033-1:2011/DAM 1` into `10033-1:2011` and `DAM 1` (also at `+`).
    static func segments(_ text: Substring) -> [Segment] {
        var result: [Segment] = []
        var start = text.startIndex
        var separator: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "/" || c == "+" {
                result.append(Segment(separator: separator, text: text[start..<index]))
                separator = c
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        result.append(Segment(separator: separator, text: text[start..<text.endIndex]))
        return result.filter { !$0.text.isEmpty }
    }

    static func isOrganisationOrNorm(_ part: Substring) -> Bool {
        let word = part.uppercased()
        return organisations.contains(word) || europeanNorms.contains(word)
    }

    /// The year written as `:YYYY` (or `-YYYY` in hyphen-year references) that ends the
    /// segment, or is followed only by a trailing word (`CSV`), an IEEE month/day, or a
    /// month as national producers write it (`:2008-12`). Returns the year, the range to
    /// remove for the undated form, and that month when there is one.
    static func year(in segment: Substring, hyphen: Bool) -> (String, Range<Substring.Index>, String?)? {
        var index = segment.endIndex
        while index > segment.startIndex {
            index = segment.index(before: index)
            let c = segment[index]
            guard c == ":" || (hyphen && c == "-") else { continue }
            let digits = segment[segment.index(after: index)...].prefix { $0.isNumber }
            guard digits.count == 4, isYear(digits) else { continue }
            let after = segment[digits.endIndex...]
            if after.isEmpty || after.first == " " {
                return (String(digits), index..<digits.endIndex, nil)
            }
            if hyphen, after.allSatisfy({ $0.isNumber || $0 == "-" }) {
                return (String(digits), index..<after.endIndex, nil)
            }
            if c == ":", after.count >= 3, after.first == "-" {
                let monthDigits = after.dropFirst().prefix { $0.isNumber }
                let rest = after.dropFirst(1 + monthDigits.count)
                if monthDigits.count == 2, let value = Int(monthDigits), (1...12).contains(value), rest.isEmpty || rest.first == " " {
                    return (String(digits), index..<monthDigits.endIndex, String(monthDigits))
                }
            }
        }
        return nil
    }

    static func isYear(_ digits: Substring) -> Bool {
        guard digits.count == 4, let value = Int(digits) else { return false }
        return value >= 1880 && value <= 2099
    }

    /// The last plausible year in an IEEE draft part (`D-3-2025-07` → 2025; `D1, May 2021` → 2021).
    static func lastYear(in text: Substring) -> String? {
        var found: String?
        var run = Substring()
        var index = text.startIndex
        func flush() {
            if run.count == 4, isYear(run) { found = String(run) }
        }
        var runStart = text.startIndex
        while index < text.endIndex {
            if text[index].isNumber {
                if run.isEmpty { runStart = index }
                run = text[runStart...index]
            } else {
                flush()
                run = Substring()
            }
            index = text.index(after: index)
        }
        flush()
        return found
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
