import LandscapeModel

extension Change {
    /// `changes.csv`: the header of ``TableSchemas/changes``, one row per change of a standard,
    /// then one per seat change on a committee.
    public static func csvTable(_ changes: [Change], participation: [ParticipationChange] = []) -> String {
        var text = CSV.line(TableSchemas.changes.header)
        for change in changes {
            text += CSV.line([change.id, change.kind.rawValue, change.from, change.to, change.previousID, "", "", ""])
        }
        for change in participation {
            text += CSV.line([change.committee, change.kind.rawValue, change.from, change.to, "", change.body, change.country,
                              change.regions.joined(separator: ";")])
        }
        return text
    }
}
