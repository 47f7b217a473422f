import LandscapeModel

extension Evaluation {
    /// The report `landscape evaluate` prints: per-characteristic table, micro and macro
    /// averages, AI-relevance accuracy, unmatched gold ids, the worst errors with their
    /// evidence. The last line is exactly `micro_f1=0.xxx` (followed by a line break).
    ///
    /// - Parameters:
    ///   - title: a line printed first (e.g. which weights, cross-validated or not).
    ///   - worst: how many errors to list.
    ///   - finalLine: whether to end with the `micro_f1=` line.
    public func render(title: String? = nil, worst: Int = 25, finalLine: Bool = true) -> String {
        var out = title.map { "\($0)\n" } ?? ""
        out += "Evaluation against \(goldFile): \(matched) of \(matched + unmatched.count) gold standards matched\n\n"
        out += pad("characteristic", 27) + pad("precision", 10, right: true) + pad("recall", 8, right: true)
            + pad("f1", 8, right: true) + pad("support", 9, right: true) + pad("tp", 5, right: true)
            + pad("fp", 5, right: true) + pad("fn", 5, right: true) + "\n"
        func row(_ name: String, _ counts: Counts) -> String {
            pad(name, 27) + pad(decimal(counts.precision), 10, right: true) + pad(decimal(counts.recall), 8, right: true)
                + pad(decimal(counts.f1), 8, right: true) + pad("\(counts.support)", 9, right: true)
                + pad("\(counts.truePositives)", 5, right: true) + pad("\(counts.falsePositives)", 5, right: true)
                + pad("\(counts.falseNegatives)", 5, right: true) + "\n"
        }
        for characteristic in Characteristic.allCases {
            out += row(characteristic.id, perCharacteristic[characteristic] ?? Counts())
        }
        out += row("micro", micro)
        out += pad("macro", 27) + pad(decimal(macroPrecision), 10, right: true) + pad(decimal(macroRecall), 8, right: true)
            + pad(decimal(macroF1), 8, right: true) + "\n"
        out += "\nai_relevance: accuracy \(decimal(aiAccuracy)) (\(aiCorrect)/\(matched)); precision \(decimal(aiRelevance.precision)), recall \(decimal(aiRelevance.recall)), f1 \(decimal(aiRelevance.f1))\n"

        if !unmatched.isEmpty {
            out += "\nUnmatched gold ids (not scored, not counted): \(unmatched.count)\n"
            for label in unmatched { out += "  line \(label.line): \(label.id)\n" }
        }

        if !errors.isEmpty {
            out += "\nWorst errors (\(min(worst, errors.count)) of \(errors.count)):\n"
            for error in errors.prefix(worst) {
                out += "  \(error.kind.rawValue) \(error.target) score \(decimal(error.score)) (threshold \(decimal(error.threshold)))  \(error.goldID) — \(error.title)\n"
                if error.evidence.isEmpty {
                    out += "      no evidence\n"
                }
                for item in error.evidence.prefix(6) {
                    let product = item.coefficient.map { " = \(decimal($0)) × \(decimal(item.value ?? 0))" } ?? ""
                    out += "      \(item.weight < 0 ? "" : "+")\(decimal(item.weight))\(product) \(item.field.rawValue): \"\(item.term)\" ← \"\(item.matched)\"\n"
                }
                if error.evidence.count > 6 { out += "      … \(error.evidence.count - 6) more\n" }
            }
        }
        if finalLine { out += "\nmicro_f1=\(decimal(micro.f1))\n" }
        return out
    }
}

/// A number with exactly three decimals, independent of locale (`0.875`, `1.000`).
func decimal(_ value: Double, places: Int = 3) -> String {
    guard value.isFinite else { return "nan" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let negative = value < 0
    let scaled = Int((abs(value) * scale).rounded())
    let divisor = Int(scale)
    var fraction = String(scaled % divisor)
    while fraction.count < places { fraction = "0" + fraction }
    return (negative && scaled != 0 ? "-" : "") + "\(scaled / divisor)." + fraction
}

private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}

extension Evaluation {
    /// The header of ``predictionsCSV()``.
    public static let predictionColumns = ["gold_file", "gold_line", "id", "standard_id", "ai_relevant", "characteristics",
                                           "predicted_ai_relevant", "predicted_characteristics", "score_ai_relevance"]
        + Characteristic.allCases.map { "score_" + $0.id }

    /// Every matched label beside what the scorer gave its standard, as CSV in the contract's
    /// dialect: the gold file and line, the gold id and the standard's, the labels and the
    /// predictions (`ai_relevant` 0/1, characteristic ids joined by `;` in taxonomy order),
    /// then every score with six decimals.
    public func predictionsCSV() -> String {
        func ids(_ set: Set<Characteristic>) -> String { Characteristic.allCases.filter(set.contains).map(\.id).joined(separator: ";") }
        func score(_ value: Double) -> String { String(format: "%.6f", value) }
        var out = CSV.line(Self.predictionColumns)
        for prediction in predictions {
            let label = prediction.label
            out += CSV.line([label.file, String(label.line), label.id, prediction.standardID,
                             label.aiRelevant ? "1" : "0", ids(label.characteristics),
                             prediction.isAIRelevant ? "1" : "0", ids(prediction.characteristics),
                             score(prediction.aiRelevance)]
                            + Characteristic.allCases.map { score(prediction.scores[$0] ?? 0) })
        }
        return out
    }
}
