import Foundation
import LandscapeModel

// The nightly watch: seat changes (inside "Changes"), drafts open for comment, new work, trend.
extension ReportRenderer.Context {
    /// Committees (in the data's spelling) that own AI-relevant standards, themselves or
    /// through the working groups and unlisted committees they stand for.
    private var aiOwningCommittees: [String: Int] {
        var owners: [String: Int] = [:]
        for row in input.committees where row.aiStandards > 0 {
            owners[row.resolvedFrom ?? row.committee, default: 0] += row.aiStandards
        }
        return owners
    }

    private func day(_ date: Date) -> String { WatchTables.day(date) }

    private func place(_ country: String, _ regions: [String]) -> (String, String) {
        (country.isEmpty ? "unknown" : country, regions.isEmpty ? (country.isEmpty ? "" : "other") : regions.joined(separator: ", "))
    }

    // MARK: Seats (in "Changes since the previous run")

    func seatChanges(into html: inout HTMLText) {
        guard let watch = input.watch else { return }
        html.element("h3", "Seats on committees")
        guard watch.hasCommitteeBaseline else {
            html.element("p", "The previous run recorded no committee snapshot (it was recorded by an earlier version of landscape): seat changes are listed from the next run on.")
            return
        }
        let changes = watch.participationChanges
        guard !changes.isEmpty else {
            html.element("p", "No body joined, left or changed its seat on any committee of the committee files, and no secretariat moved.")
            return
        }
        let owners = aiOwningCommittees
        let ordered = changes.enumerated().sorted { a, b in
            let ai = (owners[a.element.committee] ?? 0) > 0, bi = (owners[b.element.committee] ?? 0) > 0
            return ai != bi ? ai : a.offset < b.offset
        }.map(\.element)
        let committees = Set(changes.map(\.committee))
        let aiCommittees = committees.filter { (owners[$0] ?? 0) > 0 }
        html.element("p", "\(count(changes.count, "seat change", "seat changes")) on \(count(committees.count, "committee", "committees")) (all in changes.csv); \(count(aiCommittees.count, "committee that owns", "committees that own")) AI-relevant standards first.")
        let shown = ordered.prefix(input.settings.listedChanges)
        html.raw("<div class=\"scroll\"><table id=\"seat-changes\">\n<caption>")
        html.text(shown.count < ordered.count ? "Seat changes: the first \(shown.count) of \(grouped(ordered.count))" : "Seat changes (\(grouped(ordered.count)))")
        html.raw("</caption>\n<thead><tr><th scope=\"col\">Committee</th><th scope=\"col\" class=\"num\">AI-relevant standards</th><th scope=\"col\">Change</th><th scope=\"col\">Body</th><th scope=\"col\">Country</th><th scope=\"col\">Region</th><th scope=\"col\">From</th><th scope=\"col\">To</th></tr></thead>\n<tbody>\n")
        for change in shown {
            let (country, region) = place(change.country, change.regions)
            var from = change.from, to = change.to
            if change.kind == .secretariat {
                let (oldCountry, oldRegion) = place(change.fromCountry, change.fromRegions)
                from = change.from.isEmpty ? "none" : "\(change.from) (\(oldCountry)\(oldRegion.isEmpty ? "" : ", " + oldRegion))"
                to = change.to.isEmpty ? "none" : change.to
            }
            row(header: change.committee, cells: [grouped(owners[change.committee] ?? 0), Self.seatHeading[change.kind] ?? change.kind.rawValue,
                                                  change.body, change.body.isEmpty ? "" : country, change.body.isEmpty ? "" : region,
                                                  from.isEmpty ? "—" : from, to.isEmpty ? "—" : to],
                numeric: [0], into: &html)
        }
        html.raw("</tbody>\n</table></div>\n")
    }

    static let seatHeading: [ParticipationChangeKind: String] = [
        .memberAdded: "joined", .memberRemoved: "left", .pToO: "P → O", .oToP: "O → P", .secretariat: "secretariat moved",
    ]

    // MARK: Open for comment

