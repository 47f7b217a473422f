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
///
/// With fitted weights (``ScoringWeights``, `scoring.weights`) steps 1–3 give the features
/// (``evidenceItems(_:)``, with the committee and ICS ``indicators(of:)``) and a logistic
/// model per target replaces step 4: `score = 1 / (1 + exp(−logit))`, each item adding
/// `coefficient × strength` to the logit.
public struct Scorer: Sendable {
    public let taxonomy: Taxonomy
    /// Fitted weights (`scoring.weights`), used in place of the taxonomy's hand-set ones.
    public let model: ScoringModel?
    private let matcher: PhraseMatcher
    private let threshold: Double
    private let aiThreshold: Double
    /// The taxonomy's ICS hints, ready for matching: the code and the weights by slot in slot order.
    private let hints: [(code: String, weights: [(slot: Int, weight: Double)])]
    /// Hint positions by code.
    private let hintByCode: [String: Int]

    /// - Parameters:
    ///   - taxonomy: vocabulary, weights and default thresholds.
    ///   - settings: thresholds from `Pipeline.yaml` that override the taxonomy's (or the weights file's).
    ///   - weights: fitted weights; without, the taxonomy's hand-set weights score.
    public init(taxonomy: Taxonomy, settings: ScoringSettings = ScoringSettings(), weights: ScoringWeights? = nil) {
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(terms: taxonomy.terms)
        self.threshold = settings.threshold ?? weights?.threshold ?? taxonomy.threshold
        let model = weights.map { ScoringModel(weights: $0, threshold: settings.threshold, aiThreshold: settings.aiThreshold) }
        self.model = model
        self.aiThreshold = model?.aiThreshold ?? settings.aiThreshold ?? taxonomy.aiThreshold
        self.hints = taxonomy.classificationHints.map { hint in
            (hint.code, hint.weights.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { ($0.key, $0.value) })
        }
        var hintByCode: [String: Int] = [:]
        for (position, hint) in taxonomy.classificationHints.enumerated() where hintByCode[hint.code] == nil {
            hintByCode[hint.code] = position
        }
        self.hintByCode = hintByCode
    }

    /// The score from which a characteristic is listed (with fitted weights, their common
    /// threshold; a characteristic may have its own, ``threshold(for:)``).
    public var characteristicThreshold: Double { threshold }

    /// The score from which one characteristic is listed.
    public func threshold(for characteristic: Characteristic) -> Double {
        model?.thresholds[ScoreSlot.slot(characteristic)] ?? threshold
    }

    /// Every characteristic's threshold.
    public var thresholds: [Characteristic: Double] {
        Dictionary(uniqueKeysWithValues: Characteristic.allCases.map { ($0, threshold(for: $0)) })
    }
    /// The score from which a standard counts as AI-relevant.
    public var aiRelevanceThreshold: Double { aiThreshold }

    /// Whether the card's AI relevance passes the threshold.
    public func isAIRelevant(_ card: ScoreCard) -> Bool { card.aiRelevance >= aiThreshold }

    /// Scores one standard and says whether it is AI-relevant.
    public func scored(_ standard: Standard) -> ScoredStandard {
        let card = score(standard)
        return ScoredStandard(standard: standard, score: card, isAIRelevant: isAIRelevant(card))
    }

    /// Every score of one standard, with the evidence behind each: from the fitted weights
    /// when the scorer has them, else from the taxonomy's hand-set weights.
    public func score(_ standard: Standard) -> ScoreCard {
        let (items, learned) = evidence(standard, keepsText: false)
        if let model { return model.card(items, indicators: Self.indicators(of: standard), learned: learned) }
        return handSetCard(items)
    }

    /// ``score(_:)`` with every feature's contribution to every score kept as evidence,
    /// committee and ICS indicators of low scores included (for `explain`).
    public func detailedScore(_ standard: Standard) -> ScoreCard {
        let (items, learned) = evidence(standard, keepsText: true)
        if let model { return model.card(items, indicators: Self.indicators(of: standard), learned: learned, detailed: true) }
        return handSetCard(items)
    }

