import LandscapeModel

/// The numbers the report shows, computed from the AI-relevant standards in one pass.
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

    /// SDO groups in the order the report shows them; other groups follow, largest first.
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

    /// At most this many SDO columns; the least populated groups beyond it share the column `other`.
    static let maximumColumns = 8
    static let otherGroup = "other"

    /// The heatmap's columns for these counts of AI-relevant standards per SDO group: the
    /// always-shown groups and every populated one, preferred groups first, then by size.
    static func columns(for counts: [String: Int]) -> [String] {
        let shown = Set(counts.filter { $0.value > 0 }.map(\.key)).union(alwaysShown)
        let ordered = shown.sorted { a, b in
            let pa = preferredGroups.firstIndex(of: a) ?? Int.max, pb = preferredGroups.firstIndex(of: b) ?? Int.max
            if pa != pb { return pa < pb }
            let ca = counts[a] ?? 0, cb = counts[b] ?? 0
            return ca != cb ? ca > cb : a < b
        }
        guard ordered.count > maximumColumns else { return ordered }
        return Array(ordered.prefix(maximumColumns - 1)) + [otherGroup]
    }

    init(_ input: ReportInput) {
        let characteristics = Characteristic.allCases
        let committeeByName = Dictionary(input.committees.map { ($0.committee, $0) }, uniquingKeysWith: { first, _ in first })
        var regionOfCountry: [String: String] = [:]
        for region in input.regions.reversed() {
            for country in region.countries { regionOfCountry[country] = region.name }
        }

        let relevant = input.standards.filter(\.isAIRelevant)
        let described = relevant.filter { !$0.score.characteristics.isEmpty }
        var perGroup: [String: Int] = [:]
        for scored in described { perGroup[Self.group(ofSDO: scored.standard.sdo), default: 0] += 1 }
        let columns = Self.columns(for: perGroup)
        let columnOfGroup = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        let otherColumn = columnOfGroup[Self.otherGroup]

        var coverage = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Array(repeating: Tally(), count: columns.count)) })
        var stages = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Array(repeating: 0, count: Stage.allCases.count)) })
        var totals = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Tally()) })
        var leadership = Dictionary(uniqueKeysWithValues: characteristics.map { ($0, Leadership()) })
        var candidates: [Characteristic: [ScoredStandard]] = [:]

        for scored in described {
            let standard = scored.standard
            let column = columnOfGroup[Self.group(ofSDO: standard.sdo)] ?? otherColumn!
            let country = committeeByName[standard.committee]?.secretariatCountry ?? ""
            for characteristic in scored.score.characteristics {
                stages[characteristic]![standard.stage.ordinal] += 1
                if standard.stage == .withdrawn || standard.status == .withdrawn {
                    coverage[characteristic]![column].withdrawn += 1
                    totals[characteristic]!.withdrawn += 1
                    continue
                }
                if standard.stage == .published {
                    coverage[characteristic]![column].published += 1
                    totals[characteristic]!.published += 1
                } else {
                    coverage[characteristic]![column].inDevelopment += 1
                    totals[characteristic]!.inDevelopment += 1
                }
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

        sdoGroups = columns
        self.coverage = coverage
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
        self.aiRelevant = relevant.count
        self.aiRelevantWithoutCharacteristic = relevant.count - described.count
    }
}
