import LandscapeModel

/// The outputs of a run, from its report input: every table but `standards.csv`, then
/// `datapackage.json` and `report.html`. `standards.csv`, the largest, is streamed on its own
/// (``CSVTables/writeStandards(_:flush:)``) while the participation stage runs; the pipeline
/// writes `manifest.json` last.
public enum RunOutputs {
    /// The regions beyond EU and US, each of which adds columns to `participation.csv`.
    public static func extraRegions(_ input: ReportInput) -> [String] {
        input.regions.map(\.name).filter { $0 != "EU" && $0 != "US" }
    }

    /// Hands each output's name and text to `write`, in writing order.
    /// - Parameter created: the run's start, as `datapackage.json` states it.
    public static func write(_ input: ReportInput, created: String, to write: (_ name: String, _ text: String) throws -> Void) rethrows {
        let extraRegions = extraRegions(input)
        try write(TableSchemas.participation.path, CSVTables.participation(input.committees, extraRegions: extraRegions))
        try write(TableSchemas.participationSummary.path, CSVTables.participationSummary(input.participation))
        try write(TableSchemas.quarantine.path, CSVTables.quarantine(input.quarantine))
        try write(TableSchemas.changes.path, Change.csvTable(input.changes, participation: input.watch?.participationChanges ?? []))
        try write(TableSchemas.openForComment.path, WatchTables.openForComment(input.watch?.openForComment ?? []))
        try write(TableSchemas.trend.path, WatchTables.trend(input.watch?.trend ?? [], runId: input.run.id))
        try write(TableSchemas.terms.path, CSVTables.terms(input.terminology ?? TerminologyResult()))
        try write(TableSchemas.termAlignment.path, CSVTables.termAlignment(input.terminology ?? TerminologyResult()))
        try write(TableSchemas.policyLinks.path, CSVTables.policyLinks(input.policy?.links ?? []))
        try write(TableSchemas.influencePaths.path, CSVTables.influencePaths(input.policy?.paths ?? []))
        try write("datapackage.json", DataPackage.json(tables: TableSchemas.all(extraRegions: extraRegions), created: created))
        try write("report.html", ReportRenderer.render(input))
    }
}