    func openForComment(into html: inout HTMLText) {
        open("open-for-comment", into: &html)
        guard let watch = input.watch else { return historyUnavailable("The run history is not available: nothing is listed.", into: &html) }
        let drafts = watch.openForComment
        let ai = drafts.filter(\.draft.isAIRelevant).count
        html.element("p", "\(count(drafts.count, "draft is", "drafts are")) at an enquiry or public-comment stage (ISO/IEC 40.20–40.99, DIS, IEC CDV, CEN/CENELEC enquiry), \(grouped(ai)) of them AI-relevant; AI-relevant first, then by expected close (all in open_for_comment.csv). The catalogs state neither when a draft reached its stage nor when its comment period closes: \"entered\" is the first run that saw it there (or, marked \"on or before\", the first run of the history), and the close is an estimate from the organisation's usual enquiry length.")
        if !drafts.isEmpty {
            let shown = drafts.prefix(input.settings.listedChanges)
            html.raw("<div class=\"scroll\"><table id=\"open-drafts\">\n<caption>")
            html.text(shown.count < drafts.count ? "Drafts open for comment: the first \(shown.count) of \(grouped(drafts.count))" : "Drafts open for comment (\(grouped(drafts.count)))")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">Draft</th><th scope=\"col\">Title</th><th scope=\"col\">Committee</th><th scope=\"col\">Stage code</th><th scope=\"col\">Vote</th><th scope=\"col\">Entered</th><th scope=\"col\">Expected close (estimate)</th><th scope=\"col\">AI-relevant</th></tr></thead>\n<tbody>\n")
            for item in shown {
                let entered = item.enteredBasis == .firstRun ? "\(day(item.entered)) (first run that saw it)" : "on or before \(day(item.entered))"
                let closes = item.closes.map { "\(day($0)) (\(item.rule?.weeks ?? 0) weeks, \(item.rule?.id ?? ""))" } ?? "unknown (no rule for \(item.draft.sdo))"
                row(header: item.draft.id, cells: [item.draft.title, item.draft.committee, item.draft.stageCode, item.votingOpen ? "open" : "closed",
                                                   entered, closes, item.draft.isAIRelevant ? "yes" : "no"], into: &html)
            }
            html.raw("</tbody>\n</table></div>\n")
        }
        html.element("h3", "Enquiry lengths used for the estimates")
        html.raw("<ul class=\"note\">")
        for rule in CommentPeriodRule.all {
            html.element("li", "\(rule.id) (\(rule.organisation)): \(rule.weeks) weeks — \(rule.note) Source: \(rule.source), read \(rule.read), status: \(rule.status).")
        }
        html.raw("</ul>\n")
        close(into: &html)
    }

    // MARK: New work

    func newWork(into html: inout HTMLText) {
        open("new-work", into: &html)
        guard let watch = input.watch else { return historyUnavailable("The run history is not available: nothing is listed.", into: &html) }
        guard watch.hasDraftBaseline else {
            html.element("p", "This is the first run the history watches drafts in (the first run, or the first after an upgrade): every draft was already there, so none is new. New work is listed from the next run on.")
            close(into: &html)
            return
        }
        let work = watch.newWork
        let now = watch.at
        let windows: [(String, (NewWork) -> Bool)] = [
            ("since the previous run", { $0.isNewThisRun }),
            ("last 30 days", { $0.firstSeen >= now.addingTimeInterval(-30 * 86_400) }),
            ("last 90 days", { _ in true }),
        ]
        html.element("p", "Drafts the history saw appear: first seen at a proposal or preparatory stage (harmonized 00–20), and new drafts at later stages in the committees that own AI-relevant standards, grouped by characteristic (a standard counts under each characteristic it passes; those that pass none under \"none\").")
        html.raw("<div class=\"scroll\"><table id=\"new-work-counts\" class=\"matrix\">\n<caption>New work per characteristic</caption>\n<thead><tr><th scope=\"col\" rowspan=\"2\">Characteristic</th><th scope=\"colgroup\" colspan=\"3\">Proposals (00–20)</th><th scope=\"colgroup\" colspan=\"3\">New drafts in AI committees</th></tr><tr>")
        for _ in 0..<2 { for window in windows { html.raw("<th scope=\"col\" class=\"num\">"); html.text(window.0); html.raw("</th>") } }
        html.raw("</tr></thead>\n<tbody>\n")
        let groups: [(String, (NewWork) -> Bool)] = Characteristic.allCases.map { characteristic in
            (name(characteristic), { $0.draft.characteristics.contains(characteristic) })
        } + [("none", { $0.draft.characteristics.isEmpty })]
        for (label, member) in groups {
            var cells: [String] = []
            for kind in [NewWork.Kind.proposal, .draftInAICommittee] {
                for window in windows {
                    cells.append(grouped(work.filter { $0.kind == kind && member($0) && window.1($0) }.count))
                }
            }
            row(header: label, cells: cells, numeric: Set(cells.indices), into: &html)
        }
        html.raw("</tbody>\n</table></div>\n")
        if work.isEmpty {
            html.element("p", "No new work in the last 90 days.")
        } else {
            let shown = work.prefix(input.settings.listedChanges)
            html.raw("<div class=\"scroll\"><table id=\"new-work\">\n<caption>")
            html.text(shown.count < work.count ? "New work in the last 90 days: the newest \(shown.count) of \(grouped(work.count))" : "New work in the last 90 days (\(grouped(work.count)))")
            html.raw("</caption>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Title</th><th scope=\"col\">Committee</th><th scope=\"col\">First seen</th><th scope=\"col\">At stage</th><th scope=\"col\">Now</th><th scope=\"col\">Kind</th><th scope=\"col\">Characteristics</th></tr></thead>\n<tbody>\n")
            for item in shown {
                row(header: item.draft.id, cells: [
                    item.draft.title, item.draft.committee, day(item.firstSeen) + (item.isNewThisRun ? " (this run)" : ""),
                    item.firstStage.rawValue, "\(item.draft.stage.rawValue) \(item.draft.stageCode)".trimmingCharacters(in: .whitespaces),
                    item.kind == .proposal ? "proposal" : "new draft, AI committee",
                    item.draft.characteristics.isEmpty ? "none" : item.draft.characteristics.map(name).joined(separator: ", "),
                ], into: &html)
            }
            html.raw("</tbody>\n</table></div>\n")
        }
        close(into: &html)
    }

    // MARK: Trend

    func trend(into html: inout HTMLText) {
        open("trend", into: &html)
        guard let watch = input.watch else { return historyUnavailable("The run history is not available: there is no trend.", into: &html) }
        let runs = watch.trendRuns
        let omitted = watch.runsWithoutTrend > 0
            ? " \(count(watch.runsWithoutTrend, "kept run was", "kept runs were")) recorded before trend data was kept and \(watch.runsWithoutTrend == 1 ? "is" : "are") left out."
            : ""
        guard runs.count >= 2 else {
            html.element("p", "Only this run has trend data so far: the trend of AI-relevant standards per characteristic and stage over runs is drawn from the next run on (trend.csv holds this run's counts; the Lifecycle section shows them).\(omitted)")
            close(into: &html)
            return
        }
        let steps = runs.map { $0.id == WatchReport.thisRun ? "this run" : String(ReportRenderer.timestamp($0.startedAt).prefix(16)) }
        var value: [String: Int] = [:]
        for point in watch.trend { value["\(point.runId)|\(point.characteristic.id)|\(point.stage.rawValue)"] = point.standards }
        let stages = Stage.allCases
        let panels = Characteristic.allCases.map { characteristic in
            (name: name(characteristic), values: stages.map { stage in runs.map { value["\($0.id)|\(characteristic.id)|\(stage.rawValue)"] ?? 0 } })
        }
        html.element("p", "AI-relevant standards per characteristic and life-cycle stage in each of the \(runs.count) kept runs with trend data, oldest first (all in trend.csv).\(omitted)")
        html.raw("<figure>\n<div class=\"scroll\">")
        html.raw(SVGCharts.smallMultiples(
            id: "trend-chart", title: "Small multiples: AI-relevant standards per life-cycle stage over runs, one panel per characteristic",
            steps: steps, panels: panels,
            series: stages.enumerated().map { (name: $0.element.rawValue, colour: Palette.stage($0.offset, of: stages.count)) }
        ))
        html.raw("</div>\n<figcaption>One panel per characteristic on a shared scale; one line per stage from proposal (dark) to published (light), withdrawn grey; the number at the right is this run's.</figcaption>\n</figure>\n")
        html.raw("<div class=\"scroll\"><table id=\"trend-table\" class=\"matrix\">\n<caption>AI-relevant standards per characteristic and stage, per run</caption>\n<thead><tr><th scope=\"col\">Characteristic and stage</th>")
        for step in steps { html.raw("<th scope=\"col\" class=\"num\">"); html.text(step); html.raw("</th>") }
        html.raw("</tr></thead>\n<tbody>\n")
        for (characteristic, panel) in zip(Characteristic.allCases, panels) {
            for (stage, values) in zip(stages, panel.values) where values.contains(where: { $0 > 0 }) {
                row(header: "\(name(characteristic)) — \(stage.rawValue)", cells: values.map(grouped), numeric: Set(values.indices), into: &html)
            }
        }
        html.raw("</tbody>\n</table></div>\n")
        close(into: &html)
    }

    /// A section's one sentence when the run history is not available, and its end.
    private func historyUnavailable(_ sentence: String, into html: inout HTMLText) {
        html.element("p", sentence)
        close(into: &html)
    }
}
