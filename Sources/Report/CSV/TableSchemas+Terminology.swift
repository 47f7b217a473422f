import LandscapeModel

extension TableSchemas {
    // MARK: - terms.csv

    /// `terms.csv`: one row per definition of a term.
    public static let terms = TableSchema(
        name: "terms",
        path: "terms.csv",
        title: "Terms and definitions",
        description: "One row per definition of a term: from the terms clause (`term-sec`, TBX) of a standard's full text, or from a configured glossary (EU legislation, US federal publications). Definitions from standards come only from the full texts the run was given.",
        columns: [
            Column("key", .string, "Normalized key shared by definitions of the same term: case, diacritics, hyphenation, British/American spelling and the plural of the last word ignored, admitted synonyms joined.", required: true),
            Column("term", .string, "The term as the source writes it (its preferred designation).", required: true),
            Column("definition", .string, "The definition's text; cross-references are kept as their text (`harm (3.1.5)`).", required: true),
            Column("source", .string, "The instrument and provision (`Regulation (EU) 2024/1689 (AI Act), Art. 3(2)`), the citation of a glossary, or the standard's own `tbx:source`; may be empty for a standard's own definition."),
            Column("side", .string, "`EU` (EU legislation and policy), `US` (US federal publications) or `international` (standards and others).", required: true, allowedValues: TermSide.allCases.map(\.rawValue)),
            Column("standard_id", .string, "Canonical id of the standard (as in standards.csv) whose terms clause holds the definition; empty for glossaries."),
            Column("language", .string, "Language of the definition (`xml:lang` of the TBX language set, or the glossary's)."),
            Column("file", .string, "File the definition was read from.", required: true),
            Column("line", .integer, "1-based line of the TBX entry or glossary entry.", required: true, minimum: 0),
            Column("admitted", .string, "Admitted synonyms, `;`-joined."),
            Column("deprecated", .string, "Deprecated designations, `;`-joined."),
            Column("notes", .string, "Notes to entry, joined with ` | `."),
            Column("url", .string, "Where a glossary's text was read."),
            Column("date_read", .string, "When it was read (ISO 8601).", pattern: #"\d{4}(-\d{2}(-\d{2})?)?"#),
            Column("status", .string, "`verified` (read in the primary source) or `reported` (secondary source only); empty for standards' full texts.", allowedValues: ["verified", "reported"]),
        ]
    )

    // MARK: - term_alignment.csv

    /// `term_alignment.csv`: one row per compared pair of definitions.
    public static let termAlignment = TableSchema(
        name: "term_alignment",
        path: "term_alignment.csv",
        title: "Definitions compared",
        description: "One row per pair of definitions of the same term (same key and language) from different sources, EU first, then US, then standards. Similarity: Dice coefficient 2|A∩B|/(|A|+|B|) of the sets of content-word stems (stop words and numbers removed, British spellings made American, light suffix stemming).",
        columns: [
            Column("key", .string, "The term's key, as in terms.csv.", required: true),
            Column("term", .string, "The first definition's term.", required: true),
            Column("a_source", .string, "The first definition: its standard id, else its source.", required: true),
            Column("a_side", .string, "Side of the first definition.", required: true, allowedValues: TermSide.allCases.map(\.rawValue)),
            Column("b_source", .string, "The second definition: its standard id, else its source.", required: true),
            Column("b_side", .string, "Side of the second definition.", required: true, allowedValues: TermSide.allCases.map(\.rawValue)),
            Column("similarity", .number, "Dice coefficient of the two definitions' content-word stems, in [0, 1], three decimals.", required: true, minimum: 0, maximum: 1),
            Column("only_in_a", .string, "Content words the first definition names and the second does not, `;`-joined."),
            Column("only_in_b", .string, "Content words the second definition names and the first does not, `;`-joined."),
            Column("eu_us", .string, "`true` when one definition is the EU's and the other the US's.", required: true, allowedValues: ["true", "false"]),
            Column("divergent", .string, "`true` for an EU–US pair whose similarity is below `terminology.divergence_threshold`.", required: true, allowedValues: ["true", "false"]),
            Column("a_line", .integer, "Line of the first definition in its file (terms.csv).", required: true, minimum: 0),
            Column("b_line", .integer, "Line of the second definition in its file (terms.csv).", required: true, minimum: 0),
        ]
    )
}
