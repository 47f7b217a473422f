import LandscapeModel

/// What kind of seat change a ``ParticipationChange`` records (`change` column of `changes.csv`).
public enum ParticipationChangeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A body that was not a member now is one (`to`: `P` or `O`).
    case memberAdded = "member-added"
    /// A body that was a member no longer is (`from`: `P` or `O`).
    case memberRemoved = "member-removed"
    /// A participating member became an observer.
    case pToO = "member-p-to-o"
    /// An observer became a participating member.
    case oToP = "member-o-to-p"
    /// Another body holds the secretariat (`from`, `to`: the acronyms; either may be empty).
    case secretariat = "secretariat"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A change of seat on a committee between the previous successful run and this one:
/// a row of `changes.csv` (after the rows of standards).
public struct ParticipationChange: Sendable, Hashable {
    /// The committee's reference as the committee data spells it.
    public var committee: String
    public var kind: ParticipationChangeKind
    /// The national body whose seat changed; for a secretariat change, the new holder
    /// (empty when the secretariat became vacant or unknown).
    public var body: String
    /// `P`, `O` or empty (not a member); for a secretariat change, the previous holder's acronym.
    public var from: String
    /// `P`, `O` or empty; for a secretariat change, the new holder's acronym.
    public var to: String
    /// ISO 3166-1 alpha-2 country of `body`; empty when unknown.
    public var country: String
    /// The configured regions (`EU`, `US`, …) that country belongs to.
    public var regions: [String]
    /// For a secretariat change, the previous holder's country and regions (for the report).
    public var fromCountry: String = ""
    public var fromRegions: [String] = []

    public init(committee: String, kind: ParticipationChangeKind, body: String, from: String = "", to: String = "",
                country: String = "", regions: [String] = []) {
        self.committee = committee
        self.kind = kind
        self.body = body
        self.from = from
        self.to = to
        self.country = country
        self.regions = regions
    }

    /// The seat changes from one run's committees to the next one's, sorted by committee,
    /// kind and body. A committee that is new or gone as a whole has no rows: its members
    /// did not change their seats, the committee files did (a committee file left out of one
    /// run would otherwise read as every body leaving every one of its committees).
    public static func between(previous: [CommitteeSnapshot], current: [CommitteeSnapshot]) -> [ParticipationChange] {
        let before = Dictionary(previous.map { ($0.reference, $0) }, uniquingKeysWith: { _, last in last })
        var changes: [ParticipationChange] = []
        for new in current {
            guard let old = before[new.reference], old != new else { continue }
            func role(_ snapshot: CommitteeSnapshot) -> [String: String] {
                var roles: [String: String] = [:]
                for body in snapshot.oMembers { roles[body] = "O" }
                for body in snapshot.pMembers { roles[body] = "P" }
                return roles
            }
            let was = role(old), now = role(new)
            for body in Set(was.keys).union(now.keys) {
                let from = was[body] ?? "", to = now[body] ?? ""
                guard from != to else { continue }
                let kind: ParticipationChangeKind = from.isEmpty ? .memberAdded : to.isEmpty ? .memberRemoved : from == "P" ? .pToO : .oToP
                changes.append(ParticipationChange(committee: new.reference, kind: kind, body: body, from: from, to: to))
            }
            if old.secretariat != new.secretariat {
                changes.append(ParticipationChange(committee: new.reference, kind: .secretariat, body: new.secretariat,
                                                   from: old.secretariat, to: new.secretariat))
            }
        }
        return changes.sorted {
            ($0.committee, $0.kind, $0.body) < ($1.committee, $1.kind, $1.body)
        }
    }

    /// The same changes with each body's country and regions filled in.
    /// - Parameters:
    ///   - country: a national body's country, if known.
    ///   - regions: configured regions, in report order.
    public static func locate(_ changes: [ParticipationChange], country: (String) -> String?, regions: [ReportRegion]) -> [ParticipationChange] {
        changes.map { change in
            var located = change
            located.country = change.body.isEmpty ? "" : country(change.body) ?? ""
            located.regions = located.country.isEmpty ? [] : regions.filter { $0.countries.contains(located.country) }.map(\.name)
            if change.kind == .secretariat, !change.from.isEmpty {
                located.fromCountry = country(change.from) ?? ""
                located.fromRegions = located.fromCountry.isEmpty ? [] : regions.filter { $0.countries.contains(located.fromCountry) }.map(\.name)
            }
            return located
        }
    }
}
