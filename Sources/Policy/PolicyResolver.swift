import LandscapeModel

/// Resolves the references of the policy files against the normalized standards.
///
/// A reference resolves, in this order:
/// 1. **exact**: its canonical id (or one of a standard's aliases) is a standard's id;
/// 2. **undated**: its undated id is the undated id of one or more editions; the current
///    edition is taken: published, in force and replaced by none, else the latest published
///    of those in force, else the draft furthest along. Two current editions that nothing
///    orders (same publication date) leave the reference unresolved (ambiguous).
/// 3. When neither matches a standard but some standard adopts the referenced id, those adopters.
///
/// From the standard it resolved to, the link extends through adoption chains in both
/// directions, each standard reached **via-adoption**: what it adopts (and what that adopts,
/// …), and every standard that adopts it (and their adopters, …). A provision naming
/// `ISO/IEC 42001` thus concerns the EN that adopts it, and a provision naming the EN
/// concerns `ISO/IEC 42001:2023`.
///
/// Every lookup is a hash lookup: the index is built once, in one pass over the standards.
public struct PolicyResolver: Sendable {
    /// A reference's canonical id and undated id, as the catalogs' reference parser writes
    /// them (`ISO/IEC FDIS 42001` → `ISO/IEC FDIS 42001`, `ISO/IEC 42001`). The pipeline
    /// passes the normalizer's parser; unparsable text comes back as it is.
    public typealias Canonical = @Sendable (String) -> (id: String, undatedId: String)

    private let standards: [Standard]
    private var byId: [String: Int] = [:]
    /// The first edition of each undated id; ``moreEditions`` the others (few undated ids
    /// have several editions: one array per id would be a hundred thousand allocations).
    private var byUndated: [String: Int] = [:]
    private var moreEditions: [String: [Int]] = [:]
    private var adopters: [String: [Int]] = [:]
    private let canonical: Canonical

    public init(standards: [Standard], canonical: @escaping Canonical) {
        self.standards = standards
        self.canonical = canonical
        byId.reserveCapacity(standards.count)
        for (index, standard) in standards.enumerated() {
            byId[Self.key(standard.id)] = index
            let undated = Self.key(standard.undatedId)
            if byUndated[undated] == nil { byUndated[undated] = index } else { moreEditions[undated, default: []].append(index) }
            if let adopted = standard.adoptedFrom { adopters[Self.key(adopted), default: []].append(index) }
        }
        // Aliases after every id, so that an alias never hides a standard's own id.
        for (index, standard) in standards.enumerated() {
            for alias in standard.aliases where byId[Self.key(alias)] == nil { byId[Self.key(alias)] = index }
        }
    }

    /// The comparison key of an id (the normalizer's own key of a canonical id).
    static func key(_ id: String) -> String { ReferenceKey.of(id) }

    /// What one reference resolves to.
    public enum Resolution: Sendable, Equatable {
        /// Standards (by index into the standards given) with how each was reached; the first
        /// is the one the reference itself names.
        case resolved([(index: Int, match: PolicyMatch)])
        case unresolved(reason: String)

        public static func == (lhs: Resolution, rhs: Resolution) -> Bool {
            switch (lhs, rhs) {
            case (.resolved(let a), .resolved(let b)): a.map(\.index) == b.map(\.index) && a.map(\.match) == b.map(\.match)
            case (.unresolved(let a), .unresolved(let b)): a == b
            default: false
            }
        }
    }

    /// Resolves one reference text.
    public func resolve(_ text: String) -> Resolution {
        let names = canonical(text)
        var direct: (index: Int, match: PolicyMatch)?
        if let index = byId[Self.key(names.id)] ?? byId[Self.key(text)] {
            direct = (index, .exact)
        } else if case let undated = Self.key(names.undatedId), let first = byUndated[undated] {
            let editions = [first] + (moreEditions[undated] ?? [])
            switch currentEdition(of: editions) {
            case .one(let index): direct = (index, .undated)
            case .ambiguous(let ids): return .unresolved(reason: "several current editions of \(names.undatedId): \(ids.joined(separator: ", "))")
            }
        }
        guard let direct else {
            let adopting = adopters[Self.key(names.id)] ?? []
            guard !adopting.isEmpty else { return .unresolved(reason: "no standard in the catalogs") }
            var result: [(index: Int, match: PolicyMatch)] = []
            var seen = Set<Int>()
            for index in adopting { extend(from: index, into: &result, seen: &seen, includingSelf: true) }
            return .resolved(result)
        }
        var result = [direct]
        var seen: Set<Int> = [direct.index]
        extend(from: direct.index, into: &result, seen: &seen, includingSelf: false)
        return .resolved(result)
    }

    /// Adds what `start` adopts (transitively) and what adopts it (transitively), via adoption.
    private func extend(from start: Int, into result: inout [(index: Int, match: PolicyMatch)], seen: inout Set<Int>, includingSelf: Bool) {
        if includingSelf, seen.insert(start).inserted { result.append((start, .viaAdoption)) }
        var current = start
        while let adopted = standards[current].adoptedFrom, let next = byId[Self.key(adopted)], seen.insert(next).inserted {
            result.append((next, .viaAdoption))
            current = next
        }
        var queue = [start]
        while let index = queue.popLast() {
            for adopter in adopters[Self.key(standards[index].id)] ?? [] where seen.insert(adopter).inserted {
                result.append((adopter, .viaAdoption))
                queue.append(adopter)
            }
        }
    }

