import LandscapeModel

/// The one description of every CSV the pipeline writes.
///
/// The CSV encoders take their header from here and `datapackage.json` is generated
/// from here, so the files and their documented schema cannot drift apart. Column
/// order is part of the outside contract: the contract's required columns come first,
/// in the contract's order; columns the project adds follow them.
public enum TableSchemas {
    /// Every table, in the order `datapackage.json` lists them.
    public static let all: [TableSchema] = all(extraRegions: [])

    /// Every table, with `participation.csv` carrying columns for regions beyond EU and US.
    public static func all(extraRegions: [String]) -> [TableSchema] {
        [standards, participation(extraRegions: extraRegions), participationSummary, quarantine, changes, openForComment, trend, terms, termAlignment, policyLinks, influencePaths]
    }

    /// `participation.csv` with four columns for each region beyond EU and US, after the
    /// others: `<region>_status`, `<region>_p_members`, `<region>_o_members`, `<region>_secretariat`.
    public static func participation(extraRegions: [String]) -> TableSchema {
        var table = participation
        for region in extraRegions {
            let prefix = region.lowercased()
            table.columns += [
                Column("\(prefix)_status", .string, "The seat of region \(region): `P`, `O` or empty (none).", allowedValues: ["P", "O"]),
                Column("\(prefix)_p_members", .integer, "How many of the P-members are in region \(region).", required: true, minimum: 0),
                Column("\(prefix)_o_members", .integer, "How many of the O-members are in region \(region).", required: true, minimum: 0),
                Column("\(prefix)_secretariat", .integer, "1 when the secretariat is held by a body of region \(region), else 0.", required: true, minimum: 0, maximum: 1),
            ]
        }
        return table
    }

    // MARK: - standards.csv

