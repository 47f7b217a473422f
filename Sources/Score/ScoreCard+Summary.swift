import LandscapeModel

extension ScoreCard {
    /// The evidence in one compact cell, for a CSV column or a log line: per passing
    /// target (AI relevance first when `includeAIRelevance`, then each listed
    /// characteristic), its strongest terms with the field they came from —
    /// `ai_relevance: artificial intelligence (title); fair_bias_managed: bias in AI (title), bias (abstract)`.
    ///
    /// - Parameter termsPerTarget: at most this many terms per target.
    public func evidenceSummary(termsPerTarget: Int = 3, includeAIRelevance: Bool = true) -> String {
        var targets: [ScoreTarget] = includeAIRelevance ? [.aiRelevance] : []
        targets += characteristics.map { .characteristic($0) }
        var parts: [String] = []
        for target in targets {
            let items = evidence(for: target).sorted { $0.weight > $1.weight }
            guard !items.isEmpty else { continue }
            var seen = Set<String>()
            let terms = items.filter { seen.insert($0.term + "|" + $0.field.rawValue).inserted }
                .prefix(termsPerTarget)
                .map { "\($0.term) (\($0.field.rawValue))" }
            parts.append("\(target): " + terms.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
