import LandscapeModel

extension CSVTables {
    /// `terms.csv`, with the columns of ``TableSchemas/terms``.
    public static func terms(_ result: TerminologyResult) -> String {
        var csv = CSV.Writer(capacity: 256 * (result.definitions.count + 1))
        csv.row(TableSchemas.terms.header)
        for definition in result.definitions {
            csv.field(definition.key)
            csv.field(definition.term)
            csv.field(definition.definition)
            csv.field(definition.source)
            csv.field(definition.side.rawValue)
            csv.field(definition.standardId)
            csv.field(definition.language)
            csv.field(definition.file)
            csv.field(definition.line)
            csv.field(definition.admitted.joined(separator: ";"))
            csv.field(definition.deprecated.joined(separator: ";"))
            csv.field(definition.notes.joined(separator: " | "))
            csv.field(definition.url)
            csv.field(definition.dateRead)
            csv.field(definition.status)
            csv.endRow()
        }
        return csv.text
    }

    /// `term_alignment.csv`, with the columns of ``TableSchemas/termAlignment``.
    public static func termAlignment(_ result: TerminologyResult) -> String {
        var csv = CSV.Writer(capacity: 160 * (result.alignments.count + 1))
        csv.row(TableSchemas.termAlignment.header)
        for pair in result.alignments {
            let a = result.definitions[pair.first], b = result.definitions[pair.second]
            csv.field(pair.key)
            csv.field(a.term)
            csv.field(a.label)
            csv.field(a.side.rawValue)
            csv.field(b.label)
            csv.field(b.side.rawValue)
            csv.decimal3(pair.similarity)
            csv.field(pair.onlyFirst.joined(separator: ";"))
            csv.field(pair.onlySecond.joined(separator: ";"))
            csv.field(pair.isEUUS ? "true" : "false")
            csv.field(pair.divergent ? "true" : "false")
            csv.field(a.line)
            csv.field(b.line)
            csv.endRow()
        }
        return csv.text
    }
}