    /// `standards.csv`: one row per normalized standard (after de-duplication).
    public static let standards = TableSchema(
        name: "standards",
        path: "standards.csv",
        title: "Standards",
        description: "One row per normalized standard (after de-duplication), with its AI relevance and one score per trustworthiness characteristic.",
        columns: [
            Column("id", .string, "Canonical dated reference as the publisher writes it, e.g. `ISO/IEC 42001:2023`, `IEEE Std 7001-2021`, `IEEE P7001/D4, Oct 2021`.", required: true, unique: true),
            Column("undated_id", .string, "The reference without its date or draft part, e.g. `ISO/IEC 42001`, `IEEE Std 7001`.", required: true),
            Column("sdo", .string, "Publishing organisation(s) as written in the reference prefix: `ISO`, `ISO/IEC`, `IEC`, `IEEE`, `ISO/IEC/IEEE`, `CEN`, `CENELEC`, `CEN/CLC`, `ETSI`…", required: true),
            Column("source", .string, "Name of the configured source (the `name` in Pipeline.yaml) the standard was read from; the first one when several sources supplied it.", required: true),
            Column("deliverable_type", .string, "Kind of deliverable.", required: true, allowedValues: DeliverableType.allCases.map(\.rawValue)),
            Column("stage", .string, "Life-cycle stage, harmonized across publishers.", required: true, allowedValues: Stage.allCases.map(\.rawValue)),
            Column("stage_code", .string, "The source's own stage code: ISO harmonized stage (`60.60`), IEEE status (`Active`, `Superseded`…), CEN status text."),
            Column("status", .string, "`active` (published and in force), `withdrawn`, or `draft` (not yet published).", required: true, allowedValues: Status.allCases.map(\.rawValue)),
            Column("committee", .string, "Primary owning committee in normalized spelling, e.g. `ISO/IEC JTC 1/SC 42`; empty when unknown."),
            Column("title", .string, "English title (or the best available one).", required: true),
            Column("published", .string, "Publication date as an ISO 8601 date or partial date (`2023-12-18`, `2023-12`, `2023`); empty when unknown.", pattern: #"\d{4}(-\d{2}(-\d{2})?)?"#),
            Column("ics", .string, "International Classification for Standards codes, joined with `;`."),
            Column("adopted_from", .string, "Canonical `id` of the standard this one adopts (EN ISO/IEC 23894:2024 → ISO/IEC 23894:2023); empty when it adopts none."),
            Column("ai_relevance", .number, "How strongly the standard concerns artificial intelligence, in [0, 1], three decimals.", required: true, minimum: 0, maximum: 1),
        ] + Characteristic.allCases.map { characteristic in
            Column(
                "score_\(characteristic.id)", .number,
                "Score for the characteristic `\(characteristic.id)`, in [0, 1], three decimals.",
                required: true, minimum: 0, maximum: 1
            )
        } + [
            Column("characteristics", .string, "`;`-joined ids of the characteristics whose score passes the configured threshold, in column order.", pattern: characteristicListPattern),
            Column("evidence", .string, "The evidence behind the scores: per target (`ai_relevance` or a characteristic id), the vocabulary terms matched and the field they were found in, and the learned text features (`<field>:<stemmed words>`) that moved a passed target's score by at least 0.3."),
            Column("sources", .string, "Every configured source that supplied the standard, joined with `;` (several after de-duplication).", required: true),
            Column("replaced_by", .string, "Canonical ids of the editions that replace this one, joined with `;` (ISO Open Data `replacedBy`, STS `std-xref` superseded-by/replaced-by, IEEE obsoleted-by); empty when none is stated."),
        ] + policyColumns
    )

    // MARK: - participation.csv

    /// `participation.csv`: one row per committee that owns at least one standard.
    public static let participation = TableSchema(
        name: "participation",
        path: "participation.csv",
        title: "Committee participation",
        description: "One row per committee that owns at least one standard in standards.csv: who holds the secretariat and who sits on it as a participating (P) or observing (O) member.",
        columns: [
            Column("committee", .string, "Committee reference as in the `committee` column of standards.csv, e.g. `ISO/IEC JTC 1/SC 42`.", required: true, unique: true),
            Column("sdo", .string, "Owning organisation(s): `ISO`, `ISO/IEC`, `IEC`, `CEN`, `CEN/CLC`, `IEEE`…", required: true),
            Column("secretariat", .string, "National body holding the secretariat, e.g. `ANSI`; empty when none or unknown."),
            Column("secretariat_country", .string, "ISO 3166-1 alpha-2 code of the secretariat's country, e.g. `US`; empty when unknown.", pattern: "[A-Z]{2}"),
            Column("p_members", .integer, "Number of participating (P) member national bodies.", required: true, minimum: 0),
            Column("o_members", .integer, "Number of observing (O) member national bodies.", required: true, minimum: 0),
            Column("eu_p_members", .integer, "How many of the P-members are EU member states.", required: true, minimum: 0),
            Column("eu_o_members", .integer, "How many of the O-members are EU member states.", required: true, minimum: 0),
            Column("us_status", .string, "The United States' seat: `P` (participating), `O` (observing) or empty (none).", allowedValues: ["P", "O"]),
            Column("standards", .integer, "Standards in standards.csv owned by this committee.", required: true, minimum: 0),
            Column("ai_standards", .integer, "Of those, the AI-relevant ones.", required: true, minimum: 0),
            Column("resolved_from", .string, "Committee whose membership data was used when this one has none of its own (a working group resolved to its parent); empty when its own data was used."),
            Column("membership", .string, "How members take part: `national-bodies` (ISO, IEC, CEN, CENELEC) or `individuals-and-entities` (IEEE).", required: true, allowedValues: [Membership.nationalBodies.rawValue, Membership.individualsAndEntities.rawValue]),
        ]
    )

    // MARK: - participation_summary.csv

    /// `participation_summary.csv`: one row per (characteristic, region).
    public static let participationSummary = TableSchema(
        name: "participation_summary",
        path: "participation_summary.csv",
        title: "Participation per characteristic and region",
        description: "One row per (characteristic, region): how many relevant standards with the characteristic are written by committees on which the region sits as a P-member, or whose secretariat it holds.",
        columns: [
            Column("characteristic", .string, "Characteristic id.", required: true, allowedValues: Characteristic.allCases.map(\.id)),
            Column("region", .string, "Region name as configured; `EU` (the 27 member states) and `US` always exist.", required: true),
            Column("standards", .integer, "AI-relevant standards with this characteristic.", required: true, minimum: 0),
            Column("with_p_member", .integer, "How many of them are owned by a committee that has the region among its P-members.", required: true, minimum: 0),
            Column("p_member_share", .number, "Mean, over those standards, of the region's share of the owning committee's P-members, in [0, 1].", required: true, minimum: 0, maximum: 1),
            Column("secretariats", .integer, "How many of them are owned by a committee whose secretariat the region holds.", required: true, minimum: 0),
        ]
    )

    // MARK: - quarantine.csv

    /// `quarantine.csv`: one row per rejected record or file.
    public static let quarantine = TableSchema(
        name: "quarantine",
        path: "quarantine.csv",
        title: "Quarantine",
        description: "One row per rejected record or file, with where it was read and why it was rejected.",
        columns: [
            Column("source", .string, "Name of the configured source (or `committees`) the file belongs to.", required: true),
            Column("file", .string, "Path of the file as matched by the source's globs.", required: true),
            Column("line", .integer, "1-based line of the rejected record; 0 when the whole file was rejected.", required: true, minimum: 0),
            Column("reference", .string, "The record's reference when one could be read, else empty."),
            Column("reason", .string, "Why it was rejected; starts with a stable category followed by a colon, e.g. `malformed XML: Premature end of data`.", required: true),
        ]
    )

    // MARK: - changes.csv

    /// `changes.csv`: one row per change since the previous successful run.
    public static let changes = TableSchema(
        name: "changes",
        path: "changes.csv",
        title: "Changes since the previous run",
        description: "One row per change between the previous successful run and this one: standards added or removed, stage transitions, status changes (withdrawals) and characteristic changes; then the seat changes on every committee of the committee files (a body added or removed, P to O, O to P, a secretariat changed), one row per committee and body.",
        columns: [
            Column("id", .string, "The standard's `id` as in standards.csv; on a seat change, the committee's reference as the committee data spells it (`ISO/IEC JTC 1/SC 42`).", required: true),
            Column("change", .string, "Kind of change: `added`, `removed`, `stage`, `status` or `characteristics` (standards); `member-added`, `member-removed`, `member-p-to-o`, `member-o-to-p` or `secretariat` (seats on a committee).", required: true, allowedValues: ChangeKind.allCases.map(\.rawValue) + ParticipationChangeKind.allCases.map(\.rawValue)),
            Column("from", .string, "Value in the previous run (stage, status or `;`-joined characteristic ids); for `removed` the previous stage; empty for `added`."),
            Column("to", .string, "Value in this run; for `added` the new stage; empty for `removed`."),
            Column("previous_id", .string, "The standard's `id` in the previous run when it moved to another stage under a new reference (a draft `ISO/IEC DIS 42006` published as `ISO/IEC 42006:2025`); empty otherwise."),
            Column("body", .string, "Seat changes: the national body (acronym) whose seat changed; for `secretariat`, the new holder (empty when the secretariat became vacant or unknown). On a seat change `from` and `to` are `P`, `O` or empty (not a member), or for `secretariat` the previous and the new holder's acronyms. Empty on standards' rows."),
            Column("country", .string, "Seat changes: ISO 3166-1 alpha-2 country of `body`; empty when unknown and on standards' rows.", pattern: "[A-Z]{2}"),
            Column("regions", .string, "Seat changes: the configured regions (`EU`, `US`, others) that `country` belongs to, joined with `;`."),
        ]
    )

    /// `;`-joined characteristic ids.
    private static var characteristicListPattern: String {
        let id = "(" + Characteristic.allCases.map(\.id).joined(separator: "|") + ")"
        return "\(id)(;\(id))*"
    }
}

/// A CSV file's layout: its columns in order, with types and meanings.
public struct TableSchema: Sendable, Hashable {
    /// Frictionless resource name (lower case), e.g. `participation_summary`.
    public var name: String
    /// File name inside the output directory, e.g. `participation_summary.csv`.
    public var path: String
    public var title: String
    public var description: String
    public var columns: [Column]

