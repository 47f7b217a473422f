import Foundation
import LandscapeModel

/// The participation stage: who sits on the committees behind the standards,
/// per committee and per (characteristic, region). The measures are defined in
/// README.md ("Participation").
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
        }
        var rowOfReference: [String: [String: Int]] = [:]   // committee as written → sdo → row (-1: none)
        var rowOfKey: [CommitteeKey: Int] = [:]
        var rows: [Row] = []
        var rowOfStandard: [Int] = []
        rowOfStandard.reserveCapacity(standards.count)
        for scored in standards {
            let written = scored.standard.committee
            let sdo = scored.standard.sdo
            let slot: Int
            if let known = rowOfReference[written]?[sdo] {
                slot = known
            } else {
                let reference = written.trimmed
                if reference.isEmpty {
                    slot = -1
                } else {
                    let figures = self.figures(committee: reference, sdo: sdo)
                    let key = CommitteeKey(figures.committee)
                    if let existing = rowOfKey[key] {
                        slot = existing
                    } else {
                        slot = rows.count
                        rows.append(Row(figures: figures, firstSeen: scored.standard.origins.first))
                        rowOfKey[key] = slot
                    }
                }
                rowOfReference[written, default: [:]][sdo] = slot
            }
            rowOfStandard.append(slot)
            guard slot >= 0 else { continue }
            rows[slot].standards += 1
            if scored.isAIRelevant { rows[slot].aiStandards += 1 }
        }

        var warnings: [ParticipationWarning] = []
        let ordered = rows.sorted { NaturalOrder.less($0.figures.committee, $1.figures.committee) }
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

        let summary = summarize(standards, rows: rowOfStandard, figures: rows.map(\.figures))
        return ParticipationResult(committees: committees, summary: summary, warnings: warnings)
    }

    /// - Parameters:
    ///   - rows: per standard, the index of its committee in `figures`, or -1 when it names none.
    private func summarize(_ standards: [ScoredStandard], rows: [Int], figures: [CommitteeFigures]) -> [CharacteristicParticipation] {
        // Adoptions whose adopted text is itself among the standards count once, under the developer.
        // Only the (few) adopted ids matter: collect them, then see which are among the standards.
        var adopted: Set<String> = []
        if settings.adoptions == .developingCommittee {
            for scored in standards {
                if let source = scored.standard.adoptedFrom, !source.isEmpty {
                    adopted.insert(source)
                    adopted.insert(undated(source))
                }
            }
        }
        var present: Set<String> = []
        if !adopted.isEmpty {
            for scored in standards {
                if adopted.contains(scored.standard.id) { present.insert(scored.standard.id) }
                if adopted.contains(scored.standard.undatedId) { present.insert(scored.standard.undatedId) }
            }
        }
        func countsOnce(_ standard: Standard) -> Bool {
            guard !present.isEmpty, let source = standard.adoptedFrom, !source.isEmpty else { return true }
            return !(present.contains(source) || present.contains(undated(source)))
        }

        /// One committee's contribution to a region's tally.
        struct Seats {
            var hasPMember: Bool
            var share: Double
            var holdsSecretariat: Bool
        }
        struct Tally {
            var standards = 0
            var withPMember = 0
            var share = 0.0
            var secretariats = 0
        }
        let regionNames = regions.regions.map(\.name)
        let noSeats = regionNames.map { _ in Seats(hasPMember: false, share: 0, holdsSecretariat: false) }
        let seatsOfRow = figures.map { figures in
            regionNames.map { name in
                let membership = figures.membership(of: name)
                return Seats(hasPMember: membership.pMembers > 0, share: figures.pMemberShare(of: name), holdsSecretariat: membership.holdsSecretariat)
            }
        }
        let characteristics = Characteristic.allCases
        var tallies = [Tally](repeating: Tally(), count: characteristics.count * regionNames.count)
        for (position, scored) in standards.enumerated() where countsOnce(scored.standard) {
            let seats = rows[position] >= 0 ? seatsOfRow[rows[position]] : noSeats
            let own = scored.score.characteristics
            for (ordinal, characteristic) in characteristics.enumerated() {
                let has = own.contains(characteristic)
                let included: Bool
                switch settings.scope {
                case .aiRelevant: included = scored.isAIRelevant && has
                case .characteristic: included = has
                case .aiRelevantOrCharacteristic: included = scored.isAIRelevant || has
                }
                guard included else { continue }
                for (index, seat) in seats.enumerated() {
                    let slot = ordinal * regionNames.count + index
                    tallies[slot].standards += 1
                    tallies[slot].share += seat.share
                    if seat.hasPMember { tallies[slot].withPMember += 1 }
                    if seat.holdsSecretariat { tallies[slot].secretariats += 1 }
                }
            }
        }
        return characteristics.enumerated().flatMap { ordinal, characteristic in
            regionNames.enumerated().map { index, name in
                let tally = tallies[ordinal * regionNames.count + index]
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
