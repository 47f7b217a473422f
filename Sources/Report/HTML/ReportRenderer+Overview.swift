import Foundation
import LandscapeModel

extension ReportRenderer.Context {
    // MARK: 1. Summary

    func summary(into html: inout HTMLText) {
        open("summary", into: &html)
        let run = input.run
        let records = run.inputs.reduce(0) { $0 + $1.records }
        var items: [(String, String)] = [
            (grouped(input.standards.count), "standards in scope"),
            (grouped(figures.aiRelevant), "AI-relevant standards"),
            (grouped(records), "records read from \(grouped(run.inputs.count)) input files"),
            (grouped(input.quarantine.count), "quarantined records or files"),
            (grouped(input.merges.count), "de-duplication merges"),
        ]
        items.append(input.previousRun == nil ? ("—", "changes: first recorded run") : (grouped(input.changes.count), "changes since the previous run"))
        html.raw("<ul class=\"figures\">")
        for (number, label) in items {
            html.raw("<li><span class=\"number\">")
            html.text(number)
            html.raw("</span> <span class=\"label\">")
            html.text(label)
            html.raw("</span></li>")
        }
        html.raw("</ul>\n<div class=\"columns summary\">\n<table>\n<caption>Run</caption>\n<tbody>\n")
        var facts: [(String, String)] = [
            ("Run id", run.id),
            ("Started", ReportRenderer.timestamp(run.startedAt)),
        ]
        if let finished = run.finishedAt {
            facts.append(("Finished", ReportRenderer.timestamp(finished)))
            facts.append(("Duration", fixed(finished.timeIntervalSince(run.startedAt), decimals: 1) + " s"))
        }
        facts.append(("Tool version", run.toolVersion))
        if let previous = input.previousRun {
            facts.append(("Previous run", "\(previous.id) (\(ReportRenderer.timestamp(previous.startedAt)), \(grouped(previous.standards)) standards)"))
        } else {
            facts.append(("Previous run", "none recorded"))
        }
        for (label, value) in facts { row(header: label, cells: [value], into: &html) }
        html.raw("</tbody>\n</table>\n")

        if !run.stageCounts.isEmpty {
            html.raw("<table>\n<caption>Counts per stage</caption>\n<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\" class=\"num\">Count</th></tr></thead>\n<tbody>\n")
            for count in run.stageCounts { row(header: count.stage, cells: [grouped(count.count)], numeric: [0], into: &html) }
            html.raw("</tbody>\n</table>\n")
        }

        let bySource = Dictionary(grouping: run.inputs, by: \.source)
        html.raw("<table>\n<caption>Inputs per source</caption>\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\" class=\"num\">Files</th><th scope=\"col\" class=\"num\">Records</th></tr></thead>\n<tbody>\n")
        for source in bySource.keys.sorted() {
            let files = bySource[source] ?? []
            row(header: source, cells: [grouped(files.count), grouped(files.reduce(0) { $0 + $1.records })], numeric: [0, 1], into: &html)
        }
        html.raw("</tbody>\n</table>\n</div>\n")
        close(into: &html)
    }

    // MARK: 2. Coverage

    func coverage(into html: inout HTMLText) {
        open("coverage", into: &html)
        let characteristics = Characteristic.allCases
        let groups = figures.sdoGroups
        html.raw("<p>")
        html.text("AI-relevant standards per characteristic and standards organisation, published and in development (withdrawn standards are not counted). A standard with several characteristics counts once in each row; joint ISO/IEC work has its own column, and CEN, CENELEC and their joint committees share one.")
        html.raw("</p>\n<figure>\n<div class=\"scroll\">")
        html.raw(SVGCharts.heatmap(
            id: "coverage-heatmap",
            title: "Heatmap: AI-relevant standards per characteristic and SDO, published and in development",
            rows: characteristics.map(name),
            groups: groups,
            subColumns: ["published", "in dev."]
        ) { row, group, sub in
            let tally = figures.coverage[characteristics[row]]?[group] ?? LandscapeFigures.Tally()
            return sub == 0 ? tally.published : tally.inDevelopment
        })
        html.raw("</div>\n<figcaption>")
        html.text("Darker cells count fewer standards; every count is written in its cell and listed in the table below.")
        html.raw("</figcaption>\n</figure>\n<div class=\"scroll\"><table class=\"matrix\">\n<caption>Coverage: AI-relevant standards per characteristic and SDO</caption>\n<thead><tr><th scope=\"col\" rowspan=\"2\">Characteristic</th>")
        for group in groups {
            html.raw("<th scope=\"colgroup\" colspan=\"2\">")
            html.text(group)
            html.raw("</th>")
        }
        html.raw("<th scope=\"col\" rowspan=\"2\" class=\"num\">Total</th></tr>\n<tr>")
        for _ in groups { html.raw("<th scope=\"col\" class=\"num\">published</th><th scope=\"col\" class=\"num\"><abbr title=\"in development\">in dev.</abbr></th>") }
        html.raw("</tr></thead>\n<tbody>\n")
        for characteristic in characteristics {
            let tallies = figures.coverage[characteristic] ?? []
            var cells = tallies.flatMap { [grouped($0.published), grouped($0.inDevelopment)] }
            cells.append(grouped(figures.totals[characteristic]?.current ?? 0))
            row(header: name(characteristic), cells: cells, numeric: Set(cells.indices), into: &html)
        }
        html.raw("</tbody>\n</table></div>\n")
        if figures.aiRelevantWithoutCharacteristic > 0 {
            html.raw("<p class=\"note\">")
            html.text("\(grouped(figures.aiRelevantWithoutCharacteristic)) AI-relevant standards pass no characteristic's threshold and are not counted above.")
            html.raw("</p>\n")
        }
        close(into: &html)
    }

