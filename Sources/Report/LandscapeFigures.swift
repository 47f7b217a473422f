import LandscapeModel

/// The numbers the report shows, computed in one pass over the standards.
struct LandscapeFigures {
    /// AI-relevant standards with one characteristic, split by where they are in their life.
    struct Tally {
        var published = 0
        var inDevelopment = 0
        var withdrawn = 0
        var current: Int { published + inDevelopment }
    }

    /// Who leads (holds the secretariat of) the committees behind one characteristic's standards.
    struct Leadership {
        /// Region name → standards whose primary committee's secretariat is in that region.
        var byRegion: [String: Int] = [:]
        /// Secretariat country (outside every region) → standards.
        var otherCountries: [String: Int] = [:]
        /// Standards whose committee has no known secretariat (IEEE, or no committee data).
        var unknown = 0
        var others: Int { otherCountries.values.reduce(0, +) }
    }

    let sdoGroups: [String]
    /// Characteristic → one tally per SDO group (same order as `sdoGroups`).
    let coverage: [Characteristic: [Tally]]
    /// Characteristic → count per `Stage.allCases`.
    let stages: [Characteristic: [Int]]
    let totals: [Characteristic: Tally]
    let leadership: [Characteristic: Leadership]
    /// Characteristic → its best-scoring current AI-relevant standards, best first.
    let top: [Characteristic: [ScoredStandard]]
    let aiRelevant: Int
    let aiRelevantWithoutCharacteristic: Int

    /// SDO groups in the order the report shows them; groups not listed here follow alphabetically.
    static let preferredGroups = ["ISO", "IEC", "ISO/IEC", "IEEE", "ISO/IEC/IEEE", "CEN/CENELEC", "ETSI"]
    /// Groups shown even when they count nothing: an empty column is itself a finding.
    static let alwaysShown: Set<String> = ["ISO", "IEC", "ISO/IEC", "IEEE", "CEN/CENELEC"]

    /// The column an `sdo` value belongs to: CEN, CENELEC and their joint committees count
    /// together; joint ISO/IEC/IEEE work counts as one group.
    static func group(ofSDO sdo: String) -> String {
        switch sdo.uppercased() {
        case "CEN", "CENELEC", "CEN/CLC", "CLC", "CEN/CENELEC", "CEN-CENELEC", "EN": "CEN/CENELEC"
        case "ISO/IEC/IEEE", "ISO/IEEE", "IEC/IEEE": "ISO/IEC/IEEE"
        case "": "unknown"
        default: sdo
        }
    }

    init(_ input: ReportInput) {
        let characteristics = Characteristic.allCases
        let committeeByName = Dictionary(input.committees.map { ($0.committee, $0) }, uniquingKeysWith: { first, _ in first })
        var regionOfCountry: [String: String] = [:]
        for region in input.regions.reversed() {
            for country in region.countries { regionOfCountry[country] = region.name }
        }

        var groupIndex: [String: Int] = [:]
        var groups: [String] = []
        func index(of group: String) -> Int {
            if let index = groupIndex[group] { return index }
            groups.append(group)
            groupIndex[group] = groups.count - 1
            return groups.count - 1
        }
        for group in Self.preferredGroups where Self.alwaysShown.contains(group) { _ = index(of: group) }

        var coverage: [Characteristic: [Tally]] = [:]
        var stages = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Array(repeating: 0, count: Stage.allCases.count)) })
        var totals = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Tally()) })
        var leadership = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Leadership()) })
        var candidates: [Characteristic: [ScoredStandard]] = [:]
        var aiRelevant = 0
        var withoutCharacteristic = 0

        for scored in input.standards where scored.isAIRelevant {
            aiRelevant += 1
            let standard = scored.standard
            if scored.score.characteristics.isEmpty { withoutCharacteristic += 1; continue }
            let column = index(of: Self.group(ofSDO: standard.sdo))
            let committee = committeeByName[standard.committee]
            let country = committee?.secretariatCountry ?? ""
            for characteristic in scored.score.characteristics {
                stages[characteristic]![standard.stage.ordinal] += 1
                var tallies = coverage[characteristic] ?? []
                while tallies.count <= column { tallies.append(Tally()) }
                if standard.stage == .withdrawn || standard.status == .withdrawn {
                    tallies[column].withdrawn += 1
                    totals[characteristic]!.withdrawn += 1
                    coverage[characteristic] = tallies
                    continue
                }
                if standard.stage == .published {
                    tallies[column].published += 1
                    totals[characteristic]!.published += 1
                } else {
                    tallies[column].inDevelopment += 1
                    totals[characteristic]!.inDevelopment += 1
                }
                coverage[characteristic] = tallies
                candidates[characteristic, default: []].append(scored)
                if country.isEmpty {
                    leadership[characteristic]!.unknown += 1
                } else if let region = regionOfCountry[country] {
                    leadership[characteristic]!.byRegion[region, default: 0] += 1
                } else {
                    leadership[characteristic]!.otherCountries[country, default: 0] += 1
                }
            }
        }

        // Order the columns: preferred groups first, then the rest alphabetically; drop empty extra groups.
        let used = Set(coverage.values.flatMap { tallies in tallies.enumerated().filter { $0.element.current + $0.element.withdrawn > 0 }.map(\.offset) })
        let order = groups.indices
            .filter { Self.alwaysShown.contains(groups[$0]) || used.contains($0) }
            .sorted { a, b in
                let pa = Self.preferredGroups.firstIndex(of: groups[a]) ?? Int.max
                let pb = Self.preferredGroups.firstIndex(of: groups[b]) ?? Int.max
                return pa != pb ? pa < pb : groups[a] < groups[b]
            }
        sdoGroups = order.map { groups[$0] }
        self.coverage = Dictionary(uniqueKeysWithValues: characteristics.map { characteristic in
            let tallies = coverage[characteristic] ?? []
            return (characteristic, order.map { $0 < tallies.count ? tallies[$0] : Tally() })
        })
        self.stages = stages
        self.totals = totals
        self.leadership = leadership
        let limit = input.settings.topStandards
        var top: [Characteristic: [ScoredStandard]] = [:]
        for (characteristic, list) in candidates {
            top[characteristic] = Array(list.sorted { a, b in
                let sa = a.score.score(characteristic), sb = b.score.score(characteristic)
                if sa != sb { return sa > sb }
                if a.standard.stage != b.standard.stage { return a.standard.stage > b.standard.stage }
                return a.standard.id < b.standard.id
            }.prefix(limit))
        }
        self.top = top
        self.aiRelevant = aiRelevant
        self.aiRelevantWithoutCharacteristic = withoutCharacteristic
    }
}
