import LandscapeModel

/// A parsed standards reference: `ISO/IEC TR 24028:2020`, `ISO 10033-1:2011/DAM 1`,
/// `EN ISO/IEC 23894:2024`, `IEEE Std 802.11-2020`, `IEEE P2751/D-3-2025-07`…
///
/// The canonical ``id`` keeps the reference as its publisher writes it (whitespace
/// normalized; a trailing language mark such as `(E)` and IEEE's parenthesised notes
/// such as `(Revision of IEEE Std 802.11-2016)` removed), so that ids match the
/// catalogs and the gold file. ``undatedId`` drops the deliverable's own date and any
/// draft part: `ISO/IEC 42001`, `IEC 60317-0-6:2001/AMD1`, `IEEE Std 7001`, `IEEE P2751`.
public struct Reference: Sendable, Hashable {
    /// Canonical dated reference.
    public var id: String
    /// The reference without the deliverable's own date and draft part.
    public var undatedId: String
    /// Publishing organisation(s) as in the prefix: `ISO/IEC`, `IEEE`, `ANSI/IEEE`; `CEN/CLC` for `EN`.
    public var sdo: String
    public var deliverableType: DeliverableType
    /// The deliverable's year (an amendment's own year, not its base's), if written.
    public var year: String?
    /// The draft mark as written (`DIS`, `FDIS`, `DAM`, `prEN`, `D-3-2025-07`, `P`…), if a draft.
    public var draftMark: String?
    /// What the reference itself says about its stage (`ISO/DIS` → enquiry), if anything.
    public var impliedStage: Stage?
    /// Notes removed from the text: `(E)`, `(Revision of IEEE Std 802.11-2016)`.
    public var notes: [String]
    /// Whether the IEEE reference names a redline (a marked-up copy of a standard).
    public var isRedline: Bool
    /// The month a producer wrote after the year (`ISO 13849-1:2006-11` → `11`), if any;
    /// dropped from ``id`` unless the reference is a national body's own.
    public var month: String? = nil
    /// The national body whose prefix starts the reference (`DIN`, `BSI` for `BS`,
    /// `AFNOR` for `NF`), which is then the ``sdo``.
    public var nationalBody: String? = nil
    /// The other references of a dual-numbered standard, canonical
    /// (`ISO/IEC 14515-1:2000 IEEE Std 2003.1-2000` → `IEEE Std 2003.1-2000`).
    public var aliases: [String] = []

    public var isDraft: Bool { draftMark != nil }

    /// Parses a reference; nil when the text does not look like one (`A Framework`,
    /// `IEEE Federated`, `ISO/ IEC`).
    public static func parse(_ text: String) -> Reference? {
        ReferenceParser(text).parse()
    }

    /// Parses a reference from an IEEE catalog, where every organisation writes the
    /// year after a hyphen (`IEC 62032-2005`, `ISO/IEC/IEEE 12207-2017`).
    public static func parseIEEE(_ text: String) -> Reference? {
        ReferenceParser(text, hyphenYears: true).parse()
    }

    /// The canonical form of a reference as ``id`` writes it (whitespace collapsed,
    /// `(E)` and parenthesised notes removed) without parsing it: for relation targets.
    public static func canonicalText(_ text: String) -> String {
        var text = TextCleaner.collapse(text)
        guard text.hasSuffix(")") else { return text }
        var notes: [String] = []
        ReferenceParser.stripNotes(&text, into: &notes)
        return text
    }

    /// The canonical ``id`` of `text` when it parses, else ``canonicalText(_:)``.
    public static func canonicalID(_ text: String) -> String {
        parse(text)?.id ?? canonicalText(text)
    }

    /// The key under which `text` matches a standard's ``id``: tolerant of spacing, case,
    /// a trailing `(E)`, IEEE notes in parentheses and reference-style differences
    /// such as `Amd 1` versus `AMD1`. Works for unparsable references too.
    public static func matchKey(_ text: String) -> String {
        key(of: parse(text)?.id ?? TextCleaner.collapse(text))
    }
}
