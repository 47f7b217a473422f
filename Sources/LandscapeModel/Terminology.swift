/// Terminology values shared by Ingest (which finds TBX entries in full texts), the Terminology
/// stage (which compares definitions) and Report (which writes `terms.csv`,
/// `term_alignment.csv` and the report's *Terminology* section).

/// One designation in a TBX entry and how the entry rates it (`tbx:normativeAuthorization`).
public struct RawTerm: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case preferred, admitted, deprecated
    }

    public var text: String
    public var status: Status

    public init(text: String, status: Status) {
        self.text = text
        self.status = status
    }
}

/// One language of one `tbx:termEntry` of a standard's terms clause, as read.
///
/// Nothing is checked here: an entry without a term or a definition is handed on as it is,
/// and the Terminology stage quarantines it with its file and line.
public struct RawTermEntry: Sendable, Hashable {
    /// The `tbx:termEntry` (file and line).
    public var location: SourceLocation
    /// The start of the record (`standard` or `adoption`) the terms clause belongs to.
    public var record: SourceLocation
    /// The reference of the record's outermost metadata block as written (`std-ref`,
    /// `doc-ref`), for finding the standard; empty when none was read before the body.
    public var reference: String
    /// The entry's `id` attribute (`term_3.1`), or empty.
    public var entryId: String
    /// `xml:lang` of the `tbx:langSet`, or of the document; empty when unstated.
    public var language: String
    /// Designations in document order (the first preferred one names the entry).
    public var terms: [RawTerm]
    /// The definition's text, cross-references kept as their text; nil when the entry has none.
    public var definition: String?
    public var notes: [String]
    /// `tbx:source` texts, joined with `; `.
    public var source: String

    public init(location: SourceLocation, record: SourceLocation, reference: String, entryId: String = "", language: String,
                terms: [RawTerm], definition: String?, notes: [String] = [], source: String = "") {
        self.location = location
        self.record = record
        self.reference = reference
        self.entryId = entryId
        self.language = language
        self.terms = terms
        self.definition = definition
        self.notes = notes
        self.source = source
    }
}

/// Which side of the EU–US comparison a definition stands for.
public enum TermSide: String, Sendable, Hashable, CaseIterable, Codable {
    /// EU legislation and policy (the AI Act…).
    case eu = "EU"
    /// US federal publications (NIST…).
    case us = "US"
    /// International and European standards, and anything else.
    case international
}

/// One definition of one term by one source: a row of `terms.csv`.
public struct TermDefinition: Sendable, Hashable {
    /// The normalized key that definitions of the same term share (see `TermKey`).
    public var key: String
    /// The term as the source writes it (its preferred designation).
    public var term: String
    public var admitted: [String]
    public var deprecated: [String]
    public var definition: String
    public var notes: [String]
    /// The instrument and provision (`Regulation (EU) 2024/1689, Art. 3(2)`), or the standard's
    /// own `tbx:source` text.
    public var source: String
    public var side: TermSide
    /// The canonical id of the standard whose terms clause holds the definition; empty for glossaries.
    public var standardId: String
    public var language: String
    public var file: String
    public var line: Int
    /// Where the text was read, when the entry says so (glossaries).
    public var url: String
    /// The date it was read (ISO 8601), when the entry says so.
    public var dateRead: String
    /// `verified` (read in the primary source), `reported` (secondary source only), or empty.
    public var status: String

    public init(key: String, term: String, admitted: [String] = [], deprecated: [String] = [], definition: String,
                notes: [String] = [], source: String, side: TermSide, standardId: String = "", language: String = "en",
                file: String, line: Int, url: String = "", dateRead: String = "", status: String = "") {
        self.key = key
        self.term = term
        self.admitted = admitted
        self.deprecated = deprecated
        self.definition = definition
        self.notes = notes
        self.source = source
        self.side = side
        self.standardId = standardId
        self.language = language
        self.file = file
        self.line = line
        self.url = url
        self.dateRead = dateRead
        self.status = status
    }

    /// How the definition is named in comparisons and the report: the standard's id, else the source.
    public var label: String { standardId.isEmpty ? source : standardId }
}

/// Two definitions of the same term compared: a row of `term_alignment.csv`.
public struct TermAlignment: Sendable, Hashable {
    public var key: String
    /// Indexes into ``TerminologyResult/definitions``.
    public var first: Int
    public var second: Int
    /// Dice coefficient of the two definitions' content-word stems, in [0, 1].
    public var similarity: Double
    /// Content words the first definition names and the second does not (as first written).
    public var onlyFirst: [String]
    public var onlySecond: [String]
    /// Whether one definition is the EU's and the other the US's.
    public var isEUUS: Bool
    /// An EU–US pair whose similarity is below the divergence threshold.
    public var divergent: Bool

    public init(key: String, first: Int, second: Int, similarity: Double, onlyFirst: [String], onlySecond: [String],
                isEUUS: Bool, divergent: Bool) {
        self.key = key
        self.first = first
        self.second = second
        self.similarity = similarity
        self.onlyFirst = onlyFirst
        self.onlySecond = onlySecond
        self.isEUUS = isEUUS
        self.divergent = divergent
    }
}

/// What the Terminology stage found about one of the nine characteristics.
public struct CharacteristicTerms: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The term keys that name the characteristic (from the glossaries' `characteristics:`).
    public var keys: [String]
    /// Standards whose terms clause defines one of those keys, sorted.
    public var standards: [String]
    /// No standard in the catalogs defines any of the keys.
    public var isGap: Bool { standards.isEmpty }

    public init(id: String, name: String, keys: [String], standards: [String]) {
        self.id = id
        self.name = name
        self.keys = keys
        self.standards = standards
    }
}

/// Everything the Terminology stage produced.
public struct TerminologyResult: Sendable {
    /// Sorted by key, then side (EU, US, international), then label.
    public var definitions: [TermDefinition]
    public var alignments: [TermAlignment]
    /// The Roadmap's key terms (keys), in the order the glossaries list them.
    public var keyTerms: [String]
    /// One per characteristic of the taxonomy, in its order.
    public var characteristics: [CharacteristicTerms]
    /// EU–US pairs below this similarity are divergent.
    public var divergenceThreshold: Double
    public var quarantine: [QuarantineEntry]

    public init(definitions: [TermDefinition] = [], alignments: [TermAlignment] = [], keyTerms: [String] = [],
                characteristics: [CharacteristicTerms] = [], divergenceThreshold: Double = 0.25, quarantine: [QuarantineEntry] = []) {
        self.definitions = definitions
        self.alignments = alignments
        self.keyTerms = keyTerms
        self.characteristics = characteristics
        self.divergenceThreshold = divergenceThreshold
        self.quarantine = quarantine
    }

    /// The terms each standard defines (standard id → terms, in key order).
    public func termsByStandard() -> [String: [String]] {
        var result: [String: [String]] = [:]
        for definition in definitions where !definition.standardId.isEmpty {
            result[definition.standardId, default: []].append(definition.term)
        }
        return result
    }
}