    /// The committee and ICS indicators of a standard, features of the fitted model beside the
    /// vocabulary: `committee:` with each committee and its parents (`ISO/TC 45/SC 2`,
    /// `ISO/TC 45`), `ics:` with each code and its parents (`35.240.60`, `35.240`, `35`), each
    /// once, with the text it came from.
    static func indicators(of standard: Standard) -> [Indicator] {
        var found: [Indicator] = []
        func add(_ kind: Indicator.Kind, _ value: String, _ source: String) {
            if !found.contains(where: { $0.kind == kind && $0.value == value }) {
                found.append(Indicator(kind: kind, value: value, matched: source))
            }
        }
        for committee in standard.committees where !committee.isEmpty {
            // Each numbered level: `ISO/TC 45`, `ISO/TC 45/SC 2` (not `ISO`).
            var slash = committee.startIndex
            while let next = committee[slash...].firstIndex(of: "/") {
                if committee[slash..<next].contains(where: \.isNumber) { add(.committee, String(committee[..<next]), committee) }
                slash = committee.index(after: next)
            }
            add(.committee, committee, committee)
        }
        for code in standard.ics where !code.isEmpty {
            add(.ics, code, code)
            var index = code.endIndex
            while let dot = code[..<index].lastIndex(of: ".") {
                add(.ics, String(code[..<dot]), code)
                index = dot
            }
        }
        return found
    }

    /// The taxonomy's evidence in one standard, before it is combined into scores: each
    /// matched term (or ICS hint) per field with its strength (term weight × field weight,
    /// repetitions, the decay of further terms, the field's cap and scale). These are the
    /// features of the fitted model (``ScoringWeights``) and the raw evidence of the hand-set one.
    func evidenceItems(_ standard: Standard) -> [SlotEvidence] {
        evidence(standard, keepsText: false).items
    }

    /// The taxonomy's evidence (``evidenceItems(_:)``) and, with fitted weights that have
    /// learned text features, those found in the standard's title, keywords and abstract,
    /// each feature once (a feature belongs to one field, so once per field is once).
    /// - Parameter keepsText: whether each learned feature keeps the words it was found in.
    func evidence(_ standard: Standard, keepsText: Bool) -> (items: [SlotEvidence], learned: LearnedHits) {
        let scanner = TokenScanner()
        var items: [SlotEvidence] = []
        var learned = LearnedHits(keepsText: keepsText)
        let vocabulary = learnedVocabulary

        // Title: per slot, the language that gives the most evidence.
        var hasFocus = false
        var titleItems: [SlotEvidence] = []
        var titleIndex = 0
        func scoreTitle(_ title: String) {
            defer { titleIndex += 1 }
            guard !title.isEmpty else { return }
            var candidate: [SlotEvidence] = []
            var titleHits = LearnedHits(keepsText: keepsText)
            let focus = collect(title, field: .title, scale: titleIndex == 0 ? 1 : taxonomy.translatedTitleWeight,
                                scanner: scanner, into: &candidate,
                                learned: titleIndex == 0 ? vocabulary : nil, keepsText: keepsText, hits: &titleHits)
            learned.append(contentsOf: titleHits)
            if titleIndex == 0 { hasFocus = focus }
            if candidate.isEmpty { return }
            if titleItems.isEmpty { titleItems = candidate; return }
            let better = Set(candidate.map(\.slot)).filter { slot in
                candidate.reduce(0) { $1.slot == slot ? $0 + $1.evidence.weight : $0 }
                    > titleItems.reduce(0) { $1.slot == slot ? $0 + $1.evidence.weight : $0 }
            }
            if better.isEmpty { return }
            titleItems.removeAll { better.contains($0.slot) }
            titleItems.append(contentsOf: candidate.filter { better.contains($0.slot) })
        }
        scoreTitle(standard.title)
        if !standard.otherTitles.isEmpty {
            for language in standard.otherTitles.keys.sorted() {
                if let other = standard.otherTitles[language], other != standard.title { scoreTitle(other) }
            }
        }
        items.append(contentsOf: titleItems)

        let scale = hasFocus ? taxonomy.focusMultiplier : 1
        if !standard.keywords.isEmpty {
            var keywordHits = LearnedHits(keepsText: keepsText)
            collect(standard.keywords.joined(separator: "; "), field: .keywords, scale: scale, scanner: scanner, into: &items,
                    learned: vocabulary, keepsText: keepsText, hits: &keywordHits)
            learned.append(contentsOf: keywordHits)
        }
        if let condensed = standard.condensedAbstract as? AbstractEvidence {
            add(condensed.items, field: .abstract, scale: scale, into: &items)
            learned.append(contentsOf: LearnedHits(features: condensed.learned))
        } else if !standard.abstract.isEmpty {
            var abstractHits = LearnedHits(keepsText: keepsText)
            collect(standard.abstract, field: .abstract, scale: scale, scanner: scanner, into: &items,
                    learned: vocabulary, keepsText: keepsText, hits: &abstractHits)
            learned.append(contentsOf: abstractHits)
        }
        if !standard.committees.isEmpty {
            collect(standard.committees.joined(separator: "; "), field: .committee, scale: 1, scanner: scanner, into: &items)
        }
        if !standard.ics.isEmpty { classify(standard.ics, into: &items) }

        return (items, learned)
    }

