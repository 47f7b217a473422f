import LandscapeModel
import Normalize
import Participation
import Report
import Score

/// The text `landscape explain` prints for one standard.
struct Explanation {
    var scored: ScoredStandard
    var scorer: Scorer
    var figures: CommitteeFigures?
    /// The adoption chain through this standard, adopting end first
    /// (`DIN EN ISO 13849-1:2008-12 → EN ISO 13849-1:2008 → ISO 13849-1:2006`); empty when
    /// the standard neither adopts nor is adopted.
    var adoptionChain: [String] = []
    /// The terms the standard's terms clause defines (from its full text, when the run has it).
    var terms: [TermDefinition] = []
    /// The standard's policy links and path of influence (``PolicyStage/explanation(of:committees:)``); empty without policy files.
    var policyLines: [String] = []

    /// The chain of `adopted_from` links through `standard`: the standards that adopt it
    /// (outermost first), the standard, then what it adopts, each matched by id the way
    /// `explain REFERENCE` matches. Stops at a loop.
    static func adoptionChain(of standard: Standard, in standards: [Standard]) -> [String] {
        var byKey: [String: Standard] = [:]
        var adopters: [String: [Standard]] = [:]
        for candidate in standards {
            byKey[Normalizer.matchKey(candidate.id)] = candidate
            if let adopted = candidate.adoptedFrom { adopters[Normalizer.matchKey(adopted), default: []].append(candidate) }
        }
        var seen: Set<String> = [Normalizer.matchKey(standard.id)]
        var down: [String] = []
        var current = standard
        while let adopted = current.adoptedFrom, seen.insert(Normalizer.matchKey(adopted)).inserted {
            down.append(byKey[Normalizer.matchKey(adopted)]?.id ?? adopted)
            guard let next = byKey[Normalizer.matchKey(adopted)] else { break }
            current = next
        }
        var up: [String] = []
        var key = Normalizer.matchKey(standard.id)
        while let adopter = adopters[key]?.first, seen.insert(Normalizer.matchKey(adopter.id)).inserted {
            up.insert(adopter.id, at: 0)
            key = Normalizer.matchKey(adopter.id)
        }
        guard !up.isEmpty || !down.isEmpty else { return [] }
        return up + [standard.id] + down
    }

    var text: String {
        let standard = scored.standard
        let card = scored.score
        var lines: [String] = []
        func field(_ name: String, _ value: String) {
            let origin = standard.provenance[name].map { "   ← \($0)" } ?? ""
            lines.append("  \(name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value.isEmpty ? "—" : value)\(origin)")
        }

        lines.append(standard.id)
        lines.append(String(repeating: "=", count: standard.id.count))
        lines.append("record")
        field("id", standard.id)
        field("undated_id", standard.undatedId)
        if !standard.aliases.isEmpty { field("aliases", standard.aliases.joined(separator: "; ")) }
        field("sdo", standard.sdo)
        field("sources", standard.sources.joined(separator: ", "))
        field("deliverable_type", standard.deliverableType.rawValue)
        field("stage", standard.stage.rawValue)
        field("stage_code", standard.stageCode)
        field("status", standard.status.rawValue)
        field("committee", standard.committees.joined(separator: "; "))
        field("title", standard.title)
        for (language, title) in standard.otherTitles.sorted(by: { $0.key < $1.key }) {
            field("title (\(language))", title)
        }
        field("published", standard.published)
        field("ics", standard.ics.joined(separator: "; "))
        field("adopted_from", standard.adoptedFrom ?? "")
        if !adoptionChain.isEmpty { field("adoption chain", adoptionChain.joined(separator: " → ")) }
        field("relations", standard.relations.map { "\($0.kind.rawValue) \($0.target)" }.joined(separator: "; "))
        field("keywords", standard.keywords.joined(separator: "; "))
        if !standard.abstract.isEmpty {
            field("abstract", standard.abstract.count > 400 ? String(standard.abstract.prefix(400)) + "…" : standard.abstract)
        }
        lines.append("  read from")
        for origin in standard.origins {
            lines.append("    \(origin.source): \(origin)")
        }

        lines.append("")
        lines.append("scores (threshold \(CSVTables.decimal3(scorer.characteristicThreshold)); AI relevance threshold \(CSVTables.decimal3(scorer.aiRelevanceThreshold)))")
        let ai = scored.isAIRelevant ? "AI-relevant" : "not AI-relevant"
        if !card.intercepts.isEmpty {
            lines.append("  fitted weights: score = 1 / (1 + exp(−logit)), logit = intercept + Σ coefficient × value")
        }
        lines.append("  ai_relevance              \(CSVTables.decimal3(card.aiRelevance))  \(ai)")
        lines += interceptLine(card, .aiRelevance)
        lines += evidenceLines(card.evidence(for: .aiRelevance))
        for characteristic in Characteristic.allCases {
            let passes = card.characteristics.contains(characteristic)
            let name = characteristic.id.padding(toLength: 25, withPad: " ", startingAt: 0)
            let own = scorer.threshold(for: characteristic)
            let threshold = own == scorer.characteristicThreshold ? "" : "  (threshold \(CSVTables.decimal3(own)))"
            lines.append("  \(name) \(CSVTables.decimal3(card.score(characteristic)))\(passes ? "  ✔ in characteristics" : "")\(threshold)")
            if !card.evidence(for: .characteristic(characteristic)).isEmpty { lines += interceptLine(card, .characteristic(characteristic)) }
            lines += evidenceLines(card.evidence(for: .characteristic(characteristic)))
        }

        if !terms.isEmpty {
            lines.append("")
            lines.append("terms defined (terms clause)")
            for term in terms {
                lines.append("  \(term.term)\(term.admitted.isEmpty ? "" : " (admitted: \(term.admitted.joined(separator: ", ")))")\(term.deprecated.isEmpty ? "" : " (deprecated: \(term.deprecated.joined(separator: ", ")))")  \(term.file):\(term.line)")
            }
        }
        if let figures {
            lines.append("")
            lines.append("participation")
            lines += figures.lines.map { "  " + $0 }
        }
        if !policyLines.isEmpty {
            lines.append("")
            lines.append("policy")
            lines += policyLines
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func interceptLine(_ card: ScoreCard, _ target: ScoreTarget) -> [String] {
        guard let intercept = card.intercept(for: target) else { return [] }
        return ["      \(intercept < 0 ? "−" : "+") \(CSVTables.decimal3(abs(intercept)))  intercept"]
    }

    /// Each feature's contribution: with fitted weights `coefficient × value`, else the raw evidence.
    private func evidenceLines(_ evidence: [Evidence]) -> [String] {
        evidence.sorted { $0.weight > $1.weight }.map { item in
            let matched = item.matched == item.term ? "" : " (\"\(item.matched)\")"
            let product = item.coefficient.map { " = \(CSVTables.decimal3($0)) × \(CSVTables.decimal3(item.value ?? 0))" } ?? ""
            return "      \(item.weight < 0 ? "−" : "+") \(CSVTables.decimal3(abs(item.weight)))\(product)  \(item.term)\(matched) in \(item.field.rawValue)"
        }
    }
}
