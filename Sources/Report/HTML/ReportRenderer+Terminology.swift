import LandscapeModel

extension ReportRenderer.Context {
    // MARK: Terminology

    /// The Roadmap's key terms first: each side's and each standard's definition side by side,
    /// how alike they are and what each adds; then the other terms defined more than once, and
    /// the characteristics that no standard in the catalogs defines.
    func terminology(into html: inout HTMLText) {
        open("terminology", into: &html)
        guard let result = input.terminology else {
            html.element("p", "Not measured in this run.")
            close(into: &html)
            return
        }
        let byKey = Dictionary(grouping: result.definitions.indices, by: { result.definitions[$0].key })
        let pairsByKey = Dictionary(grouping: result.alignments, by: \.key)
        let standards = Set(result.definitions.map(\.standardId).filter { !$0.isEmpty })
        let glossaryCount = result.definitions.filter { $0.standardId.isEmpty }.count
        html.element("p", "\(grouped(result.definitions.count)) definitions of \(grouped(byKey.count)) terms: \(grouped(glossaryCount)) from the configured glossaries (EU legislation, US federal publications) and \(grouped(result.definitions.count - glossaryCount)) from the terms clauses of \(count(standards.count, "standard", "standards")) whose full text the run was given. Similarity is the Dice coefficient of the definitions' content-word stems (1: the same concepts, 0: none shared); an EU–US pair below \(fixed(result.divergenceThreshold, decimals: 2)) is marked divergent.", attributes: "class=\"note\"")

        html.element("h3", "The Roadmap's key terms")
        for key in result.keyTerms {
            termBlock(key, result: result, indices: byKey[key] ?? [], pairs: pairsByKey[key] ?? [], into: &html)
        }

        let others = byKey.keys.filter { !result.keyTerms.contains($0) && (byKey[$0]?.count ?? 0) > 1 }.sorted()
        if !others.isEmpty {
            html.element("h3", "Other terms defined by more than one source")
            for key in others.prefix(40) {
                termBlock(key, result: result, indices: byKey[key] ?? [], pairs: pairsByKey[key] ?? [], into: &html)
            }
            if others.count > 40 {
                html.element("p", "… and \(others.count - 40) more in terms.csv and term_alignment.csv.", attributes: "class=\"note\"")
            }
        }

        html.element("h3", "Characteristics defined by no standard")
        if result.characteristics.allSatisfy({ $0.keys.isEmpty }) {
            html.element("p", "Not measured: no glossary names the terms of the characteristics (`characteristics:` of a landscape-glossary file).")
        } else {
            html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Characteristic</th><th>Terms</th><th>Standards that define one</th></tr></thead>\n<tbody>\n")
            for characteristic in result.characteristics {
                html.raw("<tr><td>")
                html.text(characteristic.name)
                html.raw("</td><td>")
                html.text(characteristic.keys.joined(separator: ", "))
                html.raw("</td><td>")
                html.text(characteristic.isGap ? "none: a gap" : characteristic.standards.joined(separator: ", "))
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody></table></div>\n")
            let gaps = result.characteristics.filter(\.isGap).map(\.name)
            html.element("p", gaps.isEmpty
                ? "Every characteristic is defined by at least one standard whose full text the run read."
                : "\(count(gaps.count, "characteristic is", "characteristics are")) defined by no standard whose full text the run read: \(gaps.joined(separator: "; ")).")
        }
        close(into: &html)
    }

    private func termBlock(_ key: String, result: TerminologyResult, indices: [Int], pairs: [TermAlignment], into html: inout HTMLText) {
        let definitions = indices.map { result.definitions[$0] }
        html.raw("<article class=\"term\">\n")
        html.element("h4", definitions.first?.term ?? key)
        guard !definitions.isEmpty else {
            html.element("p", "No definition: neither a configured glossary nor the terms clause of a standard the run read defines it.")
            html.raw("</article>\n")
            return
        }
        let sides = Set(definitions.map(\.side))
        var missing: [String] = []
        if !sides.contains(.eu) { missing.append("the EU side") }
        if !sides.contains(.us) { missing.append("the US side") }
        if !sides.contains(.international) { missing.append("any standard the run read") }
        html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Side</th><th>Source</th><th>Definition</th></tr></thead>\n<tbody>\n")
        for definition in definitions {
            html.raw("<tr><td>")
            html.text(definition.side.rawValue)
            html.raw("</td><td>")
            html.text(definition.label)
            if !definition.status.isEmpty { html.text(" (\(definition.status))") }
            html.raw("</td><td>")
            html.text(definition.definition)
            if !definition.admitted.isEmpty || !definition.deprecated.isEmpty {
                html.raw("<br><span class=\"note\">")
                html.text(([definition.admitted.isEmpty ? nil : "admitted: " + definition.admitted.joined(separator: ", "),
                            definition.deprecated.isEmpty ? nil : "deprecated: " + definition.deprecated.joined(separator: ", ")]
                    .compactMap { $0 }).joined(separator: "; "))
                html.raw("</span>")
            }
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody></table></div>\n")
        if !missing.isEmpty {
            html.element("p", "Not defined by \(missing.joined(separator: ", nor by ")).", attributes: "class=\"note\"")
        }
        if !pairs.isEmpty {
            html.raw("<div class=\"scroll\"><table>\n<thead><tr><th>Compared</th><th class=\"num\">Similarity</th><th>Only in the first</th><th>Only in the second</th></tr></thead>\n<tbody>\n")
            for pair in pairs.prefix(30) {
                let a = result.definitions[pair.first], b = result.definitions[pair.second]
                html.raw("<tr><td>")
                html.text("\(a.label) (\(a.side.rawValue)) – \(b.label) (\(b.side.rawValue))")
                if pair.divergent { html.raw(" <strong>divergent</strong>") }
                html.raw("</td><td class=\"num\">")
                html.text(fixed(pair.similarity, decimals: 2))
                html.raw("</td><td>")
                html.text(pair.onlyFirst.joined(separator: ", "))
                html.raw("</td><td>")
                html.text(pair.onlySecond.joined(separator: ", "))
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody></table></div>\n")
        }
        let definers = Array(Set(definitions.map(\.standardId).filter { !$0.isEmpty })).sorted()
        html.element("p", definers.isEmpty ? "No standard in the catalogs defines it." : "Defined by: \(definers.joined(separator: ", ")).")
        html.raw("</article>\n")
    }
}