    // MARK: 3. Participation

    /// Region names in display order: configured regions first, then any others the summary has.
    var regionNames: [String] {
        var names = input.regions.map(\.name)
        for row in input.participation where !names.contains(row.region) { names.append(row.region) }
        return names
    }

    func participation(into html: inout HTMLText) {
        open("participation", into: &html)
        let characteristics = Characteristic.allCases
        let regions = regionNames
        var summary: [String: CharacteristicParticipation] = [:]
        for row in input.participation { summary["\(row.characteristic.id)|\(row.region)"] = row }
        func cell(_ characteristic: Characteristic, _ region: String) -> CharacteristicParticipation? {
            summary["\(characteristic.id)|\(region)"]
        }

        html.raw("<p>")
        html.text("For the AI-relevant standards of each characteristic: the share written by committees on which the region sits as a participating (P) member, and the share written by committees whose secretariat the region holds.")
        html.raw("</p>\n")
        if regions.isEmpty || input.participation.isEmpty {
            html.raw("<p class=\"note\">No participation figures: no committee data was configured or none matched.</p>\n")
        } else {
            func series(_ value: (CharacteristicParticipation) -> Int) -> [SVGCharts.Series] {
                regions.enumerated().map { index, region in
                    let rows = characteristics.map { cell($0, region) }
                    return SVGCharts.Series(
                        name: region,
                        colour: Palette.region(index),
                        values: rows.map { row in
                            guard let row, row.standards > 0 else { return 0 }
                            return Double(value(row)) / Double(row.standards)
                        },
                        labels: rows.map { row in
                            guard let row else { return "no data" }
                            return "\(grouped(value(row))) of \(grouped(row.standards))"
                        }
                    )
                }
            }
            html.raw("<figure>\n<div class=\"scroll\">")
            html.raw(SVGCharts.groupedBars(
                id: "participation-p-members",
                title: "Share of AI-relevant standards whose committee has the region as P-member, per characteristic",
                rows: characteristics.map(name),
                series: series(\.withPMember)
            ))
            html.raw("</div>\n<figcaption>Standards written by committees with the region as P-member.</figcaption>\n</figure>\n<figure>\n<div class=\"scroll\">")
            html.raw(SVGCharts.groupedBars(
                id: "participation-secretariats",
                title: "Share of AI-relevant standards whose committee's secretariat the region holds, per characteristic",
                rows: characteristics.map(name),
                series: series(\.secretariats)
            ))
            html.raw("</div>\n<figcaption>Standards written by committees whose secretariat the region holds.</figcaption>\n</figure>\n")

            html.raw("<div class=\"scroll\"><table class=\"matrix\">\n<caption>Participation per characteristic and region (participation_summary.csv)</caption>\n<thead><tr><th scope=\"col\">Characteristic</th><th scope=\"col\">Region</th><th scope=\"col\" class=\"num\">AI-relevant standards</th><th scope=\"col\" class=\"num\">with the region as P-member</th><th scope=\"col\" class=\"num\">mean share of P-members</th><th scope=\"col\" class=\"num\">secretariats held</th></tr></thead>\n<tbody>\n")
            for characteristic in characteristics {
                for region in regions {
                    guard let row = cell(characteristic, region) else { continue }
                    html.raw("<tr><th scope=\"row\">")
                    html.text(name(characteristic))
                    html.raw("</th><td>")
                    html.text(region)
                    html.raw("</td><td class=\"num\">\(grouped(row.standards))</td><td class=\"num\">\(grouped(row.withPMember))</td><td class=\"num\">\(percent(row.pMemberShare))</td><td class=\"num\">\(grouped(row.secretariats))</td></tr>\n")
                }
            }
            html.raw("</tbody>\n</table></div>\n")
        }

        let owning = input.committees.filter { $0.aiStandards > 0 }
        let listed = owning.sorted { a, b in
            a.aiStandards != b.aiStandards ? a.aiStandards > b.aiStandards : (a.standards != b.standards ? a.standards > b.standards : a.committee < b.committee)
        }.prefix(input.settings.topCommittees)
        html.raw("<h3>Committees behind the AI-relevant standards</h3>\n<p>")
        html.text("\(grouped(owning.count)) of \(grouped(input.committees.count)) committees own at least one AI-relevant standard; the \(grouped(listed.count)) with the most are listed (all in participation.csv).")
        html.raw("</p>\n<div class=\"scroll\"><table>\n<caption>Committees by AI-relevant standards owned</caption>\n<thead><tr><th scope=\"col\">Committee</th><th scope=\"col\">SDO</th><th scope=\"col\">Secretariat</th><th scope=\"col\" class=\"num\">P-members</th><th scope=\"col\" class=\"num\">O-members</th><th scope=\"col\" class=\"num\">EU P</th><th scope=\"col\" class=\"num\">EU O</th><th scope=\"col\">US</th><th scope=\"col\" class=\"num\">Standards</th><th scope=\"col\" class=\"num\">AI-relevant</th></tr></thead>\n<tbody>\n")
        for committee in listed {
            let individual = committee.membership == .individualsAndEntities
            var secretariat = committee.secretariat
            if !committee.secretariatCountry.isEmpty { secretariat += secretariat.isEmpty ? committee.secretariatCountry : " (\(committee.secretariatCountry))" }
            if secretariat.isEmpty { secretariat = individual ? "— (individual membership)" : "—" }
            var cells = [committee.sdo, secretariat]
            cells += individual ? ["—", "—", "—", "—"] : [grouped(committee.pMembers), grouped(committee.oMembers), grouped(committee.euPMembers), grouped(committee.euOMembers)]
            cells += [committee.usStatus?.rawValue ?? "—", grouped(committee.standards), grouped(committee.aiStandards)]
            row(header: committee.committee + (committee.resolvedFrom.map { " (members of \($0))" } ?? ""), cells: cells, numeric: [2, 3, 4, 5, 7, 8], into: &html)
        }
        html.raw("</tbody>\n</table></div>\n")
        close(into: &html)
    }

