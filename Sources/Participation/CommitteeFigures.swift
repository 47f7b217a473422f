import LandscapeModel

/// One committee's seats as the configured regions see them: what
/// `participation.csv` reports per committee and `landscape explain` shows per standard.
public struct CommitteeFigures: Sendable, Hashable {
    /// A seat on the committee and the country it stands for (nil when the acronym is unknown).
    public struct Seat: Sendable, Hashable {
        public var acronym: String
        public var country: String?
    }

    /// The committee reference as reported (the data's spelling when it is known).
    public var committee: String
    /// How the data was found, and whose data stands in.
    public var resolution: CommitteeResolution
    public var sdo: String
    public var membership: Membership
    public var secretariat: Seat?
    public var pMembers: [Seat]
    public var oMembers: [Seat]
    /// Per configured region, in configuration order.
    public var regions: [(name: String, membership: RegionMembership)] {
        regionNames.indices.map { (regionNames[$0], regionMemberships[$0]) }
    }

    private var regionNames: [String]
    private var regionMemberships: [RegionMembership]

    init(committee: String, resolution: CommitteeResolution, sdo: String, members: MemberDirectory, regions: RegionSettings) {
        self.committee = committee
        self.resolution = resolution
        self.sdo = sdo
        let data = resolution.committee
        membership = data?.membership ?? .nationalBodies
        secretariat = data?.secretariat.map { Seat(acronym: $0, country: members.country(of: $0)) }
        pMembers = (data?.pMembers ?? []).map { Seat(acronym: $0, country: members.country(of: $0)) }
        oMembers = (data?.oMembers ?? []).map { Seat(acronym: $0, country: members.country(of: $0)) }
        regionNames = regions.regions.map(\.name)
        let pMembers = pMembers, oMembers = oMembers, secretariat = secretariat
        regionMemberships = regions.regions.map { region in
            func inRegion(_ seat: Seat) -> Bool { seat.country.map(region.countries.contains) ?? false }
            return RegionMembership(
                pMembers: pMembers.count(where: inRegion),
                oMembers: oMembers.count(where: inRegion),
                holdsSecretariat: secretariat.map(inRegion) ?? false)
        }
    }

    /// The region's seats; all zero for a region that is not configured.
    public func membership(of region: String) -> RegionMembership {
        regionNames.firstIndex(of: region).map { regionMemberships[$0] } ?? RegionMembership()
    }

    /// `P` when the region holds a P seat, else `O` when it holds an O seat, else nil.
    public func status(of region: String) -> MemberStatus? {
        let seats = membership(of: region)
        if seats.pMembers > 0 { return .participating }
        if seats.oMembers > 0 { return .observing }
        return nil
    }

    /// The region's share of the P seats: |R ∩ P| / |P|, 0 when there are none.
    public func pMemberShare(of region: String) -> Double {
        pMembers.isEmpty ? 0 : Double(membership(of: region).pMembers) / Double(pMembers.count)
    }

    /// Seats whose acronym has no known country.
    public var unknownMembers: [String] {
        ([secretariat].compactMap { $0 } + pMembers + oMembers).filter { $0.country == nil }.map(\.acronym)
    }

    /// Human-readable lines for `landscape explain`.
    public var lines: [String] {
        var lines: [String] = []
        switch resolution.match {
        case .exact: lines.append("committee: \(committee) (\(sdo))")
        case .parent: lines.append("committee: \(committee) (\(sdo)); no data of its own, figures of parent \(resolution.resolvedFrom ?? "")")
        case .organisationDefault: lines.append("committee: \(committee) (\(sdo)); not listed, figures of \(resolution.resolvedFrom ?? "")")
        case .none: lines.append(committee.isEmpty ? "committee: none stated" : "committee: \(committee): no committee data")
        }
        guard resolution.committee != nil else { return lines }
        if membership == .individualsAndEntities {
            lines.append("membership: individuals and entities (no national members, no secretariat)")
            return lines
        }
        let secretariatText = secretariat.map { "\($0.acronym) (\($0.country ?? "unknown country"))" } ?? "none stated"
        lines.append("secretariat: \(secretariatText)")
        lines.append("members: \(pMembers.count) P, \(oMembers.count) O")
        for (name, seats) in regions {
            let status = status(of: name).map(\.rawValue) ?? "-"
            let share = (pMemberShare(of: name) * 1000).rounded() / 1000
            lines.append("\(name): status \(status), \(seats.pMembers) P, \(seats.oMembers) O, P share \(share)\(seats.holdsSecretariat ? ", holds the secretariat" : "")")
        }
        if !unknownMembers.isEmpty {
            lines.append("unknown member acronyms: \(unknownMembers.joined(separator: ", "))")
        }
        return lines
    }
}
