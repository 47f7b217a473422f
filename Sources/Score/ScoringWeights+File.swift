import Foundation
import LandscapeModel
import YAMLInput

/// A weights file that cannot be used: which file, which line, which key, and why.
public typealias ScoringWeightsError = TaxonomyError

extension Taxonomy {
    /// The terms (and ICS codes) that can be evidence for an evidence slot: the keys a
    /// weights file may give that slot.
    func featureTerms(slot: Int) -> Set<String> {
        var names = Set(terms.filter { ($0.weights[slot] ?? 0) > 0 }.map(\.text))
        for hint in classificationHints where (hint.weights[slot] ?? 0) > 0 { names.insert(hint.code) }
        return names
    }
}

extension ScoringWeights {
    static let weightRange: ClosedRange<Double> = -1000...1000
    static let lambdaRange: ClosedRange<Double> = 0...1000

    /// The weights file: YAML with sorted keys and six decimals, the same bytes for the same weights.
    public var yaml: String {
        var out = """
        # Scoring weights fitted by `landscape train`: one L2-regularised logistic regression per
        # characteristic and one for AI relevance, over the evidence of Inputs/taxonomy.yaml.
        # For each evidence item of a standard (a term or ICS code matched in a field, with the
        # taxonomy's strength as its value): contribution = (fields[field] + terms[term]) × value;
        # score = 1 / (1 + exp(-(intercept + sum of contributions))).
        # Indicators (committee:<committee>, ics:<code>, each with its parents) add their weight
        # when the standard has them; learned text features (<field>:<stemmed word or two
        # adjacent words>, made as text_features says) add theirs when the field has them.
        # A characteristic is listed, or a standard AI-relevant, when its score reaches the
        # target's threshold (chosen on the training labels by inner cross-validation, like
        # lambda; learned features were penalised with learned_penalty × lambda). `ai_terms`
        # count only for AI-relevant standards. Terms not listed have weight 0 (only their
        # field weight); so have learned features not listed.
        # Generated: edit the taxonomy or the labels and train again rather than this file.

        """
        out += "ai_threshold: \(decimal(aiThreshold, places: 6))\n"
        out += "examples: \(examples)\n"
        out += "gold: [" + goldFiles.sorted().map(Self.quoted).joined(separator: ", ") + "]\n"
        out += "targets:\n"
        let order = (0..<ScoreSlot.scoredCount).sorted { Self.name(ofSlot: $0) < Self.name(ofSlot: $1) }
        for slot in order {
            let target = targets[slot]
            out += "  \(Self.name(ofSlot: slot)):\n"
            if !target.aiTerms.isEmpty { out += Self.map("ai_terms", target.aiTerms, indent: 4) }
            out += "    fields:\n"
            for field in ScoredField.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                out += "      \(field.rawValue): \(decimal(target.fields[field] ?? 0, places: 6))\n"
            }
            if !target.indicators.isEmpty { out += Self.map("indicators", target.indicators, indent: 4) }
            out += "    intercept: \(decimal(target.intercept, places: 6))\n"
            out += "    lambda: \(decimal(target.lambda, places: 6))\n"
            if !target.learned.isEmpty { out += Self.map("learned", target.learned, indent: 4) }
            if let factor = target.learnedPenalty { out += "    learned_penalty: \(decimal(factor, places: 6))\n" }
            if !target.terms.isEmpty { out += Self.map("terms", target.terms, indent: 4) }
            if let threshold = target.threshold { out += "    threshold: \(decimal(threshold, places: 6))\n" }
        }
        if let settings = textFeatures {
            out += "text_features:\n"
            out += "  fields: [" + settings.fields.map(\.rawValue).sorted().joined(separator: ", ") + "]\n"
            out += "  maximum_words: \(settings.maximumWords)\n"
            out += "  minimum_count: \(settings.minimumCount)\n"
        }
        out += "threshold: \(decimal(threshold, places: 6))\n"
        out += "version: \(textFeatures == nil ? 1 : 2)\n"
        return out
    }

    private static func map(_ name: String, _ values: [String: Double], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = "\(pad)\(name):\n"
        for key in values.keys.sorted() {
            out += "\(pad)  \(quoted(key)): \(decimal(values[key]!, places: 6))\n"
        }
        return out
    }

    /// Whether a key names a committee (`committee:ISO/TC 45`) or an ICS code (`ics:35.240`).
    static func isIndicator(_ key: String) -> Bool {
        if key.hasPrefix("committee:") { return key.count > "committee:".count }
        guard key.hasPrefix("ics:") else { return false }
        let code = key.dropFirst(4)
        return !code.isEmpty && code.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && code.first != "." && code.last != "."
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Loads and checks a weights file against the taxonomy it will score with.
    ///
    /// - Throws: ``ScoringWeightsError`` naming the file, the line and the key: unreadable
    ///   file, malformed YAML, unknown keys, unknown targets, fields or terms (a term the
    ///   taxonomy does not have for that target), missing targets, values that are not numbers
    ///   in range.
    public static func load(path: String, taxonomy: Taxonomy) throws -> ScoringWeights {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScoringWeightsError(file: path, line: nil, key: "", reason: "cannot read the weights file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, source: path, taxonomy: taxonomy)
    }

    /// Parses and checks weights YAML; `source` names it in errors.
    public static func parse(yaml: String, source: String, taxonomy: Taxonomy) throws -> ScoringWeights {
        let node = try YAMLDocument.composeRoot(yaml, file: source, emptyReason: "the weights file is empty")
        let top = try YAMLCursor(node, file: source).fields(["version", "threshold", "ai_threshold", "examples", "gold", "targets", "text_features"])
        var version = 1
        if let node = top["version"] {
            switch try node.text() {
            case "1": version = 1
            case "2": version = 2
            default: throw node.error("unsupported version (expected 1 or 2)")
            }
        }
        var textFeatures: TextFeatureSettings? = nil
        if let node = top["text_features"] {
            guard version >= 2 else { throw node.error("text_features needs version 2") }
            textFeatures = try Self.textFeatureSettings(node)
        }
        let targetsNode = try top.required("targets")
        let threshold = try top["threshold"]?.number(in: 0.001...0.999) ?? 0.5
        let aiThreshold = try top["ai_threshold"]?.number(in: 0.001...0.999) ?? 0.5
        var examples = 0
        if let node = top["examples"] {
            let value = try node.number(in: 0...1e9)
            guard value == value.rounded() else { throw node.error("expected a whole number") }
            examples = Int(value)
        }
        let gold = try top["gold"]?.items().map { try $0.text() } ?? []

        var targets = [ScoringWeights.Target?](repeating: nil, count: ScoreSlot.scoredCount)
        // Learned feature keys already checked (most targets share them).
        var checked = Set<String>()
        for (name, targetNode) in try targetsNode.entries() {
            guard let slot = (0..<ScoreSlot.scoredCount).first(where: { Self.name(ofSlot: $0) == name }) else {
                throw targetNode.error("unknown target (expected ai_relevance or a characteristic id: \(Characteristic.allCases.map(\.id).joined(separator: ", ")))")
            }
            let isAI = slot == ScoreSlot.aiRelevance
            let fields = try targetNode.fields(isAI ? ["lambda", "intercept", "fields", "terms", "indicators", "learned", "learned_penalty", "threshold"]
                                                    : ["lambda", "intercept", "fields", "terms", "ai_terms", "indicators", "learned", "learned_penalty", "threshold"])
            var target = ScoringWeights.Target()
            target.intercept = try fields.required("intercept").number(in: weightRange)
            target.lambda = try fields["lambda"]?.number(in: lambdaRange) ?? 0
            target.threshold = try fields["threshold"]?.number(in: 0.001...0.999)
            target.learnedPenalty = try fields["learned_penalty"]?.number(in: 0.000001...1_000_000)
            if let fieldsNode = fields["fields"] {
                for (key, value) in try fieldsNode.entries() {
                    guard let field = ScoredField(rawValue: key) else {
                        throw value.error("unknown field (expected one of: \(ScoredField.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    target.fields[field] = try value.number(in: weightRange)
                }
            }
            func terms(_ node: YAMLCursor, slot: Int) throws -> [String: Double] {
                let known = taxonomy.featureTerms(slot: slot)
                var result: [String: Double] = [:]
                for (key, value) in try node.entries() {
                    guard known.contains(key) else {
                        throw value.error("unknown term: \(taxonomy.source) has no term or ICS code '\(key)' for \(name)")
                    }
                    result[key] = try value.number(in: weightRange)
                }
                return result
            }
            if let node = fields["terms"] { target.terms = try terms(node, slot: slot) }
            if let node = fields["ai_terms"] { target.aiTerms = try terms(node, slot: ScoreSlot.firstAIConditional + slot) }
            if let node = fields["indicators"] {
                for (key, value) in try node.entries() {
                    guard Self.isIndicator(key) else {
                        throw value.error("not an indicator (expected committee:<committee> or ics:<ICS code>)")
                    }
                    target.indicators[key] = try value.number(in: weightRange)
                }
            }
            if let node = fields["learned"] {
                guard let settings = textFeatures else { throw node.error("learned features need text_features (version 2)") }
                target.learned = try Self.learned(node, settings: settings, checked: &checked)
            }
            targets[slot] = target
        }
        let missing = (0..<ScoreSlot.scoredCount).filter { targets[$0] == nil }.map(Self.name(ofSlot:))
        guard missing.isEmpty else { throw targetsNode.error("missing target(s): \(missing.joined(separator: ", "))") }
        return ScoringWeights(targets: targets.map { $0! }, threshold: threshold, aiThreshold: aiThreshold,
                              examples: examples, goldFiles: gold, textFeatures: textFeatures)
    }

    /// A target's learned features: thousands of entries, so a key checked for an earlier
    /// target is not checked again.
    private static func learned(_ node: YAMLCursor, settings: TextFeatureSettings, checked: inout Set<String>) throws -> [String: Double] {
        let entries = try node.entries()
        var result: [String: Double] = [:]
        result.reserveCapacity(entries.count)
        for (key, value) in entries {
            if !checked.contains(key) {
                guard let (field, words) = LearnedVocabulary.split(key) else {
                    throw value.error("not a learned feature (expected <field>:<word> or <field>:<word> <word>)")
                }
                guard settings.fields.contains(field) else {
                    throw value.error("field \(field.rawValue) is not among text_features.fields")
                }
                let count = words.utf8.split(separator: UInt8(ascii: " ")).count
                guard count <= settings.maximumWords else {
                    throw value.error("\(count) words, more than text_features.maximum_words (\(settings.maximumWords))")
                }
                guard isStemmedWords(words) else {
                    throw value.error("not a stemmed word: expected lower-case letters and digits as the scanner folds them")
                }
                checked.insert(key)
            }
            result[key] = try value.number(in: weightRange)
        }
        return result
    }

    /// `text_features: {fields: [abstract, keywords, title], maximum_words: 2, minimum_count: 3}`.
    private static func textFeatureSettings(_ node: YAMLCursor) throws -> TextFeatureSettings {
        let entries = try node.fields(["fields", "maximum_words", "minimum_count"])
        let fieldsNode = try entries.required("fields")
        let items = try fieldsNode.items()
        guard !items.isEmpty else { throw fieldsNode.error("expected a list of fields") }
        var fields: [ScoredField] = []
        for item in items {
            guard let field = ScoredField(rawValue: try item.text()), TextFeatureSettings.fieldsAllowed.contains(field) else {
                throw item.error("unknown field (expected one of: \(TextFeatureSettings.fieldsAllowed.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !fields.contains(field) else { throw item.error("field listed twice") }
            fields.append(field)
        }
        func whole(_ key: String, _ range: ClosedRange<Double>) throws -> Int {
            let value = try entries.required(key)
            let number = try value.number(in: range)
            guard number == number.rounded() else { throw value.error("expected a whole number") }
            return Int(number)
        }
        return TextFeatureSettings(fields: TextFeatureSettings.fieldsAllowed.filter(fields.contains),
                                   maximumWords: try whole("maximum_words", 1...2), minimumCount: try whole("minimum_count", 1...1e6))
    }

    /// Whether words (separated by one space) are as the scanner writes stems: lower-case
    /// letters (folded: no capitals, no accents on Latin letters) and digits.
    static func isStemmedWords(_ words: String) -> Bool {
        // Most are plain ASCII: lower-case letters and digits, nothing to fold.
        if words.utf8.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: " ") }) {
            let parts = words.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            return parts.allSatisfy { !$0.isEmpty && $0.count <= TokenScanner.maximumWordBytes }
        }
        return words.split(separator: " ").allSatisfy { word in
            word.count <= TokenScanner.maximumWordBytes && PhraseMatcher.stems(of: String(word)).count == 1
                && word.unicodeScalars.allSatisfy { !$0.properties.isUppercase && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
        }
    }
}
