import LandscapeModel

extension ReportRenderer.Context {
    // MARK: 5. Gaps

    func gaps(into html: inout HTMLText) {
        open("gaps", into: &html)
        let threshold = input.settings.fewPublished
        var none: [String] = [], draftsOnly: [String] = [], few: [String] = [], unled: [String] = []
        for characteristic in Characteristic.allCases {
            let tally = figures.totals[characteristic] ?? LandscapeFigures.Tally()
            let label = name(characteristic)
            if tally.current == 0 {
                none.append("\(label): no current AI-relevant standard addresses it (\(count(tally.withdrawn, "withdrawn one", "withdrawn ones"))).")
            } else if tally.published == 0 {
                draftsOnly.append("\(label) is covered only by drafts: 0 published AI-relevant standards, \(grouped(tally.inDevelopment)) in development.")
            } else if tally.published < threshold {
                few.append("\(label) has few published AI-relevant standards: \(grouped(tally.published)) published (fewer than \(threshold)), \(grouped(tally.inDevelopment)) in development.")
            }
            if let sentence = leadershipGap(characteristic, tally: tally) { unled.append(sentence) }
        }
        gapList(
            "Few published standards", few + none,
            otherwise: "Every characteristic has at least \(threshold) published AI-relevant standards.",
            into: &html
        )
        gapList("Covered only by drafts", draftsOnly, otherwise: "No characteristic is covered by drafts alone.", into: &html)
        let leaders = leadingRegions.joined(separator: " nor the ")
        gapList(
            "Committees led by neither the \(leaders)", unled,
            otherwise: input.committees.isEmpty
                ? "Not measured: no committee data was configured."
                : "For every characteristic, the committees behind its AI-relevant standards are led by the \(leadingRegions.joined(separator: " or the ")).",
            into: &html
        )
        close(into: &html)
    }

    /// The regions whose leadership the gap analysis asks about: EU and US when configured.
    private var leadingRegions: [String] {
        let configured = input.regions.map(\.name).filter { $0 == "EU" || $0 == "US" }
        return configured.isEmpty ? ["EU", "US"] : configured
    }

    private func leadershipGap(_ characteristic: Characteristic, tally: LandscapeFigures.Tally) -> String? {
        guard !input.committees.isEmpty, tally.current > 0, let leadership = figures.leadership[characteristic] else { return nil }
        let led = leadingRegions.reduce(0) { $0 + (leadership.byRegion[$1] ?? 0) }
        var elsewhere = leadership.otherCountries
        for (region, count) in leadership.byRegion where !leadingRegions.contains(region) { elsewhere[region, default: 0] += count }
        let neither = elsewhere.values.reduce(0, +)
        guard neither > 0 || leadership.unknown > 0 else { return nil }
        var sentence = "\(name(characteristic)): \(grouped(neither)) of \(grouped(tally.current)) current AI-relevant standards come from committees whose secretariat neither the \(leadingRegions.joined(separator: " nor the ")) holds"
        if neither > 0 {
            let top = elsewhere.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(4)
            sentence += " (secretariats: " + top.map { "\($0.key) \(grouped($0.value))" }.joined(separator: ", ") + (elsewhere.count > 4 ? ", …" : "") + ")"
        }
        sentence += "; \(grouped(led)) from committees they lead"
        if leadership.unknown > 0 {
            sentence += ", and \(grouped(leadership.unknown)) from committees without a known national secretariat (e.g. IEEE working groups)"
        }
        return sentence + "."
    }

    private func gapList(_ heading: String, _ sentences: [String], otherwise: String, into html: inout HTMLText) {
        html.element("h3", heading)
        if sentences.isEmpty {
            html.element("p", otherwise)
            return
        }
        html.raw("<ul class=\"gap-list\">\n")
        for sentence in sentences { html.element("li", sentence); html.raw("\n") }
        html.raw("</ul>\n")
    }

    // MARK: 6. Per characteristic

