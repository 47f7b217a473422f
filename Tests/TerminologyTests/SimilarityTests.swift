import Testing
@testable import Terminology

@Suite struct SimilarityTests {
    @Test func stemsMeetAcrossInflections() {
        #expect(DefinitionSimilarity.stem("management") == "manag")
        #expect(DefinitionSimilarity.stem("managing") == "manag")
        #expect(DefinitionSimilarity.stem("occurrence") == "occur")
        #expect(DefinitionSimilarity.stem("occurring") == "occur")
        #expect(DefinitionSimilarity.stem("harms") == "harm")
        #expect(DefinitionSimilarity.stem("organization") == DefinitionSimilarity.stem("organize"))
    }

    /// A: {combination, probability, occurrence, harm, severity} — "the", "of", "an", "and", "that" are stop words.
    /// B: {composite, measure, event, probability, occurring, magnitude, degree, consequence}.
    /// Shared stems: probabil, occur → 2 × 2 / (5 + 8) = 4/13.
    @Test func diceOnHandComputedPair() {
        let a = ContentWords("'risk' means the combination of the probability of an occurrence of harm and the severity of that harm;")
        let b = ContentWords("The composite measure of an event's probability of occurring and the magnitude or degree of the consequences of that event.")
        #expect(a.stems.count == 5)
        #expect(b.stems.count == 8)
        #expect(abs(DefinitionSimilarity.dice(a, b) - 4.0 / 13.0) < 1e-12)
        #expect(DefinitionSimilarity.only(a, notIn: b) == ["combination", "harm", "severity"])
        #expect(DefinitionSimilarity.only(b, notIn: a) == ["composite", "measure", "event", "magnitude", "degree", "consequences"])
    }

    /// Cross-reference numbers are not words; identical content gives 1, disjoint 0.
    @Test func extremes() {
        let a = ContentWords("effect of uncertainty on objectives (3.1.2)")
        let b = ContentWords("Effects of uncertainty on an objective")
        #expect(a.stems.count == 3)
        #expect(DefinitionSimilarity.dice(a, b) == 1)
        #expect(DefinitionSimilarity.dice(a, ContentWords("blue whale")) == 0)
        #expect(DefinitionSimilarity.dice(a, ContentWords("of the and")) == 0)
    }

    @Test func termKeys() {
        #expect(TermKey.of("Risk Management") == "risk management")
        #expect(TermKey.of("risk-management") == "risk management")
        #expect(TermKey.of("AI systems") == "ai system")
        #expect(TermKey.of("policies") == "policy")
        #expect(TermKey.of("organisation") == TermKey.of("organizations"))
        #expect(TermKey.of("behaviour") == "behavior")
        #expect(TermKey.of("well-being") == TermKey.of("wellbeing"))
        #expect(TermKey.of("societal well‑being") == "societal well being")
        #expect(TermKey.of("bias") == "bias")
        #expect(TermKey.of("‘risk’") == "risk")
        #expect(TermKey.of("modelling") == "modeling")
    }
}
