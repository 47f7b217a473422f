import LandscapeModel

extension CSVTables {
    /// `policy_links.csv`.
    public static func policyLinks(_ links: [PolicyLink]) -> String {
        var csv = CSV.Writer(capacity: 256 * (links.count + 1))
        csv.row(TableSchemas.policyLinks.header)
        for link in links {
            csv.field(link.standardId)
            csv.field(link.provisionId)
            csv.field(link.side.rawValue)
            csv.field(link.instrument)
            csv.field(link.relation)
            csv.field(link.match.rawValue)
            csv.field(link.reference)
            csv.field(link.via)
            csv.field(link.url)
            csv.field(link.read)
            csv.field(link.status.rawValue)
            csv.endRow()
        }
        return csv.text
    }

    /// `influence_paths.csv`: one row per step.
    public static func influencePaths(_ paths: [InfluencePath]) -> String {
        var csv = CSV.Writer(capacity: 160 * (paths.count * 2 + 1))
        csv.row(TableSchemas.influencePaths.header)
        for path in paths {
            for (number, step) in path.steps.enumerated() {
                csv.field(path.standardId)
                csv.field(path.euProvisions.joined(separator: ";"))
                csv.field(number + 1)
                csv.field(step.standardId)
                csv.field(step.role.rawValue)
                csv.field(step.committee)
                csv.field(step.committeeKnown ? 1 : 0)
                csv.field(step.pMembers)
                csv.field(step.euPMembers)
                csv.field(step.usStatus?.rawValue ?? "")
                csv.field(step.secretariat)
                csv.field(step.secretariatCountry)
                csv.endRow()
            }
        }
        return csv.text
    }
}