    // MARK: 4. Lifecycle

    func lifecycle(into html: inout HTMLText) {
        open("lifecycle", into: &html)
        let characteristics = Characteristic.allCases
        let stages = Stage.allCases
        html.raw("<p>")
        html.text("Where the AI-relevant standards of each characteristic are in their life: drafts (proposal to approval), published, withdrawn.")
        html.raw("</p>\n<figure>\n<div class=\"scroll\">")
        html.raw(SVGCharts.stackedBars(
            id: "lifecycle-stages",
            title: "Stacked bars: AI-relevant standards per characteristic and life-cycle stage",
            rows: characteristics.map(name),
            categories: stages.enumerated().map { (name: $0.element.rawValue, colour: Palette.stage($0.offset, of: stages.count)) },
            counts: characteristics.map { figures.stages[$0] ?? [] }
        ))
        html.raw("</div>\n<figcaption>Segments follow the life cycle from proposal (dark) to published (light); withdrawn is grey.</figcaption>\n</figure>\n")
        html.raw("<div class=\"scroll\"><table class=\"matrix\">\n<caption>AI-relevant standards per characteristic and stage</caption>\n<thead><tr><th scope=\"col\">Characteristic</th>")
        for stage in stages { html.raw("<th scope=\"col\" class=\"num\">\(stage.rawValue)</th>") }
        html.raw("<th scope=\"col\" class=\"num\">total</th></tr></thead>\n<tbody>\n")
        for characteristic in characteristics {
            let counts = figures.stages[characteristic] ?? []
            let cells = counts.map(grouped) + [grouped(counts.reduce(0, +))]
            row(header: name(characteristic), cells: cells, numeric: Set(cells.indices), into: &html)
        }
        html.raw("</tbody>\n</table></div>\n")
        close(into: &html)
    }

    // MARK: - Table rows

    /// `<tr><th scope="row">header</th><td>…</td></tr>`, every text escaped.
    func row(header: String, cells: [String], numeric: Set<Int> = [], into html: inout HTMLText) {
        html.raw("<tr><th scope=\"row\">")
        html.text(header)
        html.raw("</th>")
        for (index, cell) in cells.enumerated() {
            html.raw(numeric.contains(index) ? "<td class=\"num\">" : "<td>")
            html.text(cell)
            html.raw("</td>")
        }
        html.raw("</tr>\n")
    }
}
