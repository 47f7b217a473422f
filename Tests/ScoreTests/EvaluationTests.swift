import LandscapeModel
import Testing
@testable import Score

@Suite("Gold files and evaluation")
struct EvaluationTests {
    /// Normalizes like a reference key: spaces collapsed, upper case.
    static func key(_ id: String) -> String {
        id.split(whereSeparator: \.isWhitespace).joined(separator: " ").uppercased()
    }

    /// Five literal standards scored with the small taxonomy, four gold labels that match
    /// them (one through a different spelling of the reference) and one that matches nothing.
    ///
    /// Predictions (title terms score 0.777, so each named characteristic passes):
    ///   A "Functional safety and privacy"           → safe, privacy_enhanced; AI no
    ///   B "Machine learning - Bias and fairness"    → fair_bias_managed;      AI yes
    ///   C "Pumps"                                   → none;                   AI no
    ///   D "Robustness of machine learning"          → valid_reliable;         AI yes
    /// Gold:
    ///   A safe;privacy_enhanced, ai 0               → safe TP, privacy TP, AI right
    ///   B fair_bias_managed;human_oversight, ai 1   → fair TP, human FN,  AI right
    ///   C safe, ai 0                                → safe FN,            AI right
    ///   D (none), ai 0                              → valid FP,           AI wrong (FP)
    ///   E not in the scored set                     → listed as unmatched
    /// Counts: TP 3, FP 1, FN 2 → micro precision 3/4 = 0.750, recall 3/5 = 0.600,
    /// F1 = 2·3 / (2·3 + 1 + 2) = 6/9 = 0.667.
    /// Per characteristic: safe TP1 FN1 → P 1, R 0.5, F1 0.667; privacy TP1 → 1/1/1;
    /// fair TP1 → 1/1/1; human FN1 → 0/0/0; valid FP1 → 0/0/0.
    /// Macro over those five: P (1+1+1+0+0)/5 = 0.600, R (0.5+1+1+0+0)/5 = 0.500,
    /// F1 (0.667+1+1+0+0)/5 = 0.533. AI accuracy 3/4 = 0.750.
    static let goldCSV = """
    id,ai_relevant,characteristics
    ISO 100:2020,0,safe;privacy_enhanced
    "ISO  101:2020",1,fair_bias_managed;human_oversight
    ISO 102:2020,0,safe
    ISO 103:2020,0,
    ISO 999:2020,1,valid_reliable

    """

    static func scored() throws -> [ScoredStandard] {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        return [
            Fixtures.standard("ISO 100:2020", title: "Functional safety and privacy"),
            Fixtures.standard("ISO 101:2020", title: "Machine learning - Bias and fairness"),
            Fixtures.standard("ISO 102:2020", title: "Pumps"),
            Fixtures.standard("ISO 103:2020", title: "Robustness of machine learning"),
            Fixtures.standard("ISO 104:2020", title: "Ethics of pumps"),
        ].map(scorer.scored)
    }

    @Test func endToEndNumbersMatchTheHandComputation() throws {
        let gold = try GoldFile.parse(Self.goldCSV, path: "tiny.csv")
        let evaluation = Evaluation.evaluate(gold: gold, scored: try Self.scored(), matchKey: Self.key)

        #expect(evaluation.matched == 4)
        #expect(evaluation.unmatched.map(\.id) == ["ISO 999:2020"])
        #expect(evaluation.micro == Evaluation.Counts(truePositives: 3, falsePositives: 1, falseNegatives: 2))
        #expect(abs(evaluation.micro.precision - 0.75) < 1e-9)
        #expect(abs(evaluation.micro.recall - 0.6) < 1e-9)
        #expect(abs(evaluation.micro.f1 - 6.0 / 9.0) < 1e-9)
        #expect(evaluation.perCharacteristic[.safe] == Evaluation.Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        #expect(abs(evaluation.perCharacteristic[.safe]!.f1 - 2.0 / 3.0) < 1e-9)
        #expect(evaluation.perCharacteristic[.humanOversight]!.support == 1)
        #expect(evaluation.perCharacteristic[.explainableInterpretable] == Evaluation.Counts())
        #expect(abs(evaluation.macroPrecision - 0.6) < 1e-9)
        #expect(abs(evaluation.macroRecall - 0.5) < 1e-9)
        #expect(abs(evaluation.macroF1 - (2.0 / 3.0 + 2) / 5) < 1e-9)
        #expect(evaluation.aiCorrect == 3)
        #expect(abs(evaluation.aiAccuracy - 0.75) < 1e-9)
        #expect(evaluation.aiRelevance == Evaluation.Counts(truePositives: 1, falsePositives: 1, falseNegatives: 0))

        // Errors: valid FP on D, human FN on B, safe FN on C, AI FP on D — worst first.
        #expect(evaluation.errors.count == 4)
        let validFP = try #require(evaluation.errors.first { $0.target == .characteristic(.validReliable) })
        #expect(validFP.kind == .falsePositive)
        #expect(validFP.evidence.map(\.term) == ["robustness"])
        #expect(evaluation.errors.map(\.margin) == evaluation.errors.map(\.margin).sorted(by: >))
    }

