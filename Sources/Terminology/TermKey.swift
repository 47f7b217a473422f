import Foundation

/// The key on which definitions of the same term meet.
///
/// Two designations have the same key when they differ only in case, diacritics, hyphenation
/// and punctuation (`risk-based`, `risk based`), British or American spelling (`organisation`,
/// `behaviour`, `modelling`, `analyse`, `defence`, `centre`, `well-being`/`wellbeing`), or the
/// plural of their last word (`AI systems`). Admitted synonyms are joined by the Terminology
/// stage on top of this (see ``TerminologyStage``).
public enum TermKey {
    public static func of(_ term: String) -> String {
        var words = Self.words(term)
        guard !words.isEmpty else { return "" }
        words = words.flatMap { word -> [String] in
            let american = americanSpelling(word)
            return closedCompounds[american] ?? [american]
        }
        words[words.count - 1] = singular(words[words.count - 1])
        return words.joined(separator: " ")
    }

    /// Lower-cased, diacritics folded, split on anything that is not a letter or digit.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// British spellings as American ones: a table of words and the safe `-isation` rule.
    static func americanSpelling(_ word: String) -> String {
        if let american = britishWords[word] { return american }
        for (british, american) in [("isations", "izations"), ("isation", "ization")] where word.hasSuffix(british) {
            return String(word.dropLast(british.count)) + american
        }
        // -ise/-ised/-ises/-ising verbs from the table's stems (organise → organize).
        for suffix in ["ise", "ised", "ises", "ising", "iser", "isers"] where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            if iseStems.contains(stem) { return stem + "iz" + suffix.dropFirst(2) }
        }
        return word
    }

    /// The singular of a noun, by the regular rules; invariant and Latin-like words kept.
    static func singular(_ word: String) -> String {
        if invariant.contains(word) || word.count <= 3 { return word }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is"), !word.hasSuffix("ics") {
            return String(word.dropLast())
        }
        return word
    }

    static let invariant: Set<String> = [
        "bias", "series", "species", "news", "alias", "atlas", "canvas", "corpus", "status", "process", "access",
        "data", "media", "criteria", "analysis", "basis", "thesis", "ethics", "robustness", "fairness",
    ]

    static let iseStems: Set<String> = [
        "organ", "recogn", "standard", "minim", "maxim", "priorit", "optim", "character", "author", "categor",
        "summar", "util", "real", "emphas", "anonym", "pseudonym", "normal", "harmon", "legitim", "operational",
        "custom", "general", "special", "central", "visual", "stabil", "capital", "initial", "synchron", "memor",
    ]

    static let britishWords: [String: String] = [
        "behaviour": "behavior", "behaviours": "behaviors", "behavioural": "behavioral",
        "colour": "color", "favour": "favor", "honour": "honor", "labour": "labor", "neighbour": "neighbor",
        "analyse": "analyze", "analysed": "analyzed", "analyses": "analyzes", "analysing": "analyzing",
        "paralyse": "paralyze", "catalyse": "catalyze",
        "defence": "defense", "licence": "license", "offence": "offense", "pretence": "pretense",
        "centre": "center", "centres": "centers", "metre": "meter", "litre": "liter", "fibre": "fiber",
        "modelling": "modeling", "modelled": "modeled", "labelling": "labeling", "labelled": "labeled",
        "travelling": "traveling", "signalling": "signaling", "cancelled": "canceled", "levelled": "leveled",
        "fuelled": "fueled", "judgement": "judgment", "judgements": "judgments", "ageing": "aging",
        "programme": "program", "programmes": "programs", "catalogue": "catalog", "catalogues": "catalogs",
        "artefact": "artifact", "artefacts": "artifacts", "enrolment": "enrollment", "fulfil": "fulfill",
        "fulfilment": "fulfillment", "grey": "gray", "tonne": "ton",
    ]

    /// Closed compounds written open elsewhere: one spelling of each.
    static let closedCompounds: [String: [String]] = [
        "wellbeing": ["well", "being"], "dataset": ["data", "set"], "datasets": ["data", "sets"],
        "cybersecurity": ["cyber", "security"], "lifecycle": ["life", "cycle"], "lifecycles": ["life", "cycles"],
    ]
}
