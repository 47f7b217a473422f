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
/// The fields live in one copy-on-write box (as in ``Standard``): normalization walks the
/// layers of every record, and a copy of thirty-odd references per layer visited cost
/// more than the reading itself. Reads borrow the field in place; the first write to a
/// shared copy duplicates the box.
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

    private var storage: Storage

    public var kind: Kind {
        _read { yield storage.kind }
        _modify { let box = unique(); yield &box.kind }
    }
    /// Line of the layer's start tag.
    public var line: Int {
        _read { yield storage.line }
        _modify { let box = unique(); yield &box.line }
    }

    // MARK: Identification (STS)
    /// `std-ref` values keyed by `@type` (`dated`, `undated`, `short`; untyped → "").
    public var references: [String: String] {
        _read { yield storage.references }
        _modify { let box = unique(); yield &box.references }
    }
    public var docRef: String? {
        _read { yield storage.docRef }
        _modify { let box = unique(); yield &box.docRef }
    }
    public var originator: String? {
        _read { yield storage.originator }
        _modify { let box = unique(); yield &box.originator }
    }
    /// The layer a `std-meta` block stands for when the document says so by its profile
    /// (`@id="profile.nat"`, `"profile.reg"`, `"profile.int"`): national, regional or
    /// international, as `nat-meta`, `reg-meta` and `iso-meta` say by their names.
    public var profile: String? {
        _read { yield storage.profile }
        _modify { let box = unique(); yield &box.profile }
    }
    /// `reg-meta/@originator` and similar attributes.
    public var originatorAttribute: String? {
        _read { yield storage.originatorAttribute }
        _modify { let box = unique(); yield &box.originatorAttribute }
    }
    public var docType: String? {
        _read { yield storage.docType }
        _modify { let box = unique(); yield &box.docType }
    }
    public var docNumber: String? {
        _read { yield storage.docNumber }
        _modify { let box = unique(); yield &box.docNumber }
    }
    public var partNumber: String? {
        _read { yield storage.partNumber }
        _modify { let box = unique(); yield &box.partNumber }
    }
    public var edition: String? {
        _read { yield storage.edition }
        _modify { let box = unique(); yield &box.edition }
    }
    public var version: String? {
        _read { yield storage.version }
        _modify { let box = unique(); yield &box.version }
    }
    public var supplementType: String? {
        _read { yield storage.supplementType }
        _modify { let box = unique(); yield &box.supplementType }
    }
    public var supplementNumber: String? {
        _read { yield storage.supplementNumber }
        _modify { let box = unique(); yield &box.supplementNumber }
    }
    public var releaseVersion: String? {
        _read { yield storage.releaseVersion }
        _modify { let box = unique(); yield &box.releaseVersion }
    }
    public var projectId: String? {
        _read { yield storage.projectId }
        _modify { let box = unique(); yield &box.projectId }
    }
    public var workItem: String? {
        _read { yield storage.workItem }
        _modify { let box = unique(); yield &box.workItem }
    }

    // MARK: Description
    public var titles: [RawTitle] {
        _read { yield storage.titles }
        _modify { let box = unique(); yield &box.titles }
    }
    public var abstract: String? {
        _read { yield storage.abstract }
        _modify { let box = unique(); yield &box.abstract }
    }
    public var keywords: [String] {
        _read { yield storage.keywords }
        _modify { let box = unique(); yield &box.keywords }
    }
    /// `comm-ref` (STS) or sponsoring committees (IEEE).
    public var committees: [String] {
        _read { yield storage.committees }
        _modify { let box = unique(); yield &box.committees }
    }
    public var secretariats: [String] {
        _read { yield storage.secretariats }
        _modify { let box = unique(); yield &box.secretariats }
    }
    public var ics: [String] {
        _read { yield storage.ics }
        _modify { let box = unique(); yield &box.ics }
    }

    // MARK: Life cycle
    public var pubDate: String? {
        _read { yield storage.pubDate }
        _modify { let box = unique(); yield &box.pubDate }
    }
    public var releaseDate: String? {
        _read { yield storage.releaseDate }
        _modify { let box = unique(); yield &box.releaseDate }
    }
    /// `meta-date` values keyed by `@type`.
    public var metaDates: [String: String] {
        _read { yield storage.metaDates }
        _modify { let box = unique(); yield &box.metaDates }
    }
    /// The ISO harmonized stage code from `custom-meta` `stage`, e.g. `60.60`.
    public var stageCode: String? {
        _read { yield storage.stageCode }
        _modify { let box = unique(); yield &box.stageCode }
    }
    public var relations: [RawRelation] {
        _read { yield storage.relations }
        _modify { let box = unique(); yield &box.relations }
    }

    // MARK: IEEE IDAMS
    public var ieee: IdamsFields? {
        _read { yield storage.ieee }
        _modify { let box = unique(); yield &box.ieee }
    }

    public init(kind: Kind, line: Int) {
        storage = Storage(kind: kind, line: line)
    }

    /// The box, copied first when another value shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The fields. Written only through ``RawLayer/unique()``.
    private final class Storage: @unchecked Sendable {
        var kind: Kind
        var line: Int
        var references: [String: String] = [:]
        var docRef: String?
        var originator: String?
        var originatorAttribute: String?
        var profile: String?
        var docType: String?
        var docNumber: String?
        var partNumber: String?
        var edition: String?
        var version: String?
        var supplementType: String?
        var supplementNumber: String?
        var releaseVersion: String?
        var projectId: String?
        var workItem: String?
        var titles: [RawTitle] = []
        var abstract: String?
        var keywords: [String] = []
        var committees: [String] = []
        var secretariats: [String] = []
        var ics: [String] = []
        var pubDate: String?
        var releaseDate: String?
        var metaDates: [String: String] = [:]
        var stageCode: String?
        var relations: [RawRelation] = []
        var ieee: IdamsFields?

        init(kind: Kind, line: Int) {
            self.kind = kind
            self.line = line
        }

        func copy() -> Storage {
            let copy = Storage(kind: kind, line: line)
            copy.references = references
            copy.docRef = docRef
            copy.originator = originator
            copy.originatorAttribute = originatorAttribute
            copy.profile = profile
            copy.docType = docType
            copy.docNumber = docNumber
            copy.partNumber = partNumber
            copy.edition = edition
            copy.version = version
            copy.supplementType = supplementType
            copy.supplementNumber = supplementNumber
            copy.releaseVersion = releaseVersion
            copy.projectId = projectId
            copy.workItem = workItem
            copy.titles = titles
            copy.abstract = abstract
            copy.keywords = keywords
            copy.committees = committees
            copy.secretariats = secretariats
            copy.ics = ics
            copy.pubDate = pubDate
            copy.releaseDate = releaseDate
            copy.metaDates = metaDates
            copy.stageCode = stageCode
            copy.relations = relations
            copy.ieee = ieee
            return copy
        }
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
