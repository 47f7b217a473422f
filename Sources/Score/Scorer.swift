import Foundation
import LandscapeModel

/// Scores standards against the taxonomy: a value that is cheap to copy and safe to share
/// across tasks, so the pipeline can score records in parallel.
///
/// How a score is made:
/// 1. Each field (title and its other-language versions, keywords, abstract, committee, ICS)
///    is split into folded, lightly stemmed words; the vocabulary is matched as phrases
///    over consecutive words, hyphen and spacing variants alike, never inside another word.
/// 2. Per characteristic, a match contained in a longer match of the same characteristic
///    does not count again ("functional safety" is not also "safety"). Matches in a
///    sentence that a negation cue puts out of scope ("… does not apply to …", "…,
///    excluding …", "n'est pas couvert") do not count; a negated sentence that ends with a
///    colon also negates the list items after it.
/// 3. Each distinct term counts once per field: term weight × field weight, plus
///    `repeatBonus` for each of up to two repetitions. The title counts in the language
///    that gives the most evidence, so a bilingual title is not counted twice.
/// 4. `raw` is the sum over fields; `score = 1 − exp(−raw / saturation)` maps it to [0, 1)
///    monotonically, so that the threshold is a statement about evidence: with saturation
///    2 and threshold 0.5, a characteristic needs raw evidence of 2 ln 2 ≈ 1.39 — one
///    defining term in the title, or two in the abstract, but not a passing mention.
public struct Scorer: Sendable {
    public let taxonomy: Taxonomy
    private let matcher: PhraseMatcher
    private let threshold: Double
    private let aiThreshold: Double

    /// - Parameters:
    ///   - taxonomy: vocabulary, weights and default thresholds.
    ///   - settings: thresholds from `Pipeline.yaml` that override the taxonomy's.
    public init(taxonomy: Taxonomy, settings: ScoringSettings = ScoringSettings()) {
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(terms: taxonomy.terms)
        self.threshold = settings.threshold ?? taxonomy.threshold
        self.aiThreshold = settings.aiThreshold ?? taxonomy.aiThreshold
    }

    /// The score from which a characteristic is listed.
    public var characteristicThreshold: Double { threshold }
    /// The score from which a standard counts as AI-relevant.
    public var aiRelevanceThreshold: Double { aiThreshold }

    /// Whether the card's AI relevance passes the threshold.
    public func isAIRelevant(_ card: ScoreCard) -> Bool { card.aiRelevance >= aiThreshold }

    /// Scores one standard and says whether it is AI-relevant.
    public func scored(_ standard: Standard) -> ScoredStandard {
        let card = score(standard)
        return ScoredStandard(standard: standard, score: card, isAIRelevant: isAIRelevant(card))
    }