    /// The learned text features of the fitted weights, when they have any.
    private var learnedVocabulary: LearnedVocabulary? {
        guard let learned = model?.learned, !learned.isEmpty else { return nil }
        return learned
    }


    /// Scores from the taxonomy's hand-set weights: `1 − exp(−raw / saturation)` per target.
    private func handSetCard(_ items: [SlotEvidence]) -> ScoreCard {
        var raw = [Double](repeating: 0, count: ScoreSlot.evidenceCount)
        for item in items { raw[item.slot] += item.evidence.weight }

        // Terms that count only for AI-relevant standards.
        let isAI = squash(raw[ScoreSlot.aiRelevance]) >= aiThreshold
        var evidence: [Evidence] = []
        evidence.reserveCapacity(items.count)
        for item in items where isAI || item.slot < ScoreSlot.firstAIConditional {
            raw[ScoreSlot.scoredSlot(item.slot)] += item.slot >= ScoreSlot.firstAIConditional ? item.evidence.weight : 0
            evidence.append(item.evidence)
        }

        var scores = Self.zeroScores
        var passing: [Characteristic] = []
        for characteristic in Characteristic.allCases {
            let value = squash(raw[ScoreSlot.slot(characteristic)])
            // Most standards score zero everywhere: they all share one dictionary.
            if value != 0 { scores[characteristic] = value }
            if value >= threshold { passing.append(characteristic) }
        }
        evidence.sort { lhs, rhs in
            lhs.target == rhs.target ? lhs.weight > rhs.weight : Self.slotOrder(lhs.target) < Self.slotOrder(rhs.target)
        }
        return ScoreCard(aiRelevance: squash(raw[ScoreSlot.aiRelevance]), scores: scores,
                         characteristics: passing, evidence: evidence)
    }

    /// Every characteristic at 0, one copy-on-write dictionary for all the cards that need no other.
    private static let zeroScores: [Characteristic: Double] = Dictionary(
        uniqueKeysWithValues: Characteristic.allCases.map { ($0, 0.0) })

    /// Maps raw evidence to [0, 1).
    func squash(_ raw: Double) -> Double { raw <= 0 ? 0 : 1 - exp(-raw / taxonomy.saturation) }

    private static func slotOrder(_ target: ScoreTarget) -> Int {
        switch target {
        case .aiRelevance: -1
        case .characteristic(let c): c.ordinal
        }
    }

    private func fieldWeight(_ field: ScoredField, slot: Int) -> Double {
        let weights = slot == ScoreSlot.aiRelevance ? taxonomy.aiFieldWeights : taxonomy.fieldWeights
        return weights[field] ?? 0
    }

