import Foundation
import LandscapeModel
import Testing
@testable import Score

/// Scores a JSON-lines extract of the corpus (one object per record: id, title, otherTitles,
/// abstract, keywords, committees, ics) against the dev gold file. Runs only when
/// `SCORE_TUNING_JSONL` names such a file; it is a tuning aid, not a check.
@Suite struct TuningHarness {
    static let path = ProcessInfo.processInfo.environment["SCORE_TUNING_JSONL"]

    @Test(.enabled(if: TuningHarness.path != nil && SharedData.isAvailable, "set SCORE_TUNING_JSONL to a corpus extract"))
    func scoreExtract() throws {
        let taxonomy = try Taxonomy.load(path: SharedData.taxonomyPath)
        let text = try String(contentsOfFile: TuningHarness.path!, encoding: .utf8)
        var merged: [String: Standard] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let id = (object["id"] as? String ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let standard = Standard(
                id: id, undatedId: id, sdo: "", sources: [], deliverableType: .standard, stage: .published,
                stageCode: "", status: .active, committees: object["committees"] as? [String] ?? [],
                title: object["title"] as? String ?? "", otherTitles: object["otherTitles"] as? [String: String] ?? [:],
                abstract: object["abstract"] as? String ?? "", keywords: object["keywords"] as? [String] ?? [],
                ics: object["ics"] as? [String] ?? [])
            if var existing = merged[id] {
                existing.committees = Array(Set(existing.committees + standard.committees)).sorted()
                existing.ics = Array(Set(existing.ics + standard.ics)).sorted()
                if standard.abstract.count > existing.abstract.count { existing.abstract = standard.abstract }
                if existing.keywords.isEmpty { existing.keywords = standard.keywords }
                existing.otherTitles.merge(standard.otherTitles) { old, _ in old }
                merged[id] = existing
            } else {
                merged[id] = standard
                order.append(id)
            }
        }
        let scorer = Scorer(taxonomy: taxonomy)
        let clock = ContinuousClock()
        var scored: [ScoredStandard] = []
        let elapsed = clock.measure {
            scored = order.map { scorer.scored(merged[$0]!) }
        }
        let gold = try GoldFile.load(SharedData.devGoldPath)
        let evaluation = Evaluation.evaluate(gold: gold, scored: scored,
                                             matchKey: { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") })
        print(evaluation.render(worst: Int(ProcessInfo.processInfo.environment["SCORE_TUNING_WORST"] ?? "40") ?? 40))
        print("scored \(scored.count) standards in \(elapsed)")
        var counts = [String: Int]()
        for item in scored {
            if item.isAIRelevant { counts["ai_relevance", default: 0] += 1 }
            for c in item.score.characteristics { counts[c.id, default: 0] += 1 }
        }
        print(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        if ProcessInfo.processInfo.environment["SCORE_TUNING_AI"] != nil {
            print("SC 42 / JTC 21 standards not AI-relevant:")
            for item in scored where !item.isAIRelevant && item.standard.committees.contains(where: { $0.contains("SC 42") || $0.contains("JTC 21") }) {
                print("  \(decimal(item.score.aiRelevance)) \(item.standard.id) | \(item.standard.title.prefix(110))")
            }
            print("borderline AI relevance (0.3–0.7):")
            for item in scored where item.score.aiRelevance >= 0.3 && item.score.aiRelevance < 0.7 {
                let evidence = item.score.evidence(for: .aiRelevance).prefix(4).map { "\($0.field.rawValue):\($0.term)" }.joined(separator: ", ")
                print("  \(decimal(item.score.aiRelevance)) \(item.standard.id) | \(item.standard.title.prefix(90)) | \(evidence)")
            }
        }
        if ProcessInfo.processInfo.environment["SCORE_TUNING_LISTAI"] != nil {
            var seenTitles = Set<String>()
            for item in scored where item.isAIRelevant && seenTitles.insert(item.standard.title).inserted {
                print("  \(item.standard.id) | \(item.standard.title.prefix(100)) | \(item.score.characteristics.map(\.id).joined(separator: ";"))")
            }
        }
        for sampleTarget in (ProcessInfo.processInfo.environment["SCORE_TUNING_SAMPLE"] ?? "").split(separator: ",").map(String.init) {
            var generator = SeededGenerator(seed: 7)
            let target: ScoreTarget = sampleTarget == "ai_relevance" ? .aiRelevance : .characteristic(Characteristic(rawValue: sampleTarget)!)
            let flagged = scored.filter { item in
                sampleTarget == "ai_relevance" ? item.isAIRelevant : item.score.characteristics.contains { $0.id == sampleTarget }
            }
            print("sample of \(sampleTarget) (\(flagged.count) flagged):")
            for item in flagged.shuffled(using: &generator).prefix(40) {
                let evidence = item.score.evidence(for: target).prefix(4).map { "\($0.field.rawValue):\($0.term)" }.joined(separator: ", ")
                print("  \(item.standard.id) | \(item.standard.title.prefix(100)) | \(evidence)")
            }
        }
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