    /// Every score of one standard, with the evidence behind each.
    public func score(_ standard: Standard) -> ScoreCard {
        var scanner = TokenScanner()
        var evidence: [Evidence] = []
        var raw = [Double](repeating: 0, count: ScoreSlot.evidenceCount)

        // Title: the language with the most evidence per slot.
        var best: [(sum: Double, evidence: [Evidence])] = Array(repeating: (0, []), count: ScoreSlot.evidenceCount)
        var titles = [standard.title]
        for language in standard.otherTitles.keys.sorted() {
            if let other = standard.otherTitles[language], !other.isEmpty, other != standard.title { titles.append(other) }
        }
        var hasFocus = false
        for (index, title) in titles.enumerated() where !title.isEmpty {
            let (found, focus) = fieldEvidence(title, field: .title, scale: index == 0 ? 1 : taxonomy.translatedTitleWeight,
                                               scanner: &scanner)
            if index == 0 { hasFocus = focus }
            for slot in 0..<ScoreSlot.evidenceCount where found[slot].sum > best[slot].sum {
                best[slot] = found[slot]
            }
        }
        var conditionalEvidence: [Evidence] = []
        for slot in 0..<ScoreSlot.evidenceCount {
            raw[slot] += best[slot].sum
            if slot >= ScoreSlot.firstAIConditional {
                conditionalEvidence.append(contentsOf: best[slot].evidence)
            } else {
                evidence.append(contentsOf: best[slot].evidence)
            }
        }

        let others: [(ScoredField, String)] = [
            (.keywords, standard.keywords.joined(separator: "; ")),
            (.abstract, standard.abstract),
            (.committee, standard.committees.joined(separator: "; ")),
        ]
        for (field, text) in others where !text.isEmpty {
            let scale = hasFocus && field != .committee ? taxonomy.focusMultiplier : 1
            let (found, _) = fieldEvidence(text, field: field, scale: scale, scanner: &scanner)
            for slot in 0..<ScoreSlot.evidenceCount where !found[slot].evidence.isEmpty {
                raw[slot] += found[slot].sum
                if slot >= ScoreSlot.firstAIConditional {
                    conditionalEvidence.append(contentsOf: found[slot].evidence)
                } else {
                    evidence.append(contentsOf: found[slot].evidence)
                }
            }
        }

        var classification = [Double](repeating: 0, count: ScoreSlot.evidenceCount)
        var classificationEvidence: [Evidence] = []
        for code in standard.ics {
            for hint in taxonomy.classificationHints where code == hint.code || code.hasPrefix(hint.code + ".") {
                for (slot, weight) in hint.weights.sorted(by: { $0.key < $1.key }) where weight > 0 {
                    let contribution = weight * fieldWeight(.ics, slot: slot)
                    classification[slot] += contribution
                    classificationEvidence.append(Evidence(target: ScoreSlot.target(slot), term: hint.code, matched: code,
                                                           field: .ics, weight: contribution))
                }
            }
        }
        if let cap = taxonomy.fieldCaps[.ics] {
            for slot in classification.indices where classification[slot] > cap {
                let factor = cap / classification[slot]
                classification[slot] = cap
                for index in classificationEvidence.indices where classificationEvidence[index].target == ScoreSlot.target(slot) {
                    classificationEvidence[index].weight *= factor
                }
            }
        }
        for slot in classification.indices { raw[slot] += classification[slot] }
        evidence.append(contentsOf: classificationEvidence)

        // Terms that count only for AI-relevant standards.
        let isAI = squash(raw[ScoreSlot.aiRelevance]) >= aiThreshold
        for characteristic in Characteristic.allCases {
            let conditional = ScoreSlot.aiConditionalSlot(characteristic)
            if isAI { raw[ScoreSlot.slot(characteristic)] += raw[conditional] }
            raw[conditional] = 0
        }
        if isAI { evidence.append(contentsOf: conditionalEvidence) }

        var scores: [Characteristic: Double] = [:]
        var passing: [Characteristic] = []
        for characteristic in Characteristic.allCases {
            let value = squash(raw[ScoreSlot.slot(characteristic)])
            scores[characteristic] = value
            if value >= threshold { passing.append(characteristic) }
        }
        evidence.sort { lhs, rhs in
            lhs.target == rhs.target ? lhs.weight > rhs.weight : slotOrder(lhs.target) < slotOrder(rhs.target)
        }
        return ScoreCard(aiRelevance: squash(raw[ScoreSlot.aiRelevance]), scores: scores,
                         characteristics: passing, evidence: evidence)
    }

    /// Maps raw evidence to [0, 1).
    func squash(_ raw: Double) -> Double { raw <= 0 ? 0 : 1 - exp(-raw / taxonomy.saturation) }

    private func slotOrder(_ target: ScoreTarget) -> Int {
        switch target {
        case .aiRelevance: -1
        case .characteristic(let c): c.ordinal
        }
    }

    private func fieldWeight(_ field: ScoredField, slot: Int) -> Double {
        let weights = slot == ScoreSlot.aiRelevance ? taxonomy.aiFieldWeights : taxonomy.fieldWeights
        return weights[field] ?? 0
    }

