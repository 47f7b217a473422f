import LandscapeModel

/// The two policy sections: standards of mutual interest, and the paths of influence on the
/// standards EU policy names.
extension ReportRenderer.Context {
    /// A policy section's note when no policy file is configured, and its end.
    private func notMeasured(into html: inout HTMLText) {
        html.raw("<p class=\"note\">")
        html.text("Not measured: no policy file is configured (`policy:` in Pipeline.yaml).")
        html.raw("</p>\n")
        close(into: &html)
    }

    // MARK: Standards of mutual interest

    func mutualInterest(into html: inout HTMLText) {
        open("mutual-interest", into: &html)
        guard let policy = input.policy else { return notMeasured(into: &html) }
        let named = policy.columns
        let euOnly = named.values.filter { !$0.eu.isEmpty && $0.us.isEmpty }.count
        let usOnly = named.values.filter { $0.eu.isEmpty && !$0.us.isEmpty }.count
        let both = named.values.filter(\.mutualInterest).count
        let mutualIds = named.filter { $0.value.mutualInterest }.keys.sorted()
        let details = standardsById(Set(named.keys))
        let committees = committeesByReference
        let bothSeated = mutualIds.filter { id in
            guard let committee = details[id]?.standard.committee, let row = committees[committee] else { return false }
            return row.euPMembers > 0 && row.usStatus == .participating
        }.count
        let euSides = policy.provisions.filter { $0.side == .eu }.count
        let usSides = policy.provisions.filter { $0.side == .us }.count

        html.raw("<p>")
        html.text("A standard is of interest to a side when a provision of that side's policy names it (\(grouped(euSides)) EU and \(grouped(usSides)) US provisions in \(grouped(policy.files.count)) policy files), directly or through an adoption chain; of mutual interest when both sides name it. Counted per characteristic of the naming provisions.")
        html.raw("</p>\n<ul class=\"gap-list\">\n<li>")
        html.text("\(grouped(named.count)) standards in the catalogs are named by policy: \(grouped(euOnly)) by the EU only, \(grouped(usOnly)) by the US only and \(grouped(both)) by both.")
        html.raw("</li>\n<li>")
        html.text("\(grouped(bothSeated)) of the \(grouped(both)) standards of mutual interest are owned by a committee where both EU member states and the US hold P-seats.")
        html.raw("</li>\n<li>")
        html.text("\(grouped(policy.unresolved.count)) references named by policy are absent from the catalogs (listed below).")
        html.raw("</li>\n</ul>\n")

        // Per characteristic of the naming provisions: EU only, US only, both.
        let provisionCharacteristics = Dictionary(policy.provisions.map { ($0.id, $0.characteristics) }, uniquingKeysWith: { a, _ in a })
        let characteristics = Characteristic.allCases
        var counts = Array(repeating: [0, 0, 0], count: characteristics.count)
        for (_, columns) in named {
            var touched = Set<String>()
            for provision in columns.eu + columns.us { touched.formUnion(provisionCharacteristics[provision] ?? []) }
            let category = columns.mutualInterest ? 2 : columns.eu.isEmpty ? 1 : 0
            for (row, characteristic) in characteristics.enumerated() where touched.contains(characteristic.id) {
                counts[row][category] += 1
            }
        }
        let categories = [(name: "EU only", colour: "#0072B2"), (name: "US only", colour: "#D55E00"), (name: "both (mutual interest)", colour: "#009E73")]
        html.raw("<figure>\n<div class=\"scroll\">")
        html.raw(SVGCharts.stackedBars(
            id: "mutual-interest-chart",
            title: "Stacked bars: standards named by EU policy only, US policy only and both, per characteristic of the naming provisions",
            rows: characteristics.map(name), categories: categories, counts: counts))
        html.raw("</div>\n<figcaption>")
        html.text("Standards named by policy, per characteristic of the provisions that name them (a standard counts once per characteristic).")
        html.raw("</figcaption>\n</figure>\n")
        html.raw("<div class=\"scroll\"><table class=\"matrix\">\n<caption>Standards named by policy per characteristic (policy_links.csv)</caption>\n<thead><tr><th scope=\"col\">Characteristic</th><th scope=\"col\" class=\"num\">EU only</th><th scope=\"col\" class=\"num\">US only</th><th scope=\"col\" class=\"num\">both</th></tr></thead>\n<tbody>\n")
        for (row, characteristic) in characteristics.enumerated() {
            html.raw("<tr><th scope=\"row\">")
            html.text(name(characteristic))
            html.raw("</th>")
            for value in counts[row] { html.raw("<td class=\"num\">\(grouped(value))</td>") }
            html.raw("</tr>\n")
        }
        html.raw("</tbody>\n</table></div>\n")

        html.raw("<h3>Standards of mutual interest</h3>\n")
        if mutualIds.isEmpty {
            html.raw("<p class=\"note\">No standard in the catalogs is named by both sides.</p>\n")
        } else {
            html.raw("<div class=\"scroll\"><table>\n<caption>Standards named by both EU and US policy (standards.csv, mutual_interest = true)</caption>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Title</th><th scope=\"col\">Stage</th><th scope=\"col\">Committee</th><th scope=\"col\" class=\"num\">EU P-seats</th><th scope=\"col\">US</th><th scope=\"col\">Secretariat</th><th scope=\"col\">EU provisions</th><th scope=\"col\">US provisions</th></tr></thead>\n<tbody>\n")
            for id in mutualIds {
                let standard = details[id]?.standard
                let row = standard.flatMap { committees[$0.committee] }
                html.raw("<tr><td class=\"id\">")
                html.text(id)
                html.raw("</td><td>")
                html.text(standard?.title ?? "")
                html.raw("</td><td>")
                html.text(standard?.stage.rawValue ?? "")
                html.raw("</td><td class=\"id\">")
                html.text(standard?.committee ?? "")
                html.raw("</td><td class=\"num\">")
                html.text(row.map { grouped($0.euPMembers) } ?? "—")
                html.raw("</td><td>")
                html.text(row.map { $0.usStatus.map { "\($0.rawValue)-member" } ?? "no seat" } ?? "—")
                html.raw("</td><td>")
                html.text(row.map(secretariat) ?? "—")
                html.raw("</td><td>")
                html.text(named[id]?.eu.joined(separator: "; ") ?? "")
                html.raw("</td><td>")
                html.text(named[id]?.us.joined(separator: "; ") ?? "")
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table></div>\n")
        }

        html.raw("<h3>Named by policy, absent from the catalogs</h3>\n")
        if policy.unresolved.isEmpty {
            html.raw("<p class=\"note\">Every reference named by policy matches a standard of the catalogs.</p>\n")
        } else {
            html.raw("<div class=\"scroll\"><table>\n<caption>References of the policy files that match no standard of the configured catalogs</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">Side</th><th scope=\"col\">Provision</th><th scope=\"col\">Relation</th><th scope=\"col\">Why</th><th scope=\"col\">Where</th></tr></thead>\n<tbody>\n")
            for item in policy.unresolved {
                html.raw("<tr><td class=\"id\">")
                html.text(item.reference)
                html.raw("</td><td>\(item.side.rawValue)</td><td class=\"id\">")
                html.text(item.provisionId)
                html.raw("</td><td>")
                html.text(item.relation)
                html.raw("</td><td>")
                html.text(item.reason)
                html.raw("</td><td class=\"id\">")
                html.text(item.location.description)
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table></div>\n")
        }
        close(into: &html)
    }

    // MARK: Paths of influence

    func influence(into html: inout HTMLText) {
        open("influence", into: &html)
        guard let policy = input.policy else { return notMeasured(into: &html) }
        let paths = Dictionary(policy.paths.map { ($0.standardId, $0) }, uniquingKeysWith: { a, _ in a })
        // The US reach of a chain: 0 no seat, 1 O-member, 2 P-member, 3 P-member holding the secretariat.
        func reach(_ path: InfluencePath) -> Int {
            path.steps.map { step -> Int in
                switch step.usStatus {
                case .participating: step.secretariatCountry == "US" ? 3 : 2
                case .observing: 1
                case nil: 0
                }
            }.max() ?? 0
        }
        let reachNames = ["no US seat", "US O-member", "US P-member", "US P-member and secretariat"]
        let allPaths = policy.paths
        let noSeat = allPaths.filter { reach($0) == 0 }.count
        let usLed = allPaths.filter { reach($0) == 3 }.count
        let adopting = allPaths.filter { $0.steps.count > 1 }.count

        // Documents answering a standardisation request item.
        let requestLinks = policy.links.filter { $0.side == .eu && $0.relation == "answers-request-item" }
        var answering: [String] = []
        for link in requestLinks where !answering.contains(link.standardId) { answering.append(link.standardId) }
        let answeringNoSeat = answering.filter { paths[$0].map { reach($0) == 0 } ?? false }.count
        let answeringInstruments = Set(requestLinks.map(\.instrument)).sorted().joined(separator: ", ")

        html.raw("<p>")
        html.text("For every standard an EU provision names, the chain of committees behind it: the CEN/CENELEC committee that develops or adopts it and, where it adopts an ISO/IEC standard, the committee that developed that one. The US can shape a European Norm only where such a chain reaches a committee on which it sits.")
        html.raw("</p>\n<ul class=\"gap-list\">\n")
        if !answering.isEmpty {
            html.raw("<li>")
            html.text("\(grouped(answeringNoSeat)) of \(grouped(answering.count)) documents answering \(answeringInstruments) request items are developed in committees where the US holds no seat.")
            html.raw("</li>\n")
        }
        html.raw("<li>")
        html.text("\(grouped(noSeat)) of \(grouped(allPaths.count)) standards named by EU policy have no US seat anywhere in their committee chain; \(grouped(adopting)) adopt a standard of another organisation, and \(grouped(usLed)) reach a committee where the US is P-member and holds the secretariat.")
        html.raw("</li>\n</ul>\n")

        // Per EU provision: its documents by US reach.
        let euProvisions = policy.provisions.filter { $0.side == .eu }
        var rows: [PolicyProvision] = []
        var counts: [[Int]] = []
        var documents: [String: [String]] = [:]
        for link in policy.links where link.side == .eu && !(documents[link.provisionId]?.contains(link.standardId) ?? false) {
            documents[link.provisionId, default: []].append(link.standardId)
        }
        for provision in euProvisions {
            guard let ids = documents[provision.id], !ids.isEmpty else { continue }
            var row = [0, 0, 0, 0]
            for id in ids { if let path = paths[id] { row[reach(path)] += 1 } }
            rows.append(provision)
            counts.append(row)
        }
        if !rows.isEmpty {
            let colours = ["#0072B2", "#E69F00", "#D55E00", "#CC79A7"]
            html.raw("<figure>\n<div class=\"scroll\">")
            html.raw(SVGCharts.stackedBars(
                id: "influence-chart",
                title: "Stacked bars: documents named by each EU provision, by the furthest US seat in their committee chain",
                rows: rows.map { "\($0.id)" },
                categories: reachNames.enumerated().map { (name: $0.element, colour: colours[$0.offset]) },
                counts: counts))
            html.raw("</div>\n<figcaption>")
            html.text("Each document counts once per provision, by the strongest US seat anywhere in its chain.")
            html.raw("</figcaption>\n</figure>\n")
            html.raw("<div class=\"scroll\"><table class=\"matrix\">\n<caption>Documents per EU provision by US reach (influence_paths.csv)</caption>\n<thead><tr><th scope=\"col\">Provision</th><th scope=\"col\">Title</th>")
            for name in reachNames { html.raw("<th scope=\"col\" class=\"num\">\(esc(name))</th>") }
            html.raw("</tr></thead>\n<tbody>\n")
            for (provision, row) in zip(rows, counts) {
                html.raw("<tr><th scope=\"row\" class=\"id\">")
                html.text(provision.id)
                html.raw("</th><td>")
                html.text(provision.title)
                html.raw("</td>")
                for value in row { html.raw("<td class=\"num\">\(grouped(value))</td>") }
                html.raw("</tr>\n")
            }
            html.raw("</tbody>\n</table></div>\n")
        }

        html.raw("<h3>Each provision, the documents that answer it, and their committee chains</h3>\n")
        html.raw("<div class=\"scroll\"><table>\n<caption>Paths of influence (influence_paths.csv)</caption>\n<thead><tr><th scope=\"col\">Provision</th><th scope=\"col\">Supports</th><th scope=\"col\">Document</th><th scope=\"col\">Committee chain: EU P-seats, US seat, secretariat</th></tr></thead>\n<tbody>\n")
        for provision in rows {
            for id in documents[provision.id] ?? [] {
                html.raw("<tr><td class=\"id\">")
                html.text(provision.id)
                html.raw("</td><td>")
                html.text(provision.supports.joined(separator: "; "))
                html.raw("</td><td class=\"id\">")
                html.text(id)
                html.raw("</td><td><ul>")
                for step in paths[id]?.steps ?? [] {
                    html.raw("<li>")
                    html.text(describe(step))
                    html.raw("</li>")
                }
                html.raw("</ul></td></tr>\n")
            }
        }
        html.raw("</tbody>\n</table></div>\n")
        close(into: &html)
    }

    /// `CEN/CLC/JTC 21 (adopts): 27 EU P-seats, US no seat, secretariat DS (DK)`.
    private func describe(_ step: InfluenceStep) -> String {
        let committee = step.committee.isEmpty ? "committee unknown" : step.committee
        let head = "\(committee) (\(step.role == .adopts ? "adopts" : "develops") \(step.standardId))"
        guard step.committeeKnown else { return head + ": no committee data" }
        let us = step.usStatus.map { "US \($0.rawValue)-member" } ?? "US no seat"
        return head + ": \(step.euPMembers) EU P-seats of \(step.pMembers), \(us), " + (step.secretariat.isEmpty ? "secretariat unknown" : "secretariat \(secretariatText(step.secretariat, step.secretariatCountry))")
    }

    private func secretariat(_ row: CommitteeParticipation) -> String {
        row.secretariat.isEmpty ? "unknown" : secretariatText(row.secretariat, row.secretariatCountry)
    }

    private func secretariatText(_ body: String, _ country: String) -> String {
        country.isEmpty ? body : "\(body) (\(country))"
    }

    /// Committee rows by reference.
    private var committeesByReference: [String: CommitteeParticipation] {
        Dictionary(input.committees.map { ($0.committee, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The scored standards with these ids: one pass over the standards.
    private func standardsById(_ ids: Set<String>) -> [String: ScoredStandard] {
        var result: [String: ScoredStandard] = [:]
        guard !ids.isEmpty else { return result }
        for scored in input.standards where ids.contains(scored.standard.id) { result[scored.standard.id] = scored }
        return result
    }
}
