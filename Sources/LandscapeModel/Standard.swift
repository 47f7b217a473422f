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
public struct Standard: Sendable, Identifiable {
    /// Canonical dated reference, e.g. `ISO/IEC 42001:2023`.
    public var id: String
    /// The reference without date or draft part, e.g. `ISO/IEC 42001`.
    public var undatedId: String
    /// Publishing organisation(s) as in the reference prefix (`ISO/IEC`, `IEEE`, `CEN`…).
    public var sdo: String
    /// Configured source names that supplied the standard (several after a merge).
    public var sources: [String]
    public var deliverableType: DeliverableType
    public var stage: Stage
    /// The source's own stage code (`60.60`, `Active`, …).
    public var stageCode: String
    public var status: Status
    /// Owning committees in normalized spelling; the first is the primary one.
    public var committees: [String]
    /// English title (or the best available one).
    public var title: String
    /// Titles in other languages, keyed by language code (`fr`, `de`).
    public var otherTitles: [String: String]
    public var abstract: String
    public var keywords: [String]
    /// ISO 8601 date or partial date; empty when unknown.
    public var published: String
    public var ics: [String]
    /// Canonical id of the adopted standard (EN ISO/IEC 23894:2024 → ISO/IEC 23894:2023).
    public var adoptedFrom: String?
    public var relations: [Relation]
    /// Every record that contributed (several after de-duplication).
    public var origins: [SourceLocation]
    /// For `explain`: field name → where its value came from
    /// (e.g. `stage` → `custom-meta stage 60.60 at catalog-003.xml.gz:1812`).
    public var provenance: [String: String]

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
        provenance: [String: String] = [:]
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

    /// The primary committee, or empty.
    public var committee: String { committees.first ?? "" }
}
