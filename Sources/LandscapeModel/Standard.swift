/// The kind of deliverable (`deliverable_type` column).
public enum DeliverableType: String, Sendable, Codable, CaseIterable {
    case standard
    case technicalSpecification = "technical-specification"
    case technicalReport = "technical-report"
    case publiclyAvailableSpecification = "publicly-available-specification"
    case guide
    case recommendedPractice = "recommended-practice"
    case amendment
    case corrigendum
    case other
}

/// Where a deliverable is in its life (`stage` column), in life-cycle order.
public enum Stage: String, Sendable, Codable, CaseIterable, Comparable {
    case proposal
    case preparatory
    case committee
    case enquiry
    case approval
    case published
    case withdrawn

    public var ordinal: Int { Stage.allCases.firstIndex(of: self)! }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Drafts are everything before publication.
    public var isDraft: Bool { self < .published }
}

/// `status` column.
public enum Status: String, Sendable, Codable, CaseIterable {
    case active
    case withdrawn
    case draft
}

/// A relation between standards, with the other side as a canonical id.
public struct Relation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case revises, amends, corrects, supersedes, replaces, supersededBy = "superseded-by", adopts, other
    }

    public var kind: Kind
    /// The related standard's canonical id (or the text as found when it could not be parsed).
    public var target: String

    public init(kind: Kind, target: String) {
        self.kind = kind
        self.target = target
    }
}

/// One normalized standard: a row of `standards.csv` before scoring.
///
/// The fields live in one shared, copy-on-write box: a standard passes through arrays of
/// candidates, standards, scored standards and snapshots, and at a million records copying
/// twenty references per copy (and keeping twenty-odd words per array slot) is what made
/// the pipeline slow and large. A copy is now one reference; the first write to a shared
/// copy duplicates the box.
public struct Standard: Sendable, Identifiable {
    private var storage: Storage

    /// Canonical dated reference, e.g. `ISO/IEC 42001:2023`.
    public var id: String {
        _read { yield storage.id }
        _modify { let box = unique(); yield &box.id }
    }
    /// The reference without date or draft part, e.g. `ISO/IEC 42001`.
    public var undatedId: String {
        _read { yield storage.undatedId }
        _modify { let box = unique(); yield &box.undatedId }
    }
    /// Publishing organisation(s) as in the reference prefix (`ISO/IEC`, `IEEE`, `CEN`…).
    public var sdo: String {
        _read { yield storage.sdo }
        _modify { let box = unique(); yield &box.sdo }
    }
    /// Configured source names that supplied the standard (several after a merge).
    public var sources: [String] {
        _read { yield storage.sources }
        _modify { let box = unique(); yield &box.sources }
    }
    public var deliverableType: DeliverableType {
        _read { yield storage.deliverableType }
        _modify { let box = unique(); yield &box.deliverableType }
    }
    public var stage: Stage {
        _read { yield storage.stage }
        _modify { let box = unique(); yield &box.stage }
    }
    /// The source's own stage code (`60.60`, `Active`, …).
    public var stageCode: String {
        _read { yield storage.stageCode }
        _modify { let box = unique(); yield &box.stageCode }
    }
    public var status: Status {
        _read { yield storage.status }
        _modify { let box = unique(); yield &box.status }
    }
    /// Owning committees in normalized spelling; the first is the primary one.
    public var committees: [String] {
        _read { yield storage.committees }
        _modify { let box = unique(); yield &box.committees }
    }
    /// English title (or the best available one).
    public var title: String {
        _read { yield storage.title }
        _modify { let box = unique(); yield &box.title }
    }
    /// Titles in other languages, keyed by language code (`fr`, `de`).
    public var otherTitles: [String: String] {
        _read { yield storage.otherTitles }
        _modify { let box = unique(); yield &box.otherTitles }
    }
    public var abstract: String {
        _read { yield storage.abstract }
        _modify { let box = unique(); yield &box.abstract }
    }
    /// The abstract's scoring evidence when the text was let go after reading (a run keeps
    /// no abstracts: at a million records they are half of its memory); nil when `abstract`
    /// holds the text.
    public var abstractEvidence: PrecomputedEvidence? {
        _read { yield storage.abstractEvidence }
        _modify { let box = unique(); yield &box.abstractEvidence }
    }
    /// The abstract's length in UTF-8 bytes, whether its text was kept or not.
    public var abstractByteCount: Int { storage.abstractEvidence?.byteCount ?? storage.abstract.utf8.count }
    public var keywords: [String] {
        _read { yield storage.keywords }
        _modify { let box = unique(); yield &box.keywords }
    }
    /// ISO 8601 date or partial date; empty when unknown.
    public var published: String {
        _read { yield storage.published }
        _modify { let box = unique(); yield &box.published }
    }
    public var ics: [String] {
        _read { yield storage.ics }
        _modify { let box = unique(); yield &box.ics }
    }
    /// Canonical id of the adopted standard (EN ISO/IEC 23894:2024 → ISO/IEC 23894:2023).
    public var adoptedFrom: String? {
        _read { yield storage.adoptedFrom }
        _modify { let box = unique(); yield &box.adoptedFrom }
    }
    public var relations: [Relation] {
        _read { yield storage.relations }
        _modify { let box = unique(); yield &box.relations }
    }
    /// Other references of the same standard: the second number of a dual-numbered
    /// standard (`IEEE Std 2003.1-2000` for `ISO/IEC 14515-1:2000`), a redline edition as
    /// its catalog writes it, the ids of records merged in under one of these.
    public var aliases: [String] {
        _read { yield storage.aliases }
        _modify { let box = unique(); yield &box.aliases }
    }
    /// Every record that contributed (several after de-duplication).
    public var origins: [SourceLocation] {
        _read { yield storage.origins }
        _modify { let box = unique(); yield &box.origins }
    }
    /// For `explain`: field name → where its value came from
    /// (e.g. `stage` → `custom-meta stage 60.60 at catalog-003.xml.gz:1812`).
    public var provenance: Provenance {
        _read { yield storage.provenance }
        _modify { let box = unique(); yield &box.provenance }
    }

