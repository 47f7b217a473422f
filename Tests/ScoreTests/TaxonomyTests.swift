import Foundation
import LandscapeModel
import Testing
@testable import Score

@Suite("Taxonomy loading and validation")
struct TaxonomyTests {
    @Test func projectTaxonomyLoadsWithEveryCharacteristic() throws {
        let taxonomy = try Fixtures.realTaxonomy()
        #expect(taxonomy.characteristics.map(\.characteristic) == Characteristic.allCases)
        for info in taxonomy.characteristics {
            #expect(!info.name.isEmpty)
            #expect(!info.definition.isEmpty)
            #expect(!info.eu.isEmpty, "\(info.characteristic.id) names no EU source")
        }
        #expect(taxonomy.info(for: .privacyEnhanced)?.nist == ["Privacy-Enhanced"])
        #expect(taxonomy.info(for: .humanOversight)?.eu.contains("AI Act Art. 14 (human oversight)") == true)
        for characteristic in Characteristic.allCases {
            #expect(taxonomy.terms.contains { $0.weights[ScoreSlot.slot(characteristic)] ?? 0 > 0 })
        }
        #expect(taxonomy.threshold > 0 && taxonomy.threshold < 1)
    }

    /// Parses `yaml` and returns the error it throws.
    private func failure(_ yaml: String) -> TaxonomyError? {
        do {
            _ = try Taxonomy.parse(yaml: yaml, source: "bad.yaml")
            return nil
        } catch let error as TaxonomyError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    private func replacing(_ old: String, with new: String) -> String {
        precondition(Fixtures.smallTaxonomyYAML.contains(old))
        return Fixtures.smallTaxonomyYAML.replacingOccurrences(of: old, with: new)
    }

    private func line(of text: String, in yaml: String) -> Int {
        let lines = yaml.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func unknownCharacteristicIsNamedWithItsLine() throws {
        let yaml = replacing("  human_oversight:\n", with: "  human_overseeing:\n")
        let error = try #require(failure(yaml))
        #expect(error.key == "characteristics.human_overseeing")
        #expect(error.line == line(of: "human_overseeing", in: yaml))
        #expect(error.reason.contains("unknown characteristic id"))
        #expect(error.description.hasPrefix("bad.yaml:\(error.line!): characteristics.human_overseeing:"))
    }

    @Test func missingCharacteristicIsReported() throws {
        let yaml = replacing("""
              societal_wellbeing:
                name: Societal well-being
                definition: Good for society.
                terms: {well-being: 1.0, ethics: 1.0}

            """, with: "")
        let error = try #require(failure(yaml))
        #expect(error.reason.contains("missing characteristic(s): societal_wellbeing"))
    }

    @Test func emptyVocabularyIsReported() throws {
        let error = try #require(failure(replacing("terms: {explainability: 1.0}", with: "terms: {}")))
        #expect(error.key == "characteristics.explainable_interpretable.terms")
        #expect(error.reason == "the vocabulary is empty")
    }

    @Test(arguments: [("explainability: 1.0", "explainability: heavy", "expected a number"),
                      ("explainability: 1.0", "explainability: -1", "out of range"),
                      ("explainability: 1.0", "explainability: 50", "out of range"),
                      ("threshold: 0.5", "threshold: 1.5", "out of range")])
    func badWeightsAreReported(_ old: String, _ new: String, _ reason: String) throws {
        let yaml = replacing(old, with: new)
        let error = try #require(failure(yaml))
        #expect(error.reason.contains(reason))
        #expect(error.line == line(of: new, in: yaml))
    }

    @Test func unknownKeysAreReported() throws {
        let error = try #require(failure(replacing("  saturation: 2.0", with: "  saturaton: 2.0")))
        #expect(error.key == "scoring.saturaton")
        #expect(error.reason.contains("unknown key"))
    }

    @Test func termWithoutWordsIsReported() throws {
        let error = try #require(failure(replacing("{explainability: 1.0}", with: "{explainability: 1.0, \"--\": 1.0}")))
        #expect(error.reason.contains("has no words"))
    }

    @Test func duplicateTermForTheSameTargetIsReported() throws {
        let error = try #require(failure(replacing("{explainability: 1.0}", with: "{explainability: 1.0, Explainabilities: 0.5}")))
        #expect(error.reason.contains("matches the same words as 'explainability'"))
    }

    @Test func malformedYAMLIsReportedWithItsLine() throws {
        let error = try #require(failure("scoring:\n  field_weights: {title: 3\n  saturation: [\n"))
        #expect(error.reason.hasPrefix("invalid YAML"))
        #expect(error.line != nil)
    }

    @Test func yamlAliasesAreRefused() throws {
        // Ten levels of ten aliases each would stand for 10^10 nodes.
        var bomb = "scoring:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 { bomb += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let error = try #require(failure(bomb))
        #expect(error.reason.contains("anchors and aliases"))
        #expect(error.line == 2)
    }

    @Test func unreadableFileIsReported() {
        #expect(throws: TaxonomyError.self) { try Taxonomy.load(path: "/nonexistent/taxonomy.yaml") }
    }

    @Test func scoringSettingsDecodeWithDefaults() throws {
        let decoded = try JSONDecoder().decode(ScoringSettings.self, from: Data(#"{"ai_threshold": 0.4}"#.utf8))
        #expect(decoded.taxonomy == "Inputs/taxonomy.yaml")
        #expect(decoded.threshold == nil)
        #expect(decoded.aiThreshold == 0.4)
        #expect(decoded.taxonomyPath(relativeTo: "/etc/landscape") == "/etc/landscape/Inputs/taxonomy.yaml")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ScoringSettings.self, from: Data(#"{"threshold": 2}"#.utf8))
        }
    }
}
