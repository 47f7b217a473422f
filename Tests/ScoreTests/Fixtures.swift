import Testing
import LandscapeModel
@testable import Score

/// Builders for literal standards and small taxonomies.
enum Fixtures {
    static func standard(
        _ id: String = "ISO 1:2020",
        title: String,
        otherTitles: [String: String] = [:],
        abstract: String = "",
        keywords: [String] = [],
        committees: [String] = [],
        ics: [String] = []
    ) -> Standard {
        Standard(id: id, undatedId: id.split(separator: ":").first.map(String.init) ?? id, sdo: "ISO", sources: ["test"],
                 deliverableType: .standard, stage: .published, stageCode: "60.60", status: .active,
                 committees: committees, title: title, otherTitles: otherTitles, abstract: abstract,
                 keywords: keywords, ics: ics)
    }

    /// A taxonomy with one or two terms per characteristic and simple constants, so that
    /// expected scores can be computed by hand: score = 1 − exp(−raw / 2), threshold 0.5
    /// (raw ≥ 1.386); title weight 3, abstract 1, keywords 0.5; no decay, no repeat bonus.
    static let smallTaxonomyYAML = """
    scoring:
      field_weights: {title: 3.0, keywords: 0.5, abstract: 1.0, committee: 1.0, ics: 1.0}
      saturation: 2.0
      threshold: 0.5
      ai_threshold: 0.5
    negation:
      sentence: [does not apply, is out of the scope, are out of scope]
      rest_of_sentence: [excluding]
    ai_relevance:
      terms:
        artificial intelligence: 1.0
        machine learning: 1.0
        ISO/IEC JTC 1/SC 42: 0.5
    characteristics:
      valid_reliable:
        name: Valid and reliable
        definition: Works correctly.
        nist: [Valid and Reliable]
        terms: {robustness: 1.0, verification and validation: 1.0}
      safe:
        name: Safe
        definition: Does no harm.
        nist: [Safe]
        hleg: [Technical robustness and safety]
        ai_act: [Art. 15]
        m593: [Risk management system]
        terms: {safety: 1.0, functional safety: 1.5, sécurité fonctionnelle: 1.5}
        ics: {"13.110": 1.0}
      secure_resilient:
        name: Secure and resilient
        definition: Withstands attacks.
        terms: {cybersecurity: 1.0, information security: 1.0}
      accountable_transparent:
        name: Accountable and transparent
        definition: Answers for itself.
        terms: {accountability: 1.0, management system: 1.0}
      explainable_interpretable:
        name: Explainable and interpretable
        definition: Can be understood.
        terms: {explainability: 1.0}
      privacy_enhanced:
        name: Privacy-enhanced
        definition: Protects personal data.
        terms: {privacy: 1.0, de-identification: 1.0, anonymized: 1.0, Datenschutz: 1.0}
      fair_bias_managed:
        name: Fair
        definition: Treats people equitably.
        terms: {bias: 1.0, fairness: 1.0}
      human_oversight:
        name: Human oversight
        definition: People stay in charge.
        terms: {human oversight: 1.0, human-in-the-loop: 1.0}
      societal_wellbeing:
        name: Societal well-being
        definition: Good for society.
        terms: {well-being: 1.0, ethics: 1.0}
    shared_terms:
      societal security: {secure_resilient: 1.0, societal_wellbeing: 0}
    """

    /// Parsing `yaml` as a weights file (against ``smallTaxonomy()``) fails naming `weights.yaml`,
    /// `line` and `key`, with a reason that contains `reason`.
    static func expectWeightsError(_ yaml: String, line: Int, key: String, reason: String,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let taxonomy = try smallTaxonomy()
        let error = try #require(throws: ScoringWeightsError.self, sourceLocation: sourceLocation) {
            try ScoringWeights.parse(yaml: yaml, source: "weights.yaml", taxonomy: taxonomy)
        }
        #expect(error.file == "weights.yaml", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
        #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("weights.yaml:\(line): \(key): "), sourceLocation: sourceLocation)
    }

    static func smallTaxonomy() throws -> Taxonomy {
        try Taxonomy.parse(yaml: smallTaxonomyYAML, source: "small.yaml")
    }

    static func realTaxonomy() throws -> Taxonomy {
        try Taxonomy.load(path: SharedData.taxonomyPath)
    }
}
