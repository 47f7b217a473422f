import Foundation
import LandscapeModel

/// The participation stage: who sits on the committees behind the standards,
/// per committee and per (characteristic, region). The measures are defined in
/// `docs/participation.md`.
public struct ParticipationAnalysis: Sendable {
    public var data: CommitteeData
    public var regions: RegionSettings
    public var settings: ParticipationSettings

    public init(data: CommitteeData, regions: RegionSettings = RegionSettings(), settings: ParticipationSettings = ParticipationSettings()) {
        self.data = data
        self.regions = regions
        self.settings = settings
    }

    /// One standard's committee figures (its primary committee), for `landscape explain`.
    public func figures(for standard: Standard) -> CommitteeFigures {
        figures(committee: standard.committee, sdo: standard.sdo)
    }

    /// A committee reference's figures, resolved as ``CommitteeDirectory/resolve(_:sdo:)`` does.
    public func figures(committee reference: String, sdo: String = "") -> CommitteeFigures {
        let resolution = data.directory.resolve(reference, sdo: sdo)
        let rowSDO: String
        if resolution.match == .exact, let committee = resolution.committee {
            rowSDO = committee.sdo
        } else {
            let prefix = organisationPrefix(of: resolution.reference)
            rowSDO = !prefix.isEmpty ? prefix : (resolution.committee?.sdo ?? sdo)
        }
        return CommitteeFigures(committee: resolution.reference, resolution: resolution, sdo: rowSDO, members: data.members, regions: regions)
    }

    /// Measures every committee that owns a standard and every (characteristic, region).
    public func run(_ standards: [ScoredStandard]) -> ParticipationResult {
        // Resolve each distinct (committee, sdo) once; standards share a handful of committees.
        struct Row {
            var figures: CommitteeFigures
            var standards = 0
            var aiStandards = 0
            var firstSeen: SourceLocation?
            var spellings: Set<String> = []
        }
        var cache: [String: [String: CommitteeFigures]] = [:]
        var rows: [CommitteeKey: Row] = [:]
        var figuresOfStandard: [CommitteeFigures?] = []
        figuresOfStandard.reserveCapacity(standards.count)
        for scored in standards {
            let standard = scored.standard
            let reference = standard.committee.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reference.isEmpty else {
                figuresOfStandard.append(nil)
                continue
            }
            let figures: CommitteeFigures
            if let cached = cache[reference]?[standard.sdo] {
                figures = cached
            } else {
                figures = self.figures(committee: reference, sdo: standard.sdo)
                cache[reference, default: [:]][standard.sdo] = figures
            }
            figuresOfStandard.append(figures)
            let key = CommitteeKey(figures.committee)
            rows[key, default: Row(figures: figures, firstSeen: standard.origins.first)].standards += 1
            rows[key]!.spellings.insert(reference)
            if scored.isAIRelevant { rows[key]!.aiStandards += 1 }
        }

        var warnings: [ParticipationWarning] = []
        let ordered = rows.values.sorted { NaturalOrder.less($0.figures.committee, $1.figures.committee) }
        let committees = ordered.map { row -> CommitteeParticipation in
            let figures = row.figures
            let eu = figures.membership(of: RegionSettings.eu)
            let owns = "owns \(row.standards) standard\(row.standards == 1 ? "" : "s")"
            switch figures.resolution.match {
            case .none:
                warnings.append(ParticipationWarning(kind: .unknownCommittee, subject: figures.committee,
                    message: "no committee data; \(owns), reported with empty figures", location: row.firstSeen))
            case .parent, .organisationDefault:
                warnings.append(ParticipationWarning(kind: .resolvedToParent, subject: figures.committee,
                    message: "no data of its own; uses \(figures.resolution.resolvedFrom ?? "") (\(owns))", location: row.firstSeen))
            case .exact:
                break
            }
            var additional: [String: RegionMembership] = [:]
            for region in regions.additionalRegions { additional[region.name] = figures.membership(of: region.name) }
            return CommitteeParticipation(
                committee: figures.committee,
                sdo: figures.sdo,
                secretariat: figures.secretariat?.acronym ?? "",
                secretariatCountry: figures.secretariat?.country ?? "",
                pMembers: figures.pMembers.count,
                oMembers: figures.oMembers.count,
                euPMembers: eu.pMembers,
                euOMembers: eu.oMembers,
                usStatus: figures.status(of: RegionSettings.us),
                standards: row.standards,
                aiStandards: row.aiStandards,
                resolvedFrom: figures.resolution.resolvedFrom,
                membership: figures.membership,
                regions: additional)
        }

        let summary = summarize(standards, figures: figuresOfStandard)
        return ParticipationResult(committees: committees, summary: summary, warnings: warnings)
    }