    private enum Edition { case one(Int), ambiguous([String]) }

    /// The current edition among standards sharing an undated id.
    private func currentEdition(of editions: [Int]) -> Edition {
        if editions.count == 1 { return .one(editions[0]) }
        func tier(_ standard: Standard) -> Int {
            switch standard.status {
            case .active: standard.replacedBy.isEmpty ? 0 : 1
            case .draft: 2
            case .withdrawn: 3
            }
        }
        let best = editions.map { tier(standards[$0]) }.min()!
        let tied = editions.filter { tier(standards[$0]) == best }
        if tied.count == 1 { return .one(tied[0]) }
        // Later first: the furthest stage (drafts), then the latest publication date.
        func order(_ index: Int) -> (Int, String) { (standards[index].stage.ordinal, standards[index].published) }
        let top = tied.map(order).max { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }!
        let leaders = tied.filter { order($0) == top }
        if leaders.count == 1 { return .one(leaders[0]) }
        return .ambiguous(leaders.map { standards[$0].id }.sorted())
    }

    /// Resolves every reference of `catalog`: the links (one per standard and provision, the
    /// most direct match kept), the `standards.csv` columns, and the references left unresolved.
    public func resolve(_ catalog: PolicyCatalog) -> PolicyFindings {
        var findings = PolicyFindings(provisions: catalog.provisions, files: catalog.files)
        var linkAt: [String: Int] = [:]   // "provision\u{1F}standard" → index in links
        let rank: [PolicyMatch: Int] = [.exact: 0, .undated: 1, .viaAdoption: 2]
        for reference in catalog.references {
            switch resolve(reference.text) {
            case .unresolved(let reason):
                findings.unresolved.append(UnresolvedPolicyReference(
                    reference: reference.text, provisionId: reference.provisionId, side: reference.side,
                    relation: reference.relation, reason: reason, location: reference.location))
            case .resolved(let reached):
                let via = standards[reached[0].index].id
                for (index, match) in reached {
                    let standard = standards[index]
                    let link = PolicyLink(
                        standardId: standard.id, provisionId: reference.provisionId, side: reference.side,
                        instrument: reference.instrument, relation: reference.relation, match: match,
                        reference: reference.text, via: match == .viaAdoption ? via : standard.id,
                        url: reference.url, read: reference.read, status: reference.status)
                    let key = reference.provisionId + "\u{1F}" + standard.id
                    if let existing = linkAt[key] {
                        if rank[match]! < rank[findings.links[existing].match]! { findings.links[existing] = link }
                        continue
                    }
                    linkAt[key] = findings.links.count
                    findings.links.append(link)
                    var columns = findings.columns[standard.id] ?? PolicyColumns()
                    switch reference.side {
                    case .eu: if !columns.eu.contains(reference.provisionId) { columns.eu.append(reference.provisionId) }
                    case .us: if !columns.us.contains(reference.provisionId) { columns.us.append(reference.provisionId) }
                    }
                    findings.columns[standard.id] = columns
                }
            }
        }
        return findings
    }

    // MARK: - Paths of influence

    /// The committee chain behind every standard that an EU provision names (in the order
    /// the links name them): the standard's committee, then, where it adopts another
    /// standard, that standard's committee, and so on. `committees` holds the configured
    /// committee figures by committee reference (the rows of `participation.csv`).
    public func influencePaths(_ findings: PolicyFindings, committees: [String: CommitteeParticipation]) -> [InfluencePath] {
        var order: [String] = []
        var provisions: [String: [String]] = [:]
        for link in findings.links where link.side == .eu {
            if provisions[link.standardId] == nil { order.append(link.standardId) }
            if !(provisions[link.standardId]?.contains(link.provisionId) ?? false) {
                provisions[link.standardId, default: []].append(link.provisionId)
            }
        }
        return order.compactMap { id in
            guard let start = byId[Self.key(id)] else { return nil }
            return InfluencePath(standardId: id, euProvisions: provisions[id] ?? [], steps: steps(from: start, committees: committees))
        }
    }

    private func steps(from start: Int, committees: [String: CommitteeParticipation]) -> [InfluenceStep] {
        var steps: [InfluenceStep] = []
        var seen: Set<Int> = []
        var current: Int? = start
        while let index = current, seen.insert(index).inserted {
            let standard = standards[index]
            steps.append(step(standard.id, adopts: standard.adoptedFrom != nil, committee: standard.committee, committees: committees))
            current = nil
            if let adopted = standard.adoptedFrom {
                if let next = byId[Self.key(adopted)] {
                    current = next
                } else {
                    // The adopted standard is not in the catalogs: its committee is unknown.
                    steps.append(step(adopted, adopts: false, committee: "", committees: committees))
                }
            }
        }
        return steps
    }

    private func step(_ id: String, adopts: Bool, committee: String, committees: [String: CommitteeParticipation]) -> InfluenceStep {
        let role: InfluenceStep.Role = adopts ? .adopts : .develops
        guard let figures = committees[committee] else {
            return InfluenceStep(standardId: id, role: role, committee: committee, committeeKnown: false)
        }
        return InfluenceStep(standardId: id, role: role, committee: committee, committeeKnown: true,
                             pMembers: figures.pMembers, euPMembers: figures.euPMembers, usStatus: figures.usStatus,
                             secretariat: figures.secretariat, secretariatCountry: figures.secretariatCountry)
    }

    /// The standard with this id, if any.
    public func standard(_ id: String) -> Standard? { byId[Self.key(id)].map { standards[$0] } }
}
