import Foundation
import Ingest
import LandscapeModel
import Normalize
import Testing
@testable import Score

/// The acceptance figures of issue 6 on the real thing: the whole shared corpus ingested and
/// normalized by the pipeline's own stages, scored with the project taxonomy, and compared
/// with `../shared/gold/dev.csv`.
@Suite("Dev gold on the shared corpus")
struct DevGoldTests {
    static let corpus = SharedData.shared.appendingPathComponent("corpus")

    static var corpusIsAvailable: Bool {
        SharedData.isAvailable && FileManager.default.fileExists(atPath: corpus.appendingPathComponent("ieee").path)
    }

    @Test(.enabled(if: DevGoldTests.corpusIsAvailable, "needs ../shared/corpus and ../shared/gold/dev.csv"))
    func scoringMeetsTheTargetsOnTheDevGold() throws {
        var files: [InputFile] = []
        for (folder, format) in [("iso", SourceFormat.nisoSts), ("iec", .nisoSts), ("ieee", .ieeeIdams)] {
            let directory = Self.corpus.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".xml.gz") {
                files.append(InputFile(source: folder, format: format, path: directory.appendingPathComponent(name).path))
            }
        }
        let records = CatalogIngester().ingest(files).records
        let standards = Normalizer().normalize(records).standards
        let scorer = Scorer(taxonomy: try Fixtures.realTaxonomy())
        let scored = standards.map(scorer.scored)
        let gold = try GoldFile.load(SharedData.devGoldPath)
        let evaluation = Evaluation.evaluate(gold: gold, scored: scored, matchKey: Normalizer.matchKey,
                                             threshold: scorer.characteristicThreshold, aiThreshold: scorer.aiRelevanceThreshold)

        #expect(evaluation.unmatched.isEmpty, "unmatched gold ids: \(evaluation.unmatched.map(\.id))")
        #expect(evaluation.micro.f1 >= 0.88, "\(evaluation.render())")
        #expect(evaluation.aiAccuracy >= 0.98)
        for characteristic in Characteristic.allCases {
            let f1 = evaluation.perCharacteristic[characteristic]?.f1 ?? 0
            #expect(f1 >= 0.75, "\(characteristic.id) F1 \(f1)")
        }
    }
}
