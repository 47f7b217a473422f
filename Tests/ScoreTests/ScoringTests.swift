import Foundation
import Ingest
import LandscapeModel
import Normalize
import Testing
@testable import Score

@Suite("Scores, thresholds and characteristics")
struct ScoringTests {
    @Test func scoreFollowsTheDocumentedFormula() throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        // Title: 1.0 × 3 = 3 → 1 − e^(−1.5) ≈ 0.777.
        let titled = scorer.score(Fixtures.standard(title: "Robustness of pumps"))
        #expect(abs(titled.score(.validReliable) - (1 - exp(-1.5))) < 1e-9)
        // Abstract: 1.0 × 1 = 1 → 1 − e^(−0.5) ≈ 0.393, below the threshold.
        let mentioned = scorer.score(Fixtures.standard(title: "Pumps", abstract: "Robustness is discussed."))
        #expect(abs(mentioned.score(.validReliable) - (1 - exp(-0.5))) < 1e-9)
        #expect(titled.characteristics == [.validReliable])
        #expect(mentioned.characteristics.isEmpty)
        // Nothing found: exactly 0.
        #expect(mentioned.score(.safe) == 0)
    }

    @Test func twoAbstractTermsPassWhereOneDoesNot() throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        // 1 + 1 = 2 → 1 − e^(−1) ≈ 0.632 ≥ 0.5.
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: "It covers fairness and bias."))
        #expect(abs(card.score(.fairBiasManaged) - (1 - exp(-1))) < 1e-9)
        #expect(card.characteristics == [.fairBiasManaged])
    }

    @Test func characteristicsAreInContractOrderAndPassTheThreshold() throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let card = scorer.score(Fixtures.standard(title: "Well-being, privacy and safety of pumps"))
        #expect(card.characteristics == [.safe, .privacyEnhanced, .societalWellbeing])
        for characteristic in Characteristic.allCases {
            #expect(card.characteristics.contains(characteristic) == (card.score(characteristic) >= 0.5))
            #expect((0...1).contains(card.score(characteristic)))
        }
    }

    @Test func settingsOverrideTheTaxonomyThresholds() throws {
        let taxonomy = try Fixtures.smallTaxonomy()
        let standard = Fixtures.standard(title: "Pumps", abstract: "Robustness is discussed in machine learning.")
        let strict = Scorer(taxonomy: taxonomy)
        let lenient = Scorer(taxonomy: taxonomy, settings: ScoringSettings(threshold: 0.3, aiThreshold: 0.3))
        #expect(strict.score(standard).characteristics.isEmpty)
        #expect(!strict.scored(standard).isAIRelevant)
        #expect(lenient.score(standard).characteristics == [.validReliable])
        #expect(lenient.scored(standard).isAIRelevant)
        #expect(lenient.characteristicThreshold == 0.3)
    }

    @Test func everyScoreHasItsEvidence() throws {
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let card = scorer.score(Fixtures.standard(
            title: "Information technology - Artificial intelligence - Functional safety and AI systems",
            abstract: "This document describes the use of AI inside a safety related function."))
        for characteristic in Characteristic.allCases where card.score(characteristic) > 0 {
            #expect(!card.evidence(for: .characteristic(characteristic)).isEmpty)
        }
        #expect(card.characteristics.contains(.safe))
        #expect(card.aiRelevance > 0.9)
    }

    @Test func translatedTitleConfirmsButDoesNotDecideAlone() throws {
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let card = scorer.score(Fixtures.standard(
            title: "Industrial communication networks - Network and system security",
            otherTitles: ["fr": "Réseaux industriels de communication - Sécurité dans les réseaux et les systèmes"]))
        #expect(card.characteristics == [.secureResilient])
    }

    @Test func aiConditionalTermsCountOnlyForAIStandards() throws {
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let ink = scorer.score(Fixtures.standard(title: "Photography - Overhead projectors - Transparency frames"))
        #expect(!ink.characteristics.contains(.explainableInterpretable))
        let ai = scorer.score(Fixtures.standard(
            title: "Information technology - Artificial intelligence - Transparency taxonomy of AI systems",
            abstract: "This document defines a taxonomy of information elements to assist AI stakeholders with achieving transparency of AI systems."))
        #expect(ai.characteristics.contains(.explainableInterpretable))
        #expect(ai.characteristics.contains(.accountableTransparent))
    }

    /// The two checks named in issue 6, on the records as the corpus gives them.
    @Test func biasReportIsFairAndSecurityStandardIsNotAI() throws {
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let bias = scorer.scored(Fixtures.standard(
            "ISO/IEC TR 24027:2021",
            title: "Information technology - Artificial intelligence (AI) - Bias in AI systems and AI aided decision making",
            abstract: "<p>This document addresses bias in relation to AI systems, especially with regards to AI-aided decision-making. Measurement techniques and methods for assessing bias are described, with the aim to address and treat bias-related vulnerabilities. All AI system lifecycle phases are in scope, including but not limited to data collection, training, continual learning, design, testing, evaluation and use.</p>",
            committees: ["ISO/IEC JTC 1/SC 42"], ics: ["35.020"]))
        #expect(bias.score.characteristics.contains(.fairBiasManaged))
        #expect(bias.isAIRelevant)
        #expect(!bias.score.evidence(for: .characteristic(.fairBiasManaged)).isEmpty)

        let isms = scorer.scored(Fixtures.standard(
            "ISO/IEC 27001:2022",
            title: "Information security, cybersecurity and privacy protection - Information security management systems - Requirements",
            otherTitles: ["fr": "Sécurité de l'information, cybersécurité et protection de la vie privée - Systèmes de management de la sécurité de l'information - Exigences"],
            abstract: "<p>This document specifies the requirements for establishing, implementing, maintaining and continually improving an information security management system within the context of the organization. This document also includes requirements for the assessment and treatment of information security risks tailored to the needs of the organization.</p>",
            committees: ["ISO/IEC JTC 1/SC 27"], ics: ["03.100.70", "35.030"]))
        #expect(isms.score.characteristics == [.secureResilient, .accountableTransparent])
        #expect(isms.score.aiRelevance < 0.05)
        #expect(!isms.isAIRelevant)
    }

    @Test func scorerIsUsableFromConcurrentTasks() async throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let standards = (0..<64).map { Fixtures.standard("ISO \($0):2020", title: $0.isMultiple(of: 2) ? "Safety of pumps" : "Pumps") }
        let serial = standards.map { scorer.score($0).characteristics }
        let parallel = await withTaskGroup(of: (Int, [Characteristic]).self) { group in
            for (index, standard) in standards.enumerated() {
                group.addTask { (index, scorer.score(standard).characteristics) }
            }
            var results = [[Characteristic]](repeating: [], count: standards.count)
            for await (index, characteristics) in group { results[index] = characteristics }
            return results
        }
        #expect(parallel == serial)
    }
}

