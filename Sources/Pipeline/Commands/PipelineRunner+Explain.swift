import LandscapeModel
import Normalize
import Score

/// `explain`: one standard, its record, its scores with their evidence, its committee.
extension PipelineRunner {
    // MARK: - explain

    /// Prints one standard: its record and where each field came from, every score with its
    /// evidence, and its committee's participation figures.
    public func explain(reference: String) throws -> ExitStatus {
        let config = try PipelineConfig.load(from: configPath)
        // Only the standards asked for are scored.
        let stages = try Stages(config, progress: progress)
        let catalog = try stages.readCatalog(keepsTexts: true)
        let standards = catalog.standards
        let participation = stages.participationAnalysis(try stages.committees())
        let scorer = stages.scorer
        let policy = stages.resolvePolicy(catalog)?.stage
        let key = Normalizer.matchKey(reference)
        let matches = standards.filter { Normalizer.matchKey($0.id) == key }
            + standards.filter { standard in Normalizer.matchKey(standard.id) != key && standard.aliases.contains { Normalizer.matchKey($0) == key } }
        let found = (matches.isEmpty ? standards.filter { Normalizer.matchKey($0.undatedId) == key } : matches)
            .map { standard in
                let card = scorer.detailedScore(standard)
                return ScoredStandard(standard: standard, score: card, isAIRelevant: scorer.isAIRelevant(card))
            }
        guard !found.isEmpty else {
            let close = standards.lazy.filter { $0.undatedId.localizedCaseInsensitiveContains(reference) }.prefix(5).map(\.id)
            throw PipelineError(.dataError, "no standard \"\(reference)\" in the configured inputs" + (close.isEmpty ? "" : "; did you mean: \(close.joined(separator: ", "))?"))
        }
        for scored in found {
            let figures = participation.figures(for: scored.standard)
            let chain = Explanation.adoptionChain(of: scored.standard, in: standards)
            var explanation = Explanation(scored: scored, scorer: scorer, figures: figures, adoptionChain: chain)
            explanation.terms = TerminologyRun.terms(of: scored.standard, config: config, catalog: catalog, scorer: scorer)
            explanation.policyLines = policy?.explanation(of: scored.standard) { committee in
                PolicyStage.row(participation.figures(committee: committee))
            } ?? []
            print(explanation.text)
        }
        return .success
    }
}