    /// ICS evidence: every hint whose code is the standard's code or a parent of it.
    private func classify(_ codes: [String], into items: inout [SlotEvidence]) {
        var found: [SlotEvidence] = []
        for code in codes {
            // The hints for the code itself and for each of its parents (`35.240` of `35.240.30`),
            // in taxonomy order.
            var matching: [Int] = []
            if let position = hintByCode[code] { matching.append(position) }
            var index = code.startIndex
            while let dot = code[index...].firstIndex(of: ".") {
                if let position = hintByCode[String(code[..<dot])] { matching.append(position) }
                index = code.index(after: dot)
            }
            matching.sort()
            for position in matching {
                let hint = hints[position]
                for (slot, weight) in hint.weights {
                    found.append(SlotEvidence(slot: slot, evidence: Evidence(
                        target: ScoreSlot.target(slot), term: hint.code, matched: code,
                        field: .ics, weight: weight * fieldWeight(.ics, slot: slot))))
                }
            }
        }
        guard !found.isEmpty else { return }
        capped(&found, field: .ics)
        items.append(contentsOf: found)
    }

    /// Applies the field's cap per slot.
    private func capped(_ found: inout [SlotEvidence], field: ScoredField) {
        guard let cap = taxonomy.fieldCaps[field] else { return }
        var sums = [Double](repeating: 0, count: ScoreSlot.evidenceCount)
        for item in found { sums[item.slot] += item.evidence.weight }
        for index in found.indices where sums[found[index].slot] > cap {
            found[index].evidence.weight *= cap / sums[found[index].slot]
        }
    }

    /// The evidence one field gives, appended to `items`; returns whether the field holds a
    /// focus term.
    @discardableResult
    private func collect(_ text: String, field: ScoredField, scale: Double, scanner: TokenScanner,
                         into items: inout [SlotEvidence]) -> Bool {
        var none = LearnedHits()
        return collect(text, field: field, scale: scale, scanner: scanner, into: &items, learned: nil, keepsText: false, hits: &none)
    }

    /// ``collect(_:field:scale:scanner:into:)``, and the learned text features of the field
    /// appended to `hits`.
    @discardableResult
    private func collect(_ text: String, field: ScoredField, scale: Double, scanner: TokenScanner,
                         into items: inout [SlotEvidence], learned: LearnedVocabulary?, keepsText: Bool,
                         hits: inout LearnedHits) -> Bool {
        let (found, hasFocus) = fieldEvidence(text, field: field, scanner: scanner, learned: learned, keepsText: keepsText, hits: &hits)
        add(found, field: field, scale: scale, into: &items)
        return hasFocus
    }

    /// Scales a field's evidence, applies the field's cap, and appends it to `items`.
    private func add(_ found: [SlotEvidence], field: ScoredField, scale: Double, into items: inout [SlotEvidence]) {
        guard !found.isEmpty else { return }
        var found = found
        if scale != 1 {
            for index in found.indices { found[index].evidence.weight *= scale }
            found.removeAll { $0.evidence.weight <= 0 }
        }
        capped(&found, field: field)
        items.append(contentsOf: found)
    }

    /// An abstract's evidence, to keep in place of its text until the standard is scored
    /// (the hook ``Normalizer/condenseAbstract`` takes this function). Scoring it gives
    /// the same scores as the text.
    public func abstractEvidence(of text: String) -> AbstractEvidence {
        var learned = LearnedHits()
        let found = fieldEvidence(text, field: .abstract, scanner: TokenScanner(), learned: learnedVocabulary, keepsText: false,
                                  hits: &learned).items
        return AbstractEvidence(items: found, learned: learned.features, byteCount: text.utf8.count)
    }