    func perCharacteristic(into html: inout HTMLText) {
        open("characteristics", into: &html)
        for characteristic in Characteristic.allCases {
            let info = info(characteristic)
            let tally = figures.totals[characteristic] ?? LandscapeFigures.Tally()
            html.raw("<article class=\"characteristic\" id=\"characteristic-\(characteristic.id)\" aria-labelledby=\"characteristic-\(characteristic.id)-heading\">\n<h3 id=\"characteristic-\(characteristic.id)-heading\">")
            html.text(name(characteristic))
            html.raw(" <code>\(characteristic.id)</code></h3>\n")
            if let definition = info?.definition, !definition.isEmpty { html.element("p", definition) }
            html.raw("<div class=\"crosswalk\">\n<div><h4>NIST AI RMF 1.0</h4>")
            referenceList(info?.nist ?? [], into: &html)
            html.raw("</div>\n<div><h4>EU (HLEG, AI Act, M/593)</h4>")
            referenceList(info?.eu ?? [], into: &html)
            html.raw("</div>\n</div>\n")
            html.element("p", "\(count(tally.current, "current AI-relevant standard", "current AI-relevant standards")): \(grouped(tally.published)) published, \(grouped(tally.inDevelopment)) in development; \(grouped(tally.withdrawn)) withdrawn.", attributes: "class=\"note\"")
            let top = figures.top[characteristic] ?? []
            if top.isEmpty {
                html.raw("</article>\n")
                continue
            }
            html.raw("<div class=\"scroll\"><table>\n<caption>")
            html.text("Top \(top.count) AI-relevant standards by score for \(name(characteristic))")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Title</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Stage</th><th scope=\"col\">Committee</th><th scope=\"col\">Evidence terms</th></tr></thead>\n<tbody>\n")
            for scored in top {
                html.raw("<tr><th scope=\"row\" class=\"id\">")
                html.text(scored.standard.id)
                html.raw("</th><td>")
                html.text(scored.standard.title)
                html.raw("</td><td class=\"num\">\(fixed(scored.score.score(characteristic), decimals: 3))</td><td>")
                html.text(scored.standard.stage.rawValue)
                html.raw("</td><td>")
                html.text(scored.standard.committee)
                html.raw("</td><td class=\"terms\">")
                html.text(evidenceTerms(scored, characteristic))
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table></div>\n</article>\n")
        }
        close(into: &html)
    }

    private func referenceList(_ references: [String], into html: inout HTMLText) {
        if references.isEmpty {
            html.raw("<p class=\"note\">none stated in the taxonomy</p>")
            return
        }
        html.raw("<ul>")
        for reference in references { html.element("li", reference) }
        html.raw("</ul>")
    }

    /// The distinct terms behind a score, strongest first: `risk management (title), bias (abstract)`.
    private func evidenceTerms(_ scored: ScoredStandard, _ characteristic: Characteristic) -> String {
        let evidence = scored.score.evidence(for: .characteristic(characteristic)).sorted { $0.weight > $1.weight }
        var seen = Set<String>()
        var terms: [String] = []
        for item in evidence where seen.insert(item.term).inserted {
            terms.append("\(item.term) (\(item.field.rawValue))")
            if terms.count == 6 { break }
        }
        return terms.joined(separator: ", ")
    }

    // MARK: 7. Changes

