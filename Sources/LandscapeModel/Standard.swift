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
/// Its fields (``Fields``) are read and written as its own properties (`standard.title`),
/// and live in one copy-on-write box (``CopyOnWrite``), so that a copy is one reference.
@dynamicMemberLookup
public struct Standard: Sendable, Identifiable {
    public struct Fields: Sendable {
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
        /// What a later stage kept of the abstract when its text was let go after reading
        /// (a run keeps no abstracts: at a million records they are half of its memory);
        /// nil when `abstract` holds the text.
        public var condensedAbstract: (any CondensedText)?
        public var keywords: [String]
        /// ISO 8601 date or partial date; empty when unknown.
        public var published: String
        public var ics: [String]
        /// Canonical id of the adopted standard (EN ISO/IEC 23894:2024 → ISO/IEC 23894:2023).
        public var adoptedFrom: String?
        public var relations: [Relation]
        /// Other references of the same standard: the second number of a dual-numbered
        /// standard (`IEEE Std 2003.1-2000` for `ISO/IEC 14515-1:2000`), a redline edition as
        /// its catalog writes it, the ids of records merged in under one of these.
        public var aliases: [String] = []
        /// Every record that contributed (several after de-duplication).
        public var origins: [SourceLocation]
        /// For `explain`: field name → where its value came from
        /// (e.g. `stage` → `custom-meta stage 60.60 at catalog-003.xml.gz:1812`).
        public var provenance: Provenance
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    @inlinable public subscript<Field>(dynamicMember field: WritableKeyPath<Fields, Field>) -> Field {
        _read { yield fields[dynamicMember: field] }
        _modify { yield &fields[dynamicMember: field] }
    }

    /// Canonical dated reference, e.g. `ISO/IEC 42001:2023`.
    public var id: String {
        // The stored property itself, not through a key path: a key path's read copies the
        // whole of `Fields` first, and ids are read in every merge and sort.
        _read { yield fields.box.value.id }
        _modify {
            fields.makeUnique()
            yield &fields.box.value.id
        }
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
        fields = CopyOnWrite(Fields(
            id: id, undatedId: undatedId, sdo: sdo, sources: sources, deliverableType: deliverableType,
            stage: stage, stageCode: stageCode, status: status, committees: committees, title: title,
            otherTitles: otherTitles, abstract: abstract, keywords: keywords, published: published, ics: ics,
            adoptedFrom: adoptedFrom, relations: relations, origins: origins, provenance: provenance
        ))
    }

    /// The abstract's length in UTF-8 bytes, whether its text was kept or not.
    public var abstractByteCount: Int { fields.condensedAbstract?.byteCount ?? fields.abstract.utf8.count }

    /// Canonical ids of the editions that replace this one (`replaced_by` column): the
    /// targets of its `superseded-by` relations, in order, each once.
    public var replacedBy: [String] {
        var result: [String] = []
        for relation in fields.relations where relation.kind == .supersededBy && !result.contains(relation.target) {
            result.append(relation.target)
        }
        return result
    }

    /// The primary committee, or empty.
    public var committee: String { fields.committees.first ?? "" }
}
