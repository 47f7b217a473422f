/// US participation status on a committee (`us_status` column and region columns).
public enum MemberStatus: String, Sendable, Codable, Hashable {
    case participating = "P"
    case observing = "O"
}

/// One row of `participation.csv`: a committee that owns at least one standard.
public struct CommitteeParticipation: Sendable, Hashable, Codable {
    /// Committee reference as in `standards.csv` (`ISO/IEC JTC 1/SC 42`).
    public var committee: String
    public var sdo: String
    /// Secretariat national body acronym (`ANSI`), empty when none/unknown.
    public var secretariat: String
    /// ISO 3166-1 alpha-2 code of the secretariat's country (`US`), empty when unknown.
    public var secretariatCountry: String
    public var pMembers: Int
    public var oMembers: Int
    public var euPMembers: Int
    public var euOMembers: Int
    public var usStatus: MemberStatus?
    /// Standards in `standards.csv` owned by this committee.
    public var standards: Int
    /// Of those, the AI-relevant ones.
    public var aiStandards: Int
    /// Reference of the committee whose membership data was used when this one has none
    /// of its own (a working group resolved to its parent), else nil.
    public var resolvedFrom: String?
    /// `national-bodies` or `individuals-and-entities`.
    public var membership: Membership
    /// Status per configured region beyond EU/US: region → P/O/none, and member counts.
    public var regions: [String: RegionMembership]

    public init(
        committee: String, sdo: String, secretariat: String = "", secretariatCountry: String = "",
        pMembers: Int = 0, oMembers: Int = 0, euPMembers: Int = 0, euOMembers: Int = 0,
        usStatus: MemberStatus? = nil, standards: Int = 0, aiStandards: Int = 0,
        resolvedFrom: String? = nil, membership: Membership = .nationalBodies,
        regions: [String: RegionMembership] = [:]
    ) {
        self.committee = committee
        self.sdo = sdo
        self.secretariat = secretariat
        self.secretariatCountry = secretariatCountry
        self.pMembers = pMembers
        self.oMembers = oMembers
        self.euPMembers = euPMembers
        self.euOMembers = euOMembers
        self.usStatus = usStatus
        self.standards = standards
        self.aiStandards = aiStandards
        self.resolvedFrom = resolvedFrom
        self.membership = membership
        self.regions = regions
    }
}

/// A region's seats on one committee.
public struct RegionMembership: Sendable, Hashable, Codable {
    public var pMembers: Int
    public var oMembers: Int
    public var holdsSecretariat: Bool

    public init(pMembers: Int = 0, oMembers: Int = 0, holdsSecretariat: Bool = false) {
        self.pMembers = pMembers
        self.oMembers = oMembers
        self.holdsSecretariat = holdsSecretariat
    }
}

/// One row of `participation_summary.csv`: a (characteristic, region) pair.
public struct CharacteristicParticipation: Sendable, Hashable, Codable {
    public var characteristic: Characteristic
    /// Region name as configured (`EU`, `US`, …).
    public var region: String
    /// Relevant standards with this characteristic (see README for the exact definition).
    public var standards: Int
    /// How many of them are owned by a committee that has the region among its P-members.
    public var withPMember: Int
    /// Mean, over those standards, of the region's share of the owning committee's P-members.
    public var pMemberShare: Double
    /// How many of them are owned by a committee whose secretariat the region holds.
    public var secretariats: Int

    public init(characteristic: Characteristic, region: String, standards: Int, withPMember: Int, pMemberShare: Double, secretariats: Int) {
        self.characteristic = characteristic
        self.region = region
        self.standards = standards
        self.withPMember = withPMember
        self.pMemberShare = pMemberShare
        self.secretariats = secretariats
    }
}

/// What the taxonomy says of one characteristic, for reports: both views side by side.
public struct CharacteristicInfo: Sendable, Hashable, Codable {
    public var characteristic: Characteristic
    public var name: String
    public var definition: String
    /// NIST AI RMF 1.0 characteristic(s) it stands for.
    public var nist: [String]
    /// EU sources: HLEG requirement(s), AI Act article(s), M/593 deliverable(s).
    public var eu: [String]

    public init(characteristic: Characteristic, name: String, definition: String, nist: [String], eu: [String]) {
        self.characteristic = characteristic
        self.name = name
        self.definition = definition
        self.nist = nist
        self.eu = eu
    }
}