    public init(name: String, path: String, title: String, description: String, columns: [Column]) {
        self.name = name
        self.path = path
        self.title = title
        self.description = description
        self.columns = columns
    }

    /// The header row: column names in order.
    public var header: [String] { columns.map(\.name) }

    /// The column with this name, if any.
    public func column(named name: String) -> Column? { columns.first { $0.name == name } }
}

/// One CSV column.
public struct Column: Sendable, Hashable {
    /// Frictionless Table Schema field types the pipeline uses.
    public enum Kind: String, Sendable, Hashable {
        case string
        case integer
        case number
    }

    public var name: String
    public var type: Kind
    /// What the column means, for `datapackage.json` and analysts.
    public var description: String
    /// Whether every row must have a (non-empty) value.
    public var required: Bool
    /// Whether no two rows may share a value.
    public var unique: Bool
    /// The only values allowed, when the column is an enumeration (empty: any).
    public var allowedValues: [String]
    public var minimum: Double?
    public var maximum: Double?
    /// A regular expression every non-empty value must match in whole.
    public var pattern: String?

    public init(
        _ name: String,
        _ type: Kind,
        _ description: String,
        required: Bool = false,
        unique: Bool = false,
        allowedValues: [String] = [],
        minimum: Double? = nil,
        maximum: Double? = nil,
        pattern: String? = nil
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
        self.unique = unique
        self.allowedValues = allowedValues
        self.minimum = minimum
        self.maximum = maximum
        self.pattern = pattern
    }
}
