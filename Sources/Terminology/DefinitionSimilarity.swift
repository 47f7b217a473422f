import Foundation

/// How alike two definitions are, on their content words.
///
/// A definition's *content words* are its words (letters only: numbers such as the clause
/// numbers of cross-references `(3.1.5)` are left out) after folding case and diacritics,
/// without the English stop words of ``stopWords``, one-letter words and list numbering (`ii`), with British spellings
/// made American (``TermKey``), each reduced to its stem by ``stem(_:)``. A leading designation
/// in the style of EU legislation (`'risk' means …`) is not part of the definition.
///
/// The similarity of two definitions is the Dice coefficient of their sets of stems,
/// `2 |A ∩ B| / (|A| + |B|)`: 1 when they name the same concepts, 0 when they share none
/// (and 0 when either has no content word). What one names and the other does not is A \ B
/// and B \ A, each stem shown as the word it was first written as.
public struct ContentWords: Sendable, Hashable {
    /// Stems in order of first appearance, each once.
    public var stems: [String]
    /// For each stem, the word it was first written as (folded).
    public var surface: [String: String]

    public init(_ text: String) {
        stems = []
        surface = [:]
        for word in TermKey.words(Self.withoutDesignation(text)) {
            guard word.count > 1, word.allSatisfy(\.isLetter), !DefinitionSimilarity.stopWords.contains(word),
                  !DefinitionSimilarity.isRomanNumeral(word) else { continue }
            let stem = DefinitionSimilarity.stem(TermKey.americanSpelling(word))
            guard !stem.isEmpty, surface[stem] == nil else { continue }
            surface[stem] = word
            stems.append(stem)
        }
    }

    /// `'risk' means the combination …` → `the combination …`.
    static func withoutDesignation(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace }
        guard let first = trimmed.first, "'‘\"“".contains(first),
              let range = trimmed.prefix(200).range(of: " means ") else { return text }
        return String(trimmed[range.upperBound...])
    }
}

public enum DefinitionSimilarity {
    /// Dice coefficient of the two sets of stems (see ``ContentWords``).
    public static func dice(_ a: ContentWords, _ b: ContentWords) -> Double {
        let first = Set(a.stems), second = Set(b.stems)
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        return 2 * Double(first.intersection(second).count) / Double(first.count + second.count)
    }

    /// The words of `a` whose stems `b` lacks, in `a`'s order.
    public static func only(_ a: ContentWords, notIn b: ContentWords) -> [String] {
        let other = Set(b.stems)
        return a.stems.filter { !other.contains($0) }.map { a.surface[$0] ?? $0 }
    }

    /// A light suffix-stripping stemmer (after Porter, much reduced), applied in three steps:
    /// 1. plurals: `sses` → `ss`, `ies` → `i`, a final `s` dropped (not after `s`, `u`, `i`);
    /// 2. `ing` and `ed` dropped when at least three letters with a vowel are left;
    /// 3. the longest of the derivational suffixes in ``suffixes`` dropped when at least three
    ///    letters are left, then a final `e` dropped (`management`, `managing`, `manage` → `manag`)
    ///    and a doubled final consonant other than `l`, `s`, `z` undoubled (`occurring`,
    ///    `occurrence` → `occurr` → `occur`).
    public static func stem(_ word: String) -> String {
        var w = word
        if w.hasSuffix("sses") { w.removeLast(2) }
        else if w.hasSuffix("ies"), w.count > 4 { w.removeLast(2) }
        else if w.hasSuffix("s"), w.count > 3, !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { w.removeLast() }
        for suffix in ["ing", "ed"] where w.hasSuffix(suffix) {
            let stem = w.dropLast(suffix.count)
            if stem.count >= 3, stem.contains(where: { "aeiouy".contains($0) }) { w = String(stem) }
            break
        }
        for suffix in suffixes where w.hasSuffix(suffix) && w.count - suffix.count >= 3 {
            w.removeLast(suffix.count)
            break
        }
        if w.hasSuffix("e"), w.count > 3 { w.removeLast() }
        if let last = w.last, w.count >= 4, w.dropLast().last == last, !"lsz".contains(last), !"aeiou".contains(last) {
            w.removeLast()
        }
        return w
    }

    /// List numbering (`(ii)`, `(iv)`) is not a concept.
    static func isRomanNumeral(_ word: String) -> Bool {
        word.count <= 4 && word.allSatisfy { "ivx".contains($0) }
    }

    /// Longest first.
    static let suffixes = [
        "ational", "fulness", "ousness", "iveness", "ations", "ation", "ement", "ments", "ment",
        "ness", "ence", "ance", "ity", "ive", "ful", "ous", "able", "ible", "al", "er", "ly",
    ]

    /// English function words, and the verbs that introduce a definition (`means`, `refers`).
    public static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as", "at",
        "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "done", "during", "each",
        "either", "etc", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "may", "means", "might", "more", "most", "must", "no",
        "nor", "not", "of", "off", "on", "once", "one", "only", "or", "other", "others", "our", "out", "over", "own",
        "per", "refer", "refers", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "under",
        "until", "up", "upon", "us", "via", "was", "we", "were", "what", "when", "where", "whether", "which",
        "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "you", "your",
        "e", "g", "ie", "eg", "note", "see",
    ]
}
