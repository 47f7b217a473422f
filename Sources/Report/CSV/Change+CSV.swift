import LandscapeModel

extension Change {
    /// `changes.csv`: the header of ``TableSchemas/changes`` and one row per change.
    public static func csvTable(_ changes: [Change]) -> String {
        var text = CSV.line(TableSchemas.changes.header)
        for change in changes {
            text += CSV.line([change.id, change.kind.rawValue, change.from, change.to, change.previousID])
        }
        return text
    }
}