    func changes(into html: inout HTMLText) {
        open("changes", into: &html)
        guard let previous = input.previousRun else {
            html.element("p", "This is the first recorded run: there is nothing to compare with yet. The next run will list what changed since this one.")
            close(into: &html)
            return
        }
        let byKind = Dictionary(grouping: input.changes, by: \.kind)
        let published = byKind[.stage]?.filter { $0.to == Stage.published.rawValue }.count ?? 0
        let withdrawals = input.changes.filter(\.isWithdrawal).count
        html.element("p", "Compared with run \(previous.id) of \(ReportRenderer.timestamp(previous.startedAt)): \(count(byKind[.added]?.count ?? 0, "new standard", "new standards")), \(grouped(byKind[.removed]?.count ?? 0)) removed, \(count(byKind[.stage]?.count ?? 0, "stage transition", "stage transitions")) (\(grouped(published)) to published), \(count(withdrawals, "withdrawal", "withdrawals")) and \(count(byKind[.characteristics]?.count ?? 0, "characteristic change", "characteristic changes")).")
        html.raw("<table>\n<caption>Changes per kind</caption>\n<thead><tr><th scope=\"col\">Change</th><th scope=\"col\" class=\"num\">Standards</th></tr></thead>\n<tbody>\n")
        for kind in ChangeKind.allCases { row(header: Self.changeHeading[kind] ?? kind.rawValue, cells: [grouped(byKind[kind]?.count ?? 0)], numeric: [0], into: &html) }
        html.raw("</tbody>\n</table>\n")

        let changedIDs = Set(input.changes.map(\.id))
        var titles: [String: String] = [:]
        for scored in input.standards where changedIDs.contains(scored.standard.id) { titles[scored.standard.id] = scored.standard.title }
        let limit = input.settings.listedChanges
        for kind in ChangeKind.allCases {
            guard let list = byKind[kind], !list.isEmpty else { continue }
            let heading = Self.changeHeading[kind] ?? kind.rawValue
            let shown = list.prefix(limit)
            html.raw("<div class=\"scroll\"><table>\n<caption>")
            html.text(shown.count < list.count ? "\(heading): the first \(shown.count) of \(grouped(list.count)) (all in changes.csv)" : "\(heading) (\(grouped(list.count)))")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Title</th><th scope=\"col\">From</th><th scope=\"col\">To</th></tr></thead>\n<tbody>\n")
            for change in shown {
                let header = change.previousID.isEmpty ? change.id : "\(change.id) (was \(change.previousID))"
                row(header: header, cells: [titles[change.id] ?? "", change.from, change.to], into: &html)
            }
            html.raw("</tbody>\n</table></div>\n")
        }
        seatChanges(into: &html)
        close(into: &html)
    }

    static let changeHeading: [ChangeKind: String] = [
        .added: "New standards",
        .removed: "Removed standards",
        .stage: "Stage transitions",
        .status: "Status changes (withdrawals)",
        .characteristics: "Characteristic changes",
    ]

    // MARK: 8. Data quality

    func dataQuality(into html: inout HTMLText) {
        open("data-quality", into: &html)
        let inputs = input.run.inputs
        if !inputs.isEmpty {
            let listed = inputs.sorted { ($0.source, $0.path) < ($1.source, $1.path) }.prefix(input.settings.listedInputs)
            html.element("h3", "Input files")
            html.raw("<div class=\"scroll\"><table>\n<caption>")
            html.text(listed.count < inputs.count ? "Input files: the first \(listed.count) of \(grouped(inputs.count)) (all in manifest.json)" : "Input files and the records read from each")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Source</th><th scope=\"col\" class=\"num\">Records</th></tr></thead>\n<tbody>\n")
            for file in listed { row(header: file.path, cells: [file.source, grouped(file.records)], numeric: [1], into: &html) }
            html.raw("</tbody>\n</table></div>\n")
        }
        let quarantine = input.quarantine
        let files = quarantine.filter { $0.scope == .file }.count
        html.element("h3", "Quarantine")
        html.element("p", quarantine.isEmpty
            ? "No record or file was rejected."
            : "\(count(quarantine.count - files, "record", "records")) and \(count(files, "file", "files")) were rejected and listed in quarantine.csv with their file, line and reason.")
        if !quarantine.isEmpty {
            let byCategory = Dictionary(grouping: quarantine, by: \.category)
            let categories = byCategory.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            html.raw("<div class=\"scroll\"><table>\n<caption>Quarantine reasons</caption>\n<thead><tr><th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Count</th><th scope=\"col\">Examples</th></tr></thead>\n<tbody>\n")
            for (category, entries) in categories {
                html.raw("<tr><th scope=\"row\">")
                html.text(category)
                html.raw("</th><td class=\"num\">\(grouped(entries.count))</td><td><ul>")
                for entry in entries.prefix(input.settings.quarantineExamples) {
                    var example = entry.location.description
                    if !entry.reference.isEmpty { example += " — " + entry.reference }
                    example += " — " + entry.reason
                    html.element("li", example)
                }
                html.raw("</ul></td></tr>\n")
            }
            html.raw("</tbody>\n</table></div>\n")
        }

        html.element("h3", "De-duplication merges")
        let merged = input.merges.reduce(0) { $0 + $1.origins.count }
        html.element("p", input.merges.isEmpty
            ? "No two records described the same standard."
            : "\(count(input.merges.count, "standard was", "standards were")) built from \(grouped(merged)) records that described the same standard.")
        if !input.merges.isEmpty {
            let listed = input.merges.sorted { $0.origins.count != $1.origins.count ? $0.origins.count > $1.origins.count : $0.id < $1.id }.prefix(input.settings.listedMerges)
            html.raw("<div class=\"scroll\"><table>\n<caption>")
            html.text(listed.count < input.merges.count ? "Merges with the most records: \(listed.count) of \(grouped(input.merges.count))" : "Merges")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\" class=\"num\">Records</th><th scope=\"col\">From</th></tr></thead>\n<tbody>\n")
            for merge in listed {
                var origins = merge.origins.prefix(4).map { "\($0.source): \($0.description)" }.joined(separator: "; ")
                if merge.origins.count > 4 { origins += "; …" }
                row(header: merge.id, cells: [grouped(merge.origins.count), origins], numeric: [0], into: &html)
            }
            html.raw("</tbody>\n</table></div>\n")
        }
        close(into: &html)
    }

    /// `1 standard`, `12 standards`.
    func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(value)) \(value == 1 ? singular : plural)"
    }
}
