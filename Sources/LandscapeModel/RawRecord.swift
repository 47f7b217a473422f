/// The catalog formats the pipeline reads (`format:` in `Pipeline.yaml`).
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case nisoSts = "niso-sts"
    case ieeeIdams = "ieee-idams"
    /// ISO Open Data `iso_deliverables_metadata` (JSON Lines or CSV).
    case isoOpenData = "iso-open-data"
}

/// One record exactly as a catalog states it, before any interpretation.
///
/// Ingest fills it; Normalize turns it into a ``Standard``. A plain record has
/// one layer. An adoption has several, **adopting layer first**: for
/// `EN ISO/IEC 23894:2024` adopting `ISO/IEC 23894:2023` the layers are
/// `[EN layer, ISO/IEC layer]`, and a national adoption of that adds its own
/// layer in front.
public struct RawRecord: Sendable {
    public var location: SourceLocation
    public var format: SourceFormat
    public var layers: [RawLayer]

    public init(location: SourceLocation, format: SourceFormat, layers: [RawLayer]) {
        self.location = location
        self.format = format
        self.layers = layers
    }
}

/// A title in one language, in its STS parts.
public struct RawTitle: Sendable, Hashable, Codable {
    public var language: String
    public var intro: String?
    public var main: String?
    public var complement: String?
    public var full: String?

    public init(language: String, intro: String? = nil, main: String? = nil, complement: String? = nil, full: String? = nil) {
        self.language = language
        self.intro = intro
        self.main = main
        self.complement = complement
        self.full = full
    }

    /// `full` when present, else the parts joined with " — ".
    public var text: String {
        if let full, !full.isEmpty { return full }
        return [intro, main, complement].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
    }
}

/// A relation to another standard as the catalog states it
/// (STS `std-xref/@type`, IEEE `standard_relationship/@type`).
public struct RawRelation: Sendable, Hashable, Codable {
    public var type: String
    public var reference: String

    public init(type: String, reference: String) {
        self.type = type
        self.reference = reference
    }
}

/// A date as IEEE states it (`date/@datetype` with year, month, day).
public struct RawDate: Sendable, Hashable, Codable {
    public var type: String
    public var year: String
    public var month: String?
    public var day: String?

    public init(type: String, year: String, month: String? = nil, day: String? = nil) {
        self.type = type
        self.year = year
        self.month = month
        self.day = day
    }
}

/// One metadata block: an STS `iso-meta`, `std-meta`, `reg-meta` or `nat-meta`,
/// or an IEEE IDAMS `publication`. Every field is optional because real
/// catalogs omit or empty any of them.
///
/// Its fields (``Fields``) are read and written as its own properties, and live in one
/// copy-on-write box (``CopyOnWrite``): normalization walks the layers of every record,
/// and copying thirty-odd references per layer visited cost more than the reading itself.
@dynamicMemberLookup
public struct RawLayer: Sendable {
    public enum Kind: String, Sendable, Codable {
        case isoMeta = "iso-meta"
        case stdMeta = "std-meta"
        case regMeta = "reg-meta"
        case natMeta = "nat-meta"
        case idamsPublication = "publication"
        /// One deliverable of ISO Open Data's `iso_deliverables_metadata`.
        case openDataDeliverable = "iso-open-data deliverable"
    }

    public struct Fields: Sendable {
        public var kind: Kind
        /// Line of the layer's start tag.
        public var line: Int

        // MARK: Identification (STS)
        /// `std-ref` values keyed by `@type` (`dated`, `undated`, `short`; untyped → "").
        public var references: [String: String] = [:]
        public var docRef: String?
        public var originator: String?
        /// The layer a `std-meta` block stands for when the document says so by its profile
        /// (`@id="profile.nat"`, `"profile.reg"`, `"profile.int"`): national, regional or
        /// international, as `nat-meta`, `reg-meta` and `iso-meta` say by their names.
        public var profile: String?
        /// `reg-meta/@originator` and similar attributes.
        public var originatorAttribute: String?
        public var docType: String?
        public var docNumber: String?
        public var partNumber: String?
        public var edition: String?
        public var version: String?
        public var supplementType: String?
        public var supplementNumber: String?
        public var releaseVersion: String?
        public var projectId: String?
        public var workItem: String?

        // MARK: Description
        public var titles: [RawTitle] = []
        public var abstract: String?
        public var keywords: [String] = []
        /// `comm-ref` (STS) or sponsoring committees (IEEE).
        public var committees: [String] = []
        public var secretariats: [String] = []
        public var ics: [String] = []

        // MARK: Life cycle
        public var pubDate: String?
        public var releaseDate: String?
        /// `meta-date` values keyed by `@type`.
        public var metaDates: [String: String] = [:]
        /// The ISO harmonized stage code from `custom-meta` `stage`, e.g. `60.60`.
        public var stageCode: String?
        public var relations: [RawRelation] = []

        // MARK: IEEE IDAMS
        public var ieee: IdamsFields?
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    @inlinable public subscript<Field>(dynamicMember field: WritableKeyPath<Fields, Field>) -> Field {
        _read { yield fields[dynamicMember: field] }
        _modify { yield &fields[dynamicMember: field] }
    }

    public init(kind: Kind, line: Int) {
        fields = CopyOnWrite(Fields(kind: kind, line: line))
    }
}

/// Fields only IEEE IDAMS records carry.
public struct IdamsFields: Sendable, Hashable, Codable {
    public var title: String?
    public var normTitle: String?
    public var familyTitle: String?
    public var articleTitle: String?
    public var stdNumber: String?
    public var publicationType: String?
    public var subtype: String?
    public var pubStatus: String?
    public var standardStatus: String?
    public var modifiers: [String] = []
    public var publisher: String?
    public var holdStatus: String?
    public var approvalDate: String?
    public var dates: [RawDate] = []
    public var scope: String?
    public var purpose: String?

    public init() {}
}