    /// The evidence one field gives before its scale and cap, and whether it holds a focus
    /// term; the learned text features found in it are appended to `hits`.
    private func fieldEvidence(_ text: String, field: ScoredField, scanner: TokenScanner, learned: LearnedVocabulary?,
                               keepsText: Bool, hits: inout LearnedHits) -> (items: [SlotEvidence], hasFocus: Bool) {
        var found = matcher.matches(in: text, scanner: scanner, learned: learned, field: field, keepsText: keepsText, hits: &hits)
        guard !found.isEmpty else { return ([], false) }
        let negated = negatedScope(found, sentences: scanner.sentences)
        var hasFocus = false
        for match in found where !negated.isNegated(match) {
            for (slot, _) in matcher.termWeights[Int(match.term)] where slot == ScoreSlot.focus { hasFocus = true }
        }

        // Longest first at each start, so that a contained match of the same slot is dropped.
        found.sort { $0.startPosition != $1.startPosition ? $0.startPosition < $1.startPosition : $0.endPosition > $1.endPosition }
        var coveredUntil = [Int32](repeating: -1, count: ScoreSlot.count)
        // (term, slot) → occurrences and the first match; few per field, so a list.
        var occurrences: [(term: Int, slot: Int, weight: Double, count: Int, first: PhraseMatcher.Match)] = []
        for match in found {
            let isNegated = negated.isNegated(match)
            for (slot, weight) in matcher.termWeights[Int(match.term)] where slot < ScoreSlot.evidenceCount {
                if match.endPosition <= coveredUntil[slot] { continue }
                coveredUntil[slot] = max(coveredUntil[slot], match.endPosition)
                guard weight > 0, !isNegated else { continue }
                if let index = occurrences.firstIndex(where: { $0.term == Int(match.term) && $0.slot == slot }) {
                    occurrences[index].count += 1
                } else {
                    occurrences.append((Int(match.term), slot, weight, 1, match))
                }
            }
        }
        guard !occurrences.isEmpty else { return ([], hasFocus) }

        // Per slot: strongest term first, each further one `termDecay` times the previous.
        var fieldItems: [SlotEvidence] = []
        let utf8 = text.utf8
        for occurrence in occurrences {
            let repeats = Double(min(occurrence.count, 3) - 1)
            let contribution = occurrence.weight * fieldWeight(field, slot: occurrence.slot)
                * (1 + taxonomy.repeatBonus * repeats)
            guard contribution > 0 else { continue }
            let start = utf8.index(utf8.startIndex, offsetBy: Int(occurrence.first.startByte))
            let end = utf8.index(utf8.startIndex, offsetBy: Int(occurrence.first.endByte))
            fieldItems.append(SlotEvidence(slot: occurrence.slot, evidence: Evidence(
                target: ScoreSlot.target(occurrence.slot), term: matcher.terms[occurrence.term].text,
                matched: String(decoding: utf8[start..<end], as: UTF8.self), field: field, weight: contribution)))
        }
        fieldItems.sort { $0.slot != $1.slot ? $0.slot < $1.slot : $0.evidence.weight > $1.evidence.weight }
        var factor = 1.0
        for index in fieldItems.indices {
            if index == 0 || fieldItems[index - 1].slot != fieldItems[index].slot { factor = 1 }
            fieldItems[index].evidence.weight *= factor
            factor *= taxonomy.termDecay
        }
        return (fieldItems, hasFocus)
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

/// A committee or ICS indicator of a standard (``Scorer/indicators(of:)``).
struct Indicator: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case committee, ics

        /// How the weights file writes the kind before the value.
        var prefix: String { self == .committee ? "committee:" : "ics:" }
    }

    var kind: Kind
    /// The committee (`ISO/TC 45`) or ICS code (`35.240`).
    var value: String
    /// The standard's committee or ICS code it came from.
    var matched: String

    /// As the weights file writes it: `committee:ISO/TC 45`, `ics:35.240`.
    var key: String { kind.prefix + value }
    var field: ScoredField { kind == .committee ? .committee : .ics }
}

/// A piece of evidence with the slot it adds to.
typealias SlotEvidence = AbstractEvidence.Item

/// An abstract's scoring evidence, computed where its record was read so that the text
/// itself need not be kept until scoring (``Standard/Fields/condensedAbstract``). Weights
/// are before the field's scale and cap, which scoring applies.
public struct AbstractEvidence: CondensedText {
    /// One match, with the score slot it adds to.
    struct Item: Sendable {
        var slot: Int
        var evidence: Evidence
    }

    var items: [Item]
    /// The learned text features of the abstract (numbered in the scorer's fitted weights), each once.
    var learned: [Int32] = []
    /// The text's length in UTF-8 bytes: de-duplication keeps the longest abstract.
    public var byteCount: Int
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