    @Test func goldIdsMatchAStandardByItsAliases() throws {
        let scorer = Scorer(taxonomy: try Fixtures.smallTaxonomy())
        var dual = Fixtures.standard("ISO/IEC 14515-1:2000", title: "Functional safety and privacy")
        dual.aliases = ["IEEE Std 2003.1-2000"]
        let gold = try GoldFile.parse("id,ai_relevant,characteristics\nIEEE Std 2003.1-2000,0,safe;privacy_enhanced\n", path: "gold.csv")
        let evaluation = Evaluation.evaluate(gold: gold, scored: [scorer.scored(dual)], matchKey: Self.key)
        #expect(evaluation.matched == 1 && evaluation.unmatched.isEmpty)
        #expect(evaluation.micro == Evaluation.Counts(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        // Without the alias the gold id names nothing.
        dual.aliases = []
        #expect(Evaluation.evaluate(gold: gold, scored: [scorer.scored(dual)], matchKey: Self.key).matched == 0)
    }

    @Test func renderEndsWithTheMicroF1Line() throws {
        let gold = try GoldFile.parse(Self.goldCSV, path: "tiny.csv")
        let text = Evaluation.evaluate(gold: gold, scored: try Self.scored(), matchKey: Self.key).render()
        #expect(text.hasSuffix("\nmicro_f1=0.667\n"))
        #expect(text.contains("ISO 999:2020"))
        #expect(text.contains("accuracy 0.750 (3/4)"))
        #expect(text.contains("FP valid_reliable"))
        #expect(text.contains("\"robustness\" ← \"Robustness\""))
    }

    @Test func decimalsAreFixedAndLocaleFree() {
        #expect(decimal(0) == "0.000")
        #expect(decimal(1) == "1.000")
        #expect(decimal(2.0 / 3.0) == "0.667")
        #expect(decimal(0.0005) == "0.001")
        #expect(decimal(0.9995) == "1.000")
    }

    @Test(arguments: [
        ("id,ai,characteristics\nX,1,\n", 1, "header"),
        ("id,ai_relevant,characteristics\nX,yes,\n", 2, "ai_relevant must be 0 or 1"),
        ("id,ai_relevant,characteristics\nX,1,\nY,0,safe;trustworthy\n", 3, "unknown characteristic 'trustworthy'"),
        ("id,ai_relevant,characteristics\nX,1\n", 2, "expected 3 fields"),
        ("id,ai_relevant,characteristics\n\"A\nB\",1,\nX,1,safe\nX,0,\n", 5, "duplicate id 'X' (first at line 4)"),
        // CSV.parse reports where the input ended inside the quoted field.
        ("id,ai_relevant,characteristics\n\"X,1,\n", 3, "unterminated"),
    ])
    func goldFileErrorsNameTheLine(_ text: String, _ line: Int, _ reason: String) throws {
        do {
            _ = try GoldFile.parse(text, path: "gold.csv")
            Issue.record("expected an error")
        } catch let error as GoldFileError {
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
            #expect(error.description.hasPrefix("gold.csv:\(line): "))
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/gold/dev.csv"))
    func devGoldFileParses() throws {
        let gold = try GoldFile.load(SharedData.devGoldPath)
        // One label per data row of the file, whatever its length (it grows).
        let rows = try String(contentsOfFile: SharedData.devGoldPath, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(gold.labels.count == rows.count)
        #expect(gold.labels.count >= 103)
        #expect(gold.labels.contains { $0.id == "A Framework" && $0.characteristics == [.accountableTransparent, .humanOversight] })
    }
}