    public init(
        id: String,
        undatedId: String,
        sdo: String,
        sources: [String],
        deliverableType: DeliverableType,
        stage: Stage,
        stageCode: String,
        status: Status,
        committees: [String] = [],
        title: String,
        otherTitles: [String: String] = [:],
        abstract: String = "",
        keywords: [String] = [],
        published: String = "",
        ics: [String] = [],
        adoptedFrom: String? = nil,
        relations: [Relation] = [],
        origins: [SourceLocation] = [],
        provenance: Provenance = [:]
    ) {
        storage = Storage(
            id: id, undatedId: undatedId, sdo: sdo, sources: sources, deliverableType: deliverableType,
            stage: stage, stageCode: stageCode, status: status, committees: committees, title: title,
            otherTitles: otherTitles, abstract: abstract, keywords: keywords, published: published, ics: ics,
            adoptedFrom: adoptedFrom, relations: relations, origins: origins, provenance: provenance
        )
    }

    /// Canonical ids of the editions that replace this one (`replaced_by` column): the
    /// targets of its `superseded-by` relations, in order, each once.
    public var replacedBy: [String] {
        var result: [String] = []
        for relation in storage.relations where relation.kind == .supersededBy && !result.contains(relation.target) {
            result.append(relation.target)
        }
        return result
    }

    /// The primary committee, or empty.
    public var committee: String { storage.committees.first ?? "" }

    /// The box, copied first when another value shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The fields. Mutated only through ``Standard/unique()``, so a box reachable from
    /// more than one value (or thread) is never written to.
    private final class Storage: @unchecked Sendable {
        var id: String
        var undatedId: String
        var sdo: String
        var sources: [String]
        var deliverableType: DeliverableType
        var stage: Stage
        var stageCode: String
        var status: Status
        var committees: [String]
        var title: String
        var otherTitles: [String: String]
        var abstract: String
        var abstractEvidence: PrecomputedEvidence?
        var keywords: [String]
        var published: String
        var ics: [String]
        var adoptedFrom: String?
        var relations: [Relation]
        var aliases: [String] = []
        var origins: [SourceLocation]
        var provenance: Provenance

        init(
            id: String, undatedId: String, sdo: String, sources: [String], deliverableType: DeliverableType,
            stage: Stage, stageCode: String, status: Status, committees: [String], title: String,
            otherTitles: [String: String], abstract: String, keywords: [String], published: String, ics: [String],
            adoptedFrom: String?, relations: [Relation], origins: [SourceLocation], provenance: Provenance
        ) {
            self.id = id
            self.undatedId = undatedId
            self.sdo = sdo
            self.sources = sources
            self.deliverableType = deliverableType
            self.stage = stage
            self.stageCode = stageCode
            self.status = status
            self.committees = committees
            self.title = title
            self.otherTitles = otherTitles
            self.abstract = abstract
            self.keywords = keywords
            self.published = published
            self.ics = ics
            self.adoptedFrom = adoptedFrom
            self.relations = relations
            self.origins = origins
            self.provenance = provenance
        }

        func copy() -> Storage {
            let copy = Storage(
                id: id, undatedId: undatedId, sdo: sdo, sources: sources, deliverableType: deliverableType,
                stage: stage, stageCode: stageCode, status: status, committees: committees, title: title,
                otherTitles: otherTitles, abstract: abstract, keywords: keywords, published: published, ics: ics,
                adoptedFrom: adoptedFrom, relations: relations, origins: origins, provenance: provenance
            )
            copy.abstractEvidence = abstractEvidence
            copy.aliases = aliases
            return copy
        }
    }
}
