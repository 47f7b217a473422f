import LandscapeModel

extension TableSchemas {
    /// The policy columns at the end of `standards.csv`.
    static let policyColumns: [Column] = [
        Column("eu_policy", .string, "Ids of the EU policy provisions (landscape-policy files, `policy:` in Pipeline.yaml) that name the standard, directly or through an adoption chain, joined with `;`; empty when none."),
        Column("us_policy", .string, "Ids of the US policy provisions that name the standard, directly or through an adoption chain, joined with `;`; empty when none."),
        Column("mutual_interest", .string, "`true` when both an EU and a US provision name the standard, else `false`.", required: true, allowedValues: ["true", "false"]),
    ]

    // MARK: - policy_links.csv

    /// `policy_links.csv`: one row per (standard, policy provision).
    public static let policyLinks = TableSchema(
        name: "policy_links",
        path: "policy_links.csv",
        title: "Policy links",
        description: "One row per (standard, policy provision): which EU or US policy provision relies on the standard, how the provision's reference was matched to it, and the source the link rests on.",
        columns: [
            Column("standard_id", .string, "The standard's `id` as in standards.csv.", required: true),
            Column("provision_id", .string, "The provision's id as in the policy file, e.g. `AI-Act/Art-9`, `M593/item-9`, `NIST-AI-RMF/crosswalk-ISO-IEC-23894`.", required: true),
            Column("side", .string, "`EU` or `US`.", required: true, allowedValues: PolicySide.allCases.map(\.rawValue)),
            Column("instrument", .string, "The instrument's id, e.g. `AI-Act`, `M593`, `NIST-AI-RMF`.", required: true),
            Column("relation", .string, "What the provision does with the standard.", required: true, allowedValues: policyRelations),
            Column("match", .string, "How the reference reached the standard: `exact` (its id or an alias), `undated` (the current edition of an undated reference), `via-adoption` (through an adoption chain, either direction, from the standard in `via`).", required: true, allowedValues: PolicyMatch.allCases.map(\.rawValue)),
            Column("reference", .string, "The reference as the policy file writes it.", required: true),
            Column("via", .string, "The standard the reference itself resolved to (for `via-adoption`), else `standard_id`.", required: true),
            Column("source_url", .string, "URL of the source the link rests on.", required: true),
            Column("read", .string, "The date the source was read.", required: true, pattern: #"\d{4}-\d{2}-\d{2}"#),
            Column("status", .string, "`verified` (primary source read) or `reported` (secondary sources only).", required: true, allowedValues: PolicyEvidenceStatus.allCases.map(\.rawValue)),
        ]
    )

    /// The relations a `landscape-policy` file may state (kept in step with the Policy module).
    static let policyRelations = ["harmonised-standard-candidate", "answers-request-item", "adopted-for", "crosswalk", "priority-topic", "named"]

    // MARK: - influence_paths.csv

    /// `influence_paths.csv`: one row per step of the committee chain behind a standard named by EU policy.
    public static let influencePaths = TableSchema(
        name: "influence_paths",
        path: "influence_paths.csv",
        title: "Paths of influence",
        description: "One row per step of the committee chain behind each standard that an EU policy provision names: the committee that develops or adopts it, then, where it adopts another standard, that standard's committee, and so on; with the EU and US seats and the secretariat at each step.",
        columns: [
            Column("standard_id", .string, "The EU-named standard's `id` as in standards.csv.", required: true),
            Column("eu_provisions", .string, "The EU provisions that name it, joined with `;`.", required: true),
            Column("step", .integer, "1 for the named standard's own committee, 2 for the committee of the standard it adopts, …", required: true, minimum: 1),
            Column("step_standard_id", .string, "The standard at this step.", required: true),
            Column("role", .string, "`adopts` (the committee adopts another organisation's standard) or `develops`.", required: true, allowedValues: InfluenceStep.Role.allCases.map(\.rawValue)),
            Column("committee", .string, "Committee reference as in standards.csv; empty when unknown."),
            Column("committee_known", .integer, "1 when the committee is in the configured committee data, else 0 (seats unknown, not zero).", required: true, minimum: 0, maximum: 1),
            Column("p_members", .integer, "Participating members of the committee.", required: true, minimum: 0),
            Column("eu_p_members", .integer, "How many of the P-members are EU member states.", required: true, minimum: 0),
            Column("us_status", .string, "The US seat: `P`, `O` or empty (none).", allowedValues: ["P", "O"]),
            Column("secretariat", .string, "Secretariat national body acronym; empty when none or unknown."),
            Column("secretariat_country", .string, "ISO 3166-1 alpha-2 code of the secretariat's country; empty when unknown."),
        ]
    )
}