    private func summarize(_ standards: [ScoredStandard], figures: [CommitteeFigures?]) -> [CharacteristicParticipation] {
        // Adoptions whose adopted text is itself among the standards count once, under the developer.
        var known: Set<String> = []
        if settings.adoptions == .developingCommittee {
            for scored in standards {
                known.insert(scored.standard.id)
                known.insert(scored.standard.undatedId)
            }
        }
        func countsOnce(_ standard: Standard) -> Bool {
            guard settings.adoptions == .developingCommittee, let adopted = standard.adoptedFrom, !adopted.isEmpty else { return true }
            return !(known.contains(adopted) || known.contains(undated(adopted)))
        }

        struct Tally {
            var standards = 0
            var withPMember = 0
            var share = 0.0
            var secretariats = 0
        }
        let regionNames = regions.regions.map(\.name)
        var tallies = [[Tally]](repeating: [Tally](repeating: Tally(), count: regionNames.count), count: Characteristic.allCases.count)
        for (position, scored) in standards.enumerated() where countsOnce(scored.standard) {
            let characteristics = Set(scored.score.characteristics)
            let figures = figures[position]
            for characteristic in Characteristic.allCases {
                let has = characteristics.contains(characteristic)
                let included: Bool
                switch settings.scope {
                case .aiRelevant: included = scored.isAIRelevant && has
                case .characteristic: included = has
                case .aiRelevantOrCharacteristic: included = scored.isAIRelevant || has
                }
                guard included else { continue }
                for (index, name) in regionNames.enumerated() {
                    tallies[characteristic.ordinal][index].standards += 1
                    guard let figures else { continue }
                    let seats = figures.membership(of: name)
                    if seats.pMembers > 0 { tallies[characteristic.ordinal][index].withPMember += 1 }
                    tallies[characteristic.ordinal][index].share += figures.pMemberShare(of: name)
                    if seats.holdsSecretariat { tallies[characteristic.ordinal][index].secretariats += 1 }
                }
            }
        }
        return Characteristic.allCases.flatMap { characteristic in
            regionNames.enumerated().map { index, name in
                let tally = tallies[characteristic.ordinal][index]
                let mean = tally.standards == 0 ? 0 : tally.share / Double(tally.standards)
                return CharacteristicParticipation(
                    characteristic: characteristic, region: name, standards: tally.standards,
                    withPMember: tally.withPMember, pMemberShare: (mean * 1000).rounded() / 1000,
                    secretariats: tally.secretariats)
            }
        }
    }

    /// `ISO/IEC 23894:2023` → `ISO/IEC 23894`.
    private func undated(_ id: String) -> String {
        guard let colon = id.lastIndex(of: ":"), id[id.index(after: colon)...].first?.isNumber == true else { return id }
        return String(id[..<colon])
    }
}

/// What the participation stage produces.
public struct ParticipationResult: Sendable {
    /// `participation.csv`: committees that own at least one standard, in natural order of reference.
    public var committees: [CommitteeParticipation]
    /// `participation_summary.csv`: characteristics in contract order, regions `EU`, `US`, then the others.
    public var summary: [CharacteristicParticipation]
    /// Unknown committees and committees resolved to a parent, one per committee.
    public var warnings: [ParticipationWarning]

    public init(committees: [CommitteeParticipation], summary: [CharacteristicParticipation], warnings: [ParticipationWarning]) {
        self.committees = committees
        self.summary = summary
        self.warnings = warnings
    }
}
