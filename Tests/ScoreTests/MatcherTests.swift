import LandscapeModel
import Testing
@testable import Score

@Suite("Phrase matching")
struct MatcherTests {
    let scorer: Scorer

    init() throws {
        scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
    }

    private func terms(_ card: ScoreCard, _ characteristic: Characteristic) -> [String] {
        card.evidence(for: .characteristic(characteristic)).map(\.term)
    }

    @Test func matchesPhrasesAcrossCaseAndPunctuation() {
        let card = scorer.score(Fixtures.standard(title: "Software — Verification and Validation of AI components"))
        #expect(terms(card, .validReliable) == ["verification and validation"])
        let evidence = card.evidence(for: .characteristic(.validReliable))
        #expect(evidence.first?.matched == "Verification and Validation")
        #expect(evidence.first?.field == .title)
    }

    @Test func phraseDoesNotMatchWhenWordsAreNotConsecutive() {
        let card = scorer.score(Fixtures.standard(title: "Verification of systems and validation of models"))
        #expect(terms(card, .validReliable).isEmpty)
    }

    @Test func phraseDoesNotSpanKeywordsOrSemicolons() {
        let card = scorer.score(Fixtures.standard(title: "Pumps", keywords: ["human", "oversight"]))
        #expect(terms(card, .humanOversight).isEmpty)
        let abstract = scorer.score(Fixtures.standard(title: "Pumps", abstract: "The human; oversight of pumps."))
        #expect(terms(abstract, .humanOversight).isEmpty)
    }

    @Test(arguments: ["Bias in AI", "Biases in AI", "Treatment of unwanted biases", "biased decisions"])
    func matchesWordForms(_ title: String) {
        #expect(scorer.score(Fixtures.standard(title: title)).characteristics == [.fairBiasManaged])
    }

    @Test(arguments: ["Anonymised data sets", "Anonymized data sets", "ANONYMISED DATA"])
    func matchesBritishAndAmericanSpellings(_ title: String) {
        #expect(scorer.score(Fixtures.standard(title: title)).characteristics == [.privacyEnhanced])
    }

    @Test(arguments: ["Data de-identification", "Data de identification", "Data deidentification",
                      "Data de\u{2011}identification", "DE-IDENTIFICATION of data"])
    func matchesHyphenAndSpacingVariants(_ title: String) {
        let card = scorer.score(Fixtures.standard(title: title))
        #expect(terms(card, .privacyEnhanced) == ["de-identification"])
    }

    @Test(arguments: ["Human-in-the-loop control", "Human in the loop control", "human in-the-loop control"])
    func matchesHyphenatedPhrases(_ title: String) {
        #expect(scorer.score(Fixtures.standard(title: title)).characteristics == [.humanOversight])
    }

    @Test(arguments: ["Unsafety of pumps", "Safetynet pumps", "Ethicsboard", "Privacyless storage", "Mbias meters"])
    func doesNotMatchInsideOtherWords(_ title: String) {
        let card = scorer.score(Fixtures.standard(title: title))
        #expect(card.evidence.isEmpty)
        #expect(card.characteristics.isEmpty)
    }

    @Test func acronymDoesNotMatchInsideAnotherWord() throws {
        let taxonomy = try Fixtures.realTaxonomy()
        let card = Scorer(taxonomy: taxonomy).score(Fixtures.standard(title: "MPAI-CAE audio enhancement for PAIN relief"))
        #expect(card.evidence(for: .aiRelevance).isEmpty)
    }

