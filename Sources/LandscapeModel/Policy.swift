/// Which side of the Atlantic a policy instrument belongs to.
public enum PolicySide: String, Sendable, Hashable, Codable, CaseIterable {
    case eu = "EU"
    case us = "US"
}

/// Whether a fact was read on a primary source (`verified`) or only on secondary ones (`reported`).
public enum PolicyEvidenceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case verified
    case reported
}

/// How a policy reference reached a standard (`match` column of `policy_links.csv`).
public enum PolicyMatch: String, Sendable, Hashable, Codable, CaseIterable {
    /// The reference names the standard's own id (or one of its aliases).
    case exact
    /// The reference names the undated id; the standard is its current edition.
    case undated
    /// The reference reached another standard that this one adopts, or that adopts this one.
    case viaAdoption = "via-adoption"
}

/// One provision of a policy instrument, as the report and `explain` show it.
public struct PolicyProvision: Sendable, Hashable {
    /// Unique across every loaded policy file, e.g. `AI-Act/Art-9`, `M593/item-1`.
    public var id: String
    public var side: PolicySide
    /// The instrument's id, e.g. `AI-Act`, `M593`, `NIST-AI-RMF`.
    public var instrument: String
    public var instrumentTitle: String
    public var title: String
    /// Characteristic ids (taxonomy) the provision concerns; the first is the primary one.
    public var characteristics: [String]
    /// Ids of provisions this one serves (an M/593 item → the AI Act articles it supports).
    public var supports: [String]
    public var url: String
    public var read: String
    public var status: PolicyEvidenceStatus
    /// Where the provision is written: file and line.
    public var location: SourceLocation

    public init(id: String, side: PolicySide, instrument: String, instrumentTitle: String, title: String,
                characteristics: [String], supports: [String] = [], url: String, read: String,
                status: PolicyEvidenceStatus, location: SourceLocation) {
        self.id = id
        self.side = side
        self.instrument = instrument
        self.instrumentTitle = instrumentTitle
        self.title = title
        self.characteristics = characteristics
        self.supports = supports
        self.url = url
        self.read = read
        self.status = status
        self.location = location
    }
}

/// One row of `policy_links.csv`: a standard and a provision that relies on it.
public struct PolicyLink: Sendable, Hashable {
    /// The standard's `id` as in `standards.csv`.
    public var standardId: String
    public var provisionId: String
    public var side: PolicySide
    public var instrument: String
    /// What the provision does with the standard (`answers-request-item`, `adopted-for`, `crosswalk`…).
    public var relation: String
    public var match: PolicyMatch
    /// The reference as the policy file writes it.
    public var reference: String
    /// For `via-adoption`: the standard the reference resolved to; else the standard itself.
    public var via: String
    public var url: String
    public var read: String
    public var status: PolicyEvidenceStatus

    public init(standardId: String, provisionId: String, side: PolicySide, instrument: String, relation: String,
                match: PolicyMatch, reference: String, via: String, url: String, read: String, status: PolicyEvidenceStatus) {
        self.standardId = standardId
        self.provisionId = provisionId
        self.side = side
        self.instrument = instrument
        self.relation = relation
        self.match = match
        self.reference = reference
        self.via = via
        self.url = url
        self.read = read
        self.status = status
    }
}

/// A reference in a policy file that matches no standard of the configured catalogs (or
/// matches several current editions equally): kept, warned about and listed in the report.
public struct UnresolvedPolicyReference: Sendable, Hashable {
    public var reference: String
    public var provisionId: String
    public var side: PolicySide
    public var relation: String
    /// Why it stayed unresolved (`no standard in the catalogs`, `several current editions: …`).
    public var reason: String
    public var location: SourceLocation

    public init(reference: String, provisionId: String, side: PolicySide, relation: String, reason: String, location: SourceLocation) {
        self.reference = reference
        self.provisionId = provisionId
        self.side = side
        self.relation = relation
        self.reason = reason
        self.location = location
    }
}

/// One step of the committee chain behind a standard (a row of `influence_paths.csv`).
public struct InfluenceStep: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// The committee adopts another organisation's standard (EN ISO/IEC … in CEN/CLC/JTC 21).
        case adopts
        /// The committee develops the text itself.
        case develops
    }

    /// The standard at this step (the named one first, then what it adopts).
    public var standardId: String
    public var role: Role
    /// Committee reference as in `standards.csv`; empty when unknown.
    public var committee: String
    /// False when the committee is not in the configured committee data (seats unknown).
    public var committeeKnown: Bool
    public var pMembers: Int
    public var euPMembers: Int
    public var usStatus: MemberStatus?
    public var secretariat: String
    public var secretariatCountry: String

    public init(standardId: String, role: Role, committee: String, committeeKnown: Bool, pMembers: Int = 0, euPMembers: Int = 0,
                usStatus: MemberStatus? = nil, secretariat: String = "", secretariatCountry: String = "") {
        self.standardId = standardId
        self.role = role
        self.committee = committee
        self.committeeKnown = committeeKnown
        self.pMembers = pMembers
        self.euPMembers = euPMembers
        self.usStatus = usStatus
        self.secretariat = secretariat
        self.secretariatCountry = secretariatCountry
    }
}

/// The committee chain behind one standard named by EU policy.
public struct InfluencePath: Sendable, Hashable {
    public var standardId: String
    /// The EU provisions that name the standard (directly or through an adoption).
    public var euProvisions: [String]
    public var steps: [InfluenceStep]

    public init(standardId: String, euProvisions: [String], steps: [InfluenceStep]) {
        self.standardId = standardId
        self.euProvisions = euProvisions
        self.steps = steps
    }

    /// Whether the US sits (P or O) on any committee of the chain.
    public var usSeat: Bool { steps.contains { $0.usStatus != nil } }
}

/// The policy columns of one standard in `standards.csv`.
public struct PolicyColumns: Sendable, Hashable {
    /// EU provision ids naming the standard, in file order.
    public var eu: [String] = []
    /// US provision ids naming the standard, in file order.
    public var us: [String] = []

    public init(eu: [String] = [], us: [String] = []) {
        self.eu = eu
        self.us = us
    }

    /// Named on both sides.
    public var mutualInterest: Bool { !eu.isEmpty && !us.isEmpty }
}

/// Everything the policy stage found: the provisions, their links to the catalogs' standards,
/// the references that matched nothing, and the committee chains behind EU-named standards.
public struct PolicyFindings: Sendable {
    public var provisions: [PolicyProvision]
    /// Rows of `policy_links.csv`, by provision in file order, then by standard.
    public var links: [PolicyLink]
    public var unresolved: [UnresolvedPolicyReference]
    /// Per standard id: the `eu_policy` / `us_policy` provision ids.
    public var columns: [String: PolicyColumns]
    /// Filled once committee figures are known (after the participation stage).
    public var paths: [InfluencePath]
    /// The policy files read, as given in the config.
    public var files: [String]

    public init(provisions: [PolicyProvision] = [], links: [PolicyLink] = [], unresolved: [UnresolvedPolicyReference] = [],
                columns: [String: PolicyColumns] = [:], paths: [InfluencePath] = [], files: [String] = []) {
        self.provisions = provisions
        self.links = links
        self.unresolved = unresolved
        self.columns = columns
        self.paths = paths
        self.files = files
    }
}
