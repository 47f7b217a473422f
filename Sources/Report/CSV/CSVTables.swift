import LandscapeModel

/// Encodes the pipeline's tables as CSV in the contract's dialect, with the header taken
/// from ``TableSchemas`` so that the files and `datapackage.json` cannot drift apart.
public enum CSVTables {
    /// `standards.csv`.
    public static func standards(_ standards: [ScoredStandard], policy: [String: PolicyColumns]? = nil) -> String {
        var bytes: [UInt8] = []
        writeStandards(standards, policy: policy) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `standards.csv`, handed to `flush` in pieces of about a megabyte: a million rows are
    /// 300 MB, which need never be held at once.
    /// `policy`: the `eu_policy`/`us_policy` provision ids per standard id (nil: no policy configured).
    public static func writeStandards(_ standards: [ScoredStandard], policy: [String: PolicyColumns]? = nil,
                                      flush: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        // Walking the array's storage directly spares a retain and release per row.
        try standards.withUnsafeBufferPointer { try writeStandards($0, policy: policy, flush: flush) }
    }

    private static func writeStandards(_ standards: UnsafeBufferPointer<ScoredStandard>, policy: [String: PolicyColumns]?,
                                       flush: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let piece = 1 << 20
        var csv = CSV.Writer(capacity: piece + 64 * 1024)
        csv.row(TableSchemas.standards.header)
        for scored in standards {
            if csv.bytes.count >= piece {
                try csv.bytes.withUnsafeBytes { try flush($0) }
                csv.removeAll()
            }
            let standard = scored.standard
            let card = scored.score
            csv.field(standard.id)
            csv.field(standard.undatedId)
            csv.field(standard.sdo)
            csv.field(standard.sources.first ?? "")
            csv.field(standard.deliverableType.rawValue)
            csv.field(standard.stage.rawValue)
            csv.field(standard.stageCode)
            csv.field(standard.status.rawValue)
            csv.field(standard.committee)
            csv.field(standard.title)
            csv.field(standard.published)
            csv.field(standard.ics.joined(separator: ";"))
            csv.field(standard.adoptedFrom ?? "")
            csv.decimal3(card.aiRelevance)
            for characteristic in Characteristic.allCases {
                csv.decimal3(card.score(characteristic))
            }
            csv.field(card.characteristics.map(\.id).joined(separator: ";"))
            csv.field(evidenceSummary(card))
            csv.field(standard.sources.joined(separator: ";"))
            csv.field(standard.replacedBy.joined(separator: ";"))
            if let columns = policy?[standard.id] {
                csv.field(columns.eu.joined(separator: ";"))
                csv.field(columns.us.joined(separator: ";"))
                csv.field(columns.mutualInterest ? "true" : "false")
            } else {
                csv.field("")
                csv.field("")
                csv.field("false")
            }
            csv.endRow()
        }
        try csv.bytes.withUnsafeBytes { try flush($0) }
    }

    /// `quarantine.csv`.
    public static func quarantine(_ entries: [QuarantineEntry]) -> String {
        var text = CSV.line(TableSchemas.quarantine.header)
        for entry in entries {
            text += CSV.line([entry.location.source, entry.location.file, String(entry.location.line), entry.reference, entry.reason])
        }
        return text
    }

    /// `participation.csv`, with the columns of ``TableSchemas/participation(extraRegions:)``.
    public static func participation(_ rows: [CommitteeParticipation], extraRegions: [String] = []) -> String {
        var csv = CSV.Writer(capacity: 128 * (rows.count + 1))
        csv.row(TableSchemas.participation(extraRegions: extraRegions).header)
        for row in rows {
            csv.field(row.committee)
            csv.field(row.sdo)
            csv.field(row.secretariat)
            csv.field(row.secretariatCountry)
            csv.field(row.pMembers)
            csv.field(row.oMembers)
            csv.field(row.euPMembers)
            csv.field(row.euOMembers)
            csv.field(row.usStatus?.rawValue ?? "")
            csv.field(row.standards)
            csv.field(row.aiStandards)
            csv.field(row.resolvedFrom ?? "")
            csv.field(row.membership.rawValue)
            for region in extraRegions {
                let seats = row.regions[region] ?? RegionMembership()
                csv.field(seats.pMembers > 0 ? "P" : seats.oMembers > 0 ? "O" : "")
                csv.field(seats.pMembers)
                csv.field(seats.oMembers)
                csv.field(seats.holdsSecretariat ? 1 : 0)
            }
            csv.endRow()
        }
        return csv.text
    }

    /// `participation_summary.csv`.
    public static func participationSummary(_ rows: [CharacteristicParticipation]) -> String {
        var text = CSV.line(TableSchemas.participationSummary.header)
        for row in rows {
            text += CSV.line([
                row.characteristic.id, row.region, String(row.standards), String(row.withPMember),
                decimal3(row.pMemberShare), String(row.secretariats),
            ])
        }
        return text
    }

    /// The compact `evidence` column: `target: term (field), term (field); target: …`,
    /// the strongest evidence first, each term once per target. With fitted weights each term
    /// also shows its contribution to the logit as `coefficient×value`:
    /// `ai_relevance: machine learning (title 1.234×3.000)`.
    public static func evidenceSummary(_ card: ScoreCard) -> String {
        let evidence = card.evidence
        guard !evidence.isEmpty else { return "" }
        // A run writes this for every standard: positions, not the items, are sorted (an item
        // holds strings), a term is known by its target and text rather than by a key string,
        // and each target's text is written as bytes.
        let order = evidence.indices.sorted { evidence[$0].weight > evidence[$1].weight }
        var groups: [(target: ScoreTarget, bytes: [UInt8])] = []
        var seen: Set<TargetTerm> = []
        for position in order {
            let item = evidence[position]
            guard seen.insert(TargetTerm(target: item.target, term: item.term)).inserted else { continue }
            let group: Int
            if let found = groups.firstIndex(where: { $0.target == item.target }) {
                group = found
                groups[group].bytes.append(contentsOf: ", ".utf8)
            } else {
                group = groups.count
                groups.append((item.target, Array(item.target.description.utf8) + Array(": ".utf8)))
            }
            groups[group].bytes.append(contentsOf: item.term.utf8)
            groups[group].bytes.append(contentsOf: " (".utf8)
            groups[group].bytes.append(contentsOf: item.field.rawValue.utf8)
            if let coefficient = item.coefficient {
                groups[group].bytes.append(UInt8(ascii: " "))
                CSV.appendDecimal3(coefficient, to: &groups[group].bytes)
                groups[group].bytes.append(contentsOf: "×".utf8)
                CSV.appendDecimal3(item.value ?? 0, to: &groups[group].bytes)
            }
            groups[group].bytes.append(UInt8(ascii: ")"))
        }
        var bytes = groups[0].bytes
        for group in groups.dropFirst() {
            bytes.append(contentsOf: "; ".utf8)
            bytes.append(contentsOf: group.bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct TargetTerm: Hashable {
        let target: ScoreTarget
        let term: String
    }

    /// A number in [0, 1] (or any finite value) with exactly three decimals, e.g. `0.050`.
    public static func decimal3(_ value: Double) -> String {
        var bytes: [UInt8] = []
        CSV.appendDecimal3(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