    @Test(arguments: [
        "This document does not apply to privacy.",
        "Privacy is out of the scope of this document.",
        "This document specifies pumps. Privacy is out of the scope of this document.",
    ])
    func ignoresNegatedScope(_ abstract: String) {
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: abstract + " " + abstract))
        #expect(terms(card, .privacyEnhanced).isEmpty)
    }

    @Test func negationCoversOnlyItsSentence() {
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: "This document specifies privacy controls. It does not apply to pumps."))
        #expect(terms(card, .privacyEnhanced) == ["privacy"])
    }

    @Test func restOfSentenceNegationKeepsWhatComesBefore() {
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: "It applies to safety of pumps, excluding privacy of operators."))
        #expect(terms(card, .safe) == ["safety"])
        #expect(terms(card, .privacyEnhanced).isEmpty)
    }

    @Test func negatedSentenceEndingWithColonNegatesTheListAfterIt() {
        let abstract = "<p>This document applies to pumps.</p><p>This document does not apply to the following:</p>"
            + "<p>— privacy of operators;</p><p>— ethics of pumping.</p><p>Safety is addressed.</p>"
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: abstract))
        #expect(terms(card, .privacyEnhanced).isEmpty)
        #expect(terms(card, .societalWellbeing).isEmpty)
        #expect(terms(card, .safe) == ["safety"])
    }

    @Test func abbreviationDoesNotEndTheNegatedSentence() {
        let abstract = "This document does not apply to security aspects (e.g. cybersecurity, information security)."
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: abstract))
        #expect(terms(card, .secureResilient).isEmpty)
    }

    @Test func frenchAndGermanVariantsWithAndWithoutAccents() {
        let french = scorer.score(Fixtures.standard(title: "Sécurité fonctionnelle des machines"))
        #expect(terms(french, .safe) == ["sécurité fonctionnelle"])
        let unaccented = scorer.score(Fixtures.standard(title: "SECURITE FONCTIONNELLE"))
        #expect(terms(unaccented, .safe) == ["sécurité fonctionnelle"])
        let decomposed = scorer.score(Fixtures.standard(title: "Se\u{0301}curite\u{0301} fonctionnelle"))
        #expect(terms(decomposed, .safe) == ["sécurité fonctionnelle"])
        let german = scorer.score(Fixtures.standard(title: "Pumpen", otherTitles: ["de": "Datenschutz für Pumpen"]))
        #expect(terms(german, .privacyEnhanced) == ["Datenschutz"])
    }

    @Test func longerPhraseOfTheSameCharacteristicCountsOnce() {
        let card = scorer.score(Fixtures.standard(title: "Functional safety of pumps"))
        #expect(terms(card, .safe) == ["functional safety"])
        #expect(card.evidence(for: .characteristic(.safe)).first?.weight == 4.5)
    }

    @Test func zeroWeightPhraseSuppressesTheShorterTerm() {
        let card = scorer.score(Fixtures.standard(title: "Societal security - Business continuity"))
        #expect(terms(card, .societalWellbeing).isEmpty)
        #expect(terms(card, .secureResilient) == ["societal security"])
    }

    @Test func markupAndEntitiesAreNotWords() {
        let abstract = #"<p class="MsoBodyText" style="mso-list: privacy">Pumps &amp; valves</p><!-- [if privacy] -->"#
        let card = scorer.score(Fixtures.standard(title: "Pumps", abstract: abstract))
        #expect(card.evidence.isEmpty)
    }

    @Test func committeeAndClassificationAreEvidence() {
        let card = scorer.score(Fixtures.standard(title: "Pumps", committees: ["ISO/IEC JTC 1/SC 42/WG 3"], ics: ["13.110.10"]))
        #expect(card.evidence(for: .aiRelevance).map(\.field) == [.committee])
        #expect(card.evidence(for: .characteristic(.safe)).map(\.matched) == ["13.110.10"])
    }

    @Test func stemmerKeepsShortAndExceptionWords() {
        #expect(PhraseMatcher.stems(of: "bias biases biased") == ["bias", "bias", "bias"])
        #expect(PhraseMatcher.stems(of: "process processes status analysis") == ["process", "process", "status", "analysis"])
        #expect(PhraseMatcher.stems(of: "policies applied testing tested tests") == ["policy", "apply", "test", "test", "test"])
        #expect(PhraseMatcher.stems(of: "behaviour behavior organisation organization") == ["behavior", "behavior", "organization", "organization"])
        #expect(PhraseMatcher.stems(of: "AI is an ML use") == ["ai", "is", "an", "ml", "use"])
    }
}
