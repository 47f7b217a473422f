import Foundation
import LandscapeModel
import YAMLInput

extension Taxonomy {
    /// Loads and validates a taxonomy file.
    ///
    /// - Throws: ``TaxonomyError`` naming the file, the line and the key: unreadable file,
    ///   malformed YAML, unknown or missing characteristic ids, unknown keys, empty
    ///   vocabulary, weights that are not numbers in range, terms without words.
    public static func load(path: String) throws -> Taxonomy {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TaxonomyError(file: path, line: nil, key: "", reason: "cannot read the taxonomy file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses and validates taxonomy YAML; `source` names it in errors.
    public static func parse(yaml: String, source: String) throws -> Taxonomy {
        let root = try YAMLDocument.composeRoot(yaml, file: source, emptyReason: "the taxonomy file is empty")
        var builder = TaxonomyBuilder(source: source)
        return try builder.build(YAMLCursor(root, file: source))
    }
}

/// Collects terms from every section, merging a phrase listed under several slots into one
/// vocabulary entry, and checks everything on the way.
private struct TaxonomyBuilder {
    let source: String
    var terms: [VocabularyTerm] = []
    /// Normalized word path → index in `terms`.
    var termIndex: [String: Int] = [:]
    var hints: [String: [Int: Double]] = [:]
    let scanner = TokenScanner()

    init(source: String) { self.source = source }

    static let termWeightRange: ClosedRange<Double> = 0.01...10
    static let sharedWeightRange: ClosedRange<Double> = 0...10
    static let slotNames: [String: Int] = {
        var names: [String: Int] = ["ai_relevance": ScoreSlot.aiRelevance]
        for c in Characteristic.allCases { names[c.id] = ScoreSlot.slot(c) }
        return names
    }()

    mutating func build(_ root: YAMLCursor) throws -> Taxonomy {
        let top = try root.fields(["version", "scoring", "negation", "focus", "ai_relevance", "characteristics", "shared_terms"])
        let scoringNode = try top.required("scoring")
        let charactersNode = try top.required("characteristics")
        let aiNode = try top.required("ai_relevance")

        // scoring
        let scoring = try scoringNode.fields(["field_weights", "ai_field_weights", "field_caps", "saturation", "threshold", "ai_threshold",
                                              "repeat_bonus", "term_decay", "translated_title_weight"])
        let fieldWeights = try Self.fieldWeights(scoring.required("field_weights"))
        let aiFieldWeights = try scoring["ai_field_weights"].map(Self.fieldWeights) ?? fieldWeights
        let saturation = try scoring["saturation"]?.number(in: 0.01...100) ?? 2
        let threshold = try scoring["threshold"]?.number(in: 0.001...0.999) ?? 0.5
        let aiThreshold = try scoring["ai_threshold"]?.number(in: 0.001...0.999) ?? 0.5
        let repeatBonus = try scoring["repeat_bonus"]?.number(in: 0...1) ?? 0
        let termDecay = try scoring["term_decay"]?.number(in: 0...1) ?? 1
        let translatedTitleWeight = try scoring["translated_title_weight"]?.number(in: 0...1) ?? 1
        var fieldCaps: [ScoredField: Double] = [:]
        if let capsNode = scoring["field_caps"] {
            for (key, value) in try capsNode.entries() {
                guard let field = ScoredField(rawValue: key) else {
                    throw value.error("unknown field (expected one of: \(ScoredField.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                fieldCaps[field] = try value.number(in: 0...100)
            }
        }

        // characteristics
        var infos: [Characteristic: CharacteristicInfo] = [:]
        for (id, node) in try charactersNode.entries() {
            guard let characteristic = Characteristic(rawValue: id) else {
                throw node.error("unknown characteristic id (expected one of: \(Characteristic.allCases.map(\.id).joined(separator: ", ")))")
            }
            let fields = try node.fields(["name", "definition", "nist", "hleg", "ai_act", "m593", "terms", "ai_terms", "ics"])
            let name = try fields.required("name")
            let definition = try fields.required("definition")
            let slot = ScoreSlot.slot(characteristic)
            try addTerms(fields.required("terms"), slot: slot)
            if let aiTerms = fields["ai_terms"] { try addTerms(aiTerms, slot: ScoreSlot.aiConditionalSlot(characteristic)) }
            if let ics = fields["ics"] { try addHints(ics, slot: slot) }
            let eu = try (fields["hleg"]?.texts() ?? []).map { "HLEG: \($0)" }
                + (fields["ai_act"]?.texts() ?? []).map { "AI Act \($0)" }
                + (fields["m593"]?.texts() ?? []).map { "M/593: \($0)" }
            infos[characteristic] = CharacteristicInfo(
                characteristic: characteristic,
                name: try name.nonEmptyText(),
                definition: try definition.nonEmptyText(),
                nist: try fields["nist"]?.texts() ?? [],
                eu: eu)
        }
        let missing = Characteristic.allCases.filter { infos[$0] == nil }
        guard missing.isEmpty else {
            throw charactersNode.error("missing characteristic(s): \(missing.map(\.id).joined(separator: ", "))")
        }

        // AI relevance
        let ai = try aiNode.fields(["terms", "ics"])
        try addTerms(ai.required("terms"), slot: ScoreSlot.aiRelevance)
        if let ics = ai["ics"] { try addHints(ics, slot: ScoreSlot.aiRelevance) }

        // shared phrases
        if let shared = top["shared_terms"] {
            for (text, node) in try shared.entries() {
                var weights: [Int: Double] = [:]
                for (slotName, weightNode) in try node.entries() {
                    guard let slot = Self.slotNames[slotName] else {
                        throw weightNode.error("unknown characteristic id or 'ai_relevance'")
                    }
                    weights[slot] = try weightNode.number(in: Self.sharedWeightRange)
                }
                guard !weights.isEmpty else { throw node.error("a shared term needs at least one characteristic weight") }
                try addTerm(text, weights: weights, at: node)
            }
        }

        // negation cues
        if let negation = top["negation"] {
            let cues = try negation.fields(["sentence", "rest_of_sentence"])
            for (key, slot) in [("sentence", ScoreSlot.negatesSentence), ("rest_of_sentence", ScoreSlot.negatesRest)] {
                guard let list = cues[key] else { continue }
                try addList(list, weights: [slot: 1])
            }
        }

        // focus terms
        var focusMultiplier = 1.0
        if let focus = top["focus"] {
            let fields = try focus.fields(["terms", "multiplier"])
            focusMultiplier = try fields["multiplier"]?.number(in: 1...5) ?? 1
            if let list = fields["terms"] { try addList(list, weights: [ScoreSlot.focus: 1]) }
        }

        return Taxonomy(
            source: source,
            characteristics: Characteristic.allCases.map { infos[$0]! },
            fieldWeights: fieldWeights,
            aiFieldWeights: aiFieldWeights,
            saturation: saturation,
            threshold: threshold,
            aiThreshold: aiThreshold,
            repeatBonus: repeatBonus,
            termDecay: termDecay,
            fieldCaps: fieldCaps,
            translatedTitleWeight: translatedTitleWeight,
            focusMultiplier: focusMultiplier,
            terms: terms,
            classificationHints: hints.keys.sorted().map { ClassificationHint(code: $0, weights: hints[$0]!) })
    }

    static func fieldWeights(_ node: YAMLCursor) throws -> [ScoredField: Double] {
        var weights: [ScoredField: Double] = [:]
        for (key, value) in try node.entries() {
            guard let field = ScoredField(rawValue: key) else {
                throw value.error("unknown field (expected one of: \(ScoredField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            weights[field] = try value.number(in: 0...10)
        }
        for required in [ScoredField.title, .abstract, .keywords] where weights[required] == nil {
            throw node.error("missing weight for field '\(required.rawValue)'")
        }
        return weights
    }

    mutating func addTerms(_ node: YAMLCursor, slot: Int) throws {
        let entries = try node.entries()
        guard !entries.isEmpty else { throw node.error("the vocabulary is empty") }
        for (text, weightNode) in entries {
            try addTerm(text, weights: [slot: try weightNode.number(in: Self.termWeightRange)], at: weightNode)
        }
    }

    /// A list of phrases, each with the same weights.
    mutating func addList(_ list: YAMLCursor, weights: [Int: Double]) throws {
        let items = try list.items()
        let texts = try items.map { try $0.nonEmptyText() }
        for (item, text) in zip(items, texts) { try addTerm(text, weights: weights, at: item) }
    }

    mutating func addHints(_ node: YAMLCursor, slot: Int) throws {
        for (code, weightNode) in try node.entries() {
            guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  code.first != ".", code.last != "." else {
                throw weightNode.error("not an ICS code (digits and dots, e.g. 35.030)")
            }
            hints[code, default: [:]][slot] = try weightNode.number(in: Self.termWeightRange)
        }
    }

    mutating func addTerm(_ text: String, weights: [Int: Double], at node: YAMLCursor) throws {
        let paths = PhraseMatcher.paths(of: text, scanner: scanner)
        guard let words = paths.first else {
            throw node.error("the term '\(text)' has no words to match")
        }
        let key = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        if let index = termIndex[key] {
            for (slot, weight) in weights {
                if terms[index].weights[slot] != nil {
                    throw node.error("'\(text)' matches the same words as '\(terms[index].text)' (line \(terms[index].line)) for the same target")
                }
                terms[index].weights[slot] = weight
            }
        } else {
            termIndex[key] = terms.count
            terms.append(VocabularyTerm(text: text, weights: weights, line: node.line ?? 0))
        }
    }
}