    /// The evidence one field gives each scored slot, and whether it holds a focus term.
    private func fieldEvidence(_ text: String, field: ScoredField, scale: Double, scanner: inout TokenScanner)
        -> ([(sum: Double, evidence: [Evidence])], Bool) {
        var result: [(sum: Double, evidence: [Evidence])] = Array(repeating: (0, []), count: ScoreSlot.evidenceCount)
        var found = matcher.matches(in: text, scanner: &scanner)
        guard !found.isEmpty else { return (result, false) }
        let negated = negatedScope(found, sentences: scanner.sentences)
        let hasFocus = found.contains { match in
            !negated.isNegated(match) && matcher.termWeights[Int(match.term)].contains { $0.slot == ScoreSlot.focus }
        }

        // Longest first at each start, so that a contained match of the same slot is dropped.
        found.sort { $0.startPosition != $1.startPosition ? $0.startPosition < $1.startPosition : $0.endPosition > $1.endPosition }
        var coveredUntil = [Int32](repeating: -1, count: ScoreSlot.count)
        // (term, slot) → occurrences and the first match
        var occurrences: [Int: (count: Int, first: PhraseMatcher.Match)] = [:]
        for match in found {
            let isNegated = negated.isNegated(match)
            for (slot, weight) in matcher.termWeights[Int(match.term)] where slot < ScoreSlot.evidenceCount {
                if match.endPosition <= coveredUntil[slot] { continue }
                coveredUntil[slot] = max(coveredUntil[slot], match.endPosition)
                guard weight > 0, !isNegated else { continue }
                let key = Int(match.term) * ScoreSlot.count + slot
                if let seen = occurrences[key] {
                    occurrences[key] = (seen.count + 1, seen.first)
                } else {
                    occurrences[key] = (1, match)
                }
            }
        }
        guard !occurrences.isEmpty else { return (result, hasFocus) }
        let utf8 = Array(text.utf8)
        for (key, seen) in occurrences.sorted(by: { $0.key < $1.key }) {
            let term = key / ScoreSlot.count, slot = key % ScoreSlot.count
            let weight = matcher.termWeights[term].first { $0.slot == slot }?.weight ?? 0
            let repeats = Double(min(seen.count, 3) - 1)
            let contribution = weight * fieldWeight(field, slot: slot) * scale * (1 + taxonomy.repeatBonus * repeats)
            guard contribution > 0 else { continue }
            let matchedText = String(decoding: utf8[Int(seen.first.startByte)..<Int(seen.first.endByte)], as: UTF8.self)
            result[slot].evidence.append(Evidence(target: ScoreSlot.target(slot), term: matcher.terms[term].text,
                                                  matched: matchedText, field: field, weight: contribution))
        }
        // Diminishing returns for further terms, then the field's cap.
        for slot in 0..<ScoreSlot.evidenceCount where !result[slot].evidence.isEmpty {
            result[slot].evidence.sort { $0.weight > $1.weight }
            var factor = 1.0
            var sum = 0.0
            for index in result[slot].evidence.indices {
                result[slot].evidence[index].weight *= factor
                sum += result[slot].evidence[index].weight
                factor *= taxonomy.termDecay
            }
            if let cap = taxonomy.fieldCaps[field], sum > cap {
                for index in result[slot].evidence.indices { result[slot].evidence[index].weight *= cap / sum }
                sum = cap
            }
            result[slot].sum = sum
        }
        return (result, hasFocus)
    }

    /// Which sentences, and which parts of sentences, negation cues put out of scope.
    private func negatedScope(_ found: [PhraseMatcher.Match], sentences: [SentenceShape]) -> NegatedScope {
        var scope = NegatedScope()
        for match in found {
            for (slot, _) in matcher.termWeights[Int(match.term)] {
                if slot == ScoreSlot.negatesSentence {
                    scope.wholeSentences.insert(match.sentence)
                } else if slot == ScoreSlot.negatesRest {
                    scope.restFrom[match.sentence] = min(scope.restFrom[match.sentence] ?? .max, match.startPosition)
                }
            }
        }
        // "This document does not cover the following:" negates the list items that follow.
        for sentence in scope.wholeSentences.union(scope.restFrom.keys).sorted() {
            var current = Int(sentence)
            guard current < sentences.count, sentences[current].endsWithColon else { continue }
            while current + 1 < sentences.count, sentences[current + 1].isListItem {
                current += 1
                scope.wholeSentences.insert(Int32(current))
            }
        }
        return scope
    }
}

private struct NegatedScope {
    var wholeSentences: Set<Int32> = []
    var restFrom: [Int32: Int32] = [:]

    func isNegated(_ match: PhraseMatcher.Match) -> Bool {
        if wholeSentences.contains(match.sentence) { return true }
        if let from = restFrom[match.sentence], match.startPosition > from { return true }
        return false
    }
}