@Suite("Evidence summary")
struct EvidenceSummaryTests {
    @Test func summaryListsPassingTargetsStrongestFirst() throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        let card = scorer.score(Fixtures.standard(title: "Machine learning - Fairness", abstract: "Bias and safety."))
        #expect(card.characteristics == [.fairBiasManaged])
        #expect(card.evidenceSummary() == "ai_relevance: machine learning (title); fair_bias_managed: fairness (title), bias (abstract)")
        #expect(card.evidenceSummary(termsPerTarget: 1, includeAIRelevance: false) == "fair_bias_managed: fairness (title)")
    }
}

@Suite("Abstracts scored where they are read")
struct PrecomputedAbstractTests {
    /// A run keeps an abstract's evidence instead of its text; scoring must not notice.
    @Test func evidenceInPlaceOfTheTextScoresTheSame() throws {
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let standards = [
            // The title's focus term multiplies the abstract's evidence.
            Fixtures.standard(title: "Trustworthiness in artificial intelligence", abstract: "Covers robustness, bias and privacy of AI systems."),
            // Negated scope, a list after a negated colon, repeats.
            Fixtures.standard(title: "Machine learning", abstract: "This document does not cover the following:\n- safety\n- security.\nIt covers bias, bias and bias in AI."),
            Fixtures.standard(title: "Pumps", abstract: "Functional safety of pumps; cybersecurity is out of the scope of this document.",
                              keywords: ["safety"], ics: ["13.110", "35.030"]),
            Fixtures.standard(title: "Pumps", abstract: ""),
        ]
        for standard in standards {
            var replaced = standard
            replaced.condensedAbstract = scorer.abstractEvidence(of: standard.abstract)
            replaced.abstract = ""
            let fromText = scorer.score(standard), fromEvidence = scorer.score(replaced)
            #expect(fromEvidence.aiRelevance == fromText.aiRelevance, "\(standard.title)")
            #expect(fromEvidence.scores == fromText.scores, "\(standard.title)")
            #expect(fromEvidence.characteristics == fromText.characteristics, "\(standard.title)")
            #expect(fromEvidence.evidence == fromText.evidence, "\(standard.title)")
            #expect(replaced.abstractByteCount == standard.abstract.utf8.count)
        }
    }

    @Test(.enabled(if: DevGoldTests.corpusIsAvailable, "needs ../shared/corpus"))
    func aCorpusSliceScoresTheSameEitherWay() throws {
        let files = [("iso", SourceFormat.nisoSts, "catalog-013.xml.gz"), ("iec", .nisoSts, "catalog-001.xml.gz"), ("ieee", .ieeeIdams, "catalog-001.xml.gz")]
            .map { InputFile(source: $0.0, format: $0.1, path: DevGoldTests.corpus.appendingPathComponent("\($0.0)/\($0.2)").path) }
        let records = CatalogIngester().ingest(files).records
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let withText = Normalizer().normalize(records).standards
        let withEvidence = Normalizer(condenseAbstract: { scorer.abstractEvidence(of: $0) }).normalize(records).standards
        try #require(withText.count == withEvidence.count && withText.count > 10_000)
        var differing: [String] = []
        for (a, b) in zip(withText, withEvidence) {
            #expect(a.id == b.id)
            #expect(b.abstract.isEmpty && b.abstractByteCount == a.abstract.utf8.count)
            let x = scorer.score(a), y = scorer.score(b)
            if x.scores != y.scores || x.aiRelevance != y.aiRelevance || x.evidence != y.evidence { differing.append(a.id) }
        }
        #expect(differing.isEmpty, "\(differing.count) standards score differently, e.g. \(differing.prefix(5))")
    }
}
