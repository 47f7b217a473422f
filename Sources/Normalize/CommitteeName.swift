/// Committee references in one spelling: `ISO/IEC JTC 1/SC 42` whatever the spacing
/// or case it arrived in (`ISO/IEC JTC1/SC42`, `iso/iec jtc 1 / sc 42`), ISO's
/// `ISO/TC 34/SC 7`, IEC's `IEC TC 62/SC 62A`, CEN's `CEN/CLC/JTC 21`.
/// Names that are not committee references (IEEE sponsoring committees, `IULTCS`)
/// keep their words, with whitespace normalized.
public enum CommitteeName {
    static let organisations: [String: String] = [
        "ISO": "ISO", "IEC": "IEC", "CEN": "CEN", "CLC": "CLC", "CENELEC": "CLC", "ETSI": "ETSI", "JTC1": "JTC1",
    ]
    static let designators: [String: String] = [
        "TC": "TC", "SC": "SC", "JTC": "JTC", "WG": "WG", "JWG": "JWG", "PC": "PC", "TA": "TA",
        "AG": "AG", "SYC": "SyC", "TF": "TF", "BT": "BT", "SG": "SG", "AHG": "AHG",
    ]

    public static func normalize(_ text: String) -> String {
        let collapsed = TextCleaner.line(text)
        guard !collapsed.isEmpty else { return collapsed }
        if let canonical = canonicalReference(collapsed) { return canonical }
        // Not a committee reference: only tidy the spaces around slashes.
        return collapsed.replacingSlashSpacing()
    }

    /// The organisation part of a normalized reference: `ISO/IEC` for `ISO/IEC JTC 1/SC 42`,
    /// `IEC` for `IEC TC 56`; empty for names that are not references.
    public static func owner(_ committee: String) -> String {
        var parts: [String] = []
        for token in committee.split(whereSeparator: { $0 == "/" || $0 == " " }) {
            guard organisations[token.uppercased()] != nil else { break }
            parts.append(String(token))
        }
        return parts.joined(separator: "/")
    }

    private enum Token { case word(String), number(String) }

    private static func canonicalReference(_ text: String) -> String? {
        // Runs of letters and of digits (with a trailing letter: 62A, 65X).
        var tokens: [Token] = []
        var current = ""
        var currentIsNumber = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(currentIsNumber ? .number(current) : .word(current))
            current = ""
        }
        for c in text {
            if c.isLetter {
                if currentIsNumber, !current.isEmpty, current.last?.isNumber == true {
                    // 62A: a letter right after digits belongs to the number.
                    current.append(c)
                    continue
                }
                if currentIsNumber { flush() }
                currentIsNumber = false
                current.append(c)
            } else if c.isNumber {
                if !currentIsNumber {
                    // JTC1, SC42: split the designator from its number.
                    flush()
                    currentIsNumber = true
                }
                current.append(c)
            } else if c == "/" || c == " " || c == "-" || c == "_" {
                flush()
                currentIsNumber = false
            } else {
                return nil
            }
        }
        flush()

        var orgs: [String] = []
        var index = 0
        while index < tokens.count, case .word(let w) = tokens[index], let org = organisations[w.uppercased()] {
            if org == "JTC1" { break }
            orgs.append(org)
            index += 1
        }
        guard !orgs.isEmpty, index < tokens.count else { return nil }
        var parts: [String] = []
        while index < tokens.count {
            guard case .word(let w) = tokens[index] else { return nil }
            let upper = w.uppercased()
            if upper == "JTC1" {
                parts.append("JTC 1"); index += 1; continue
            }
            guard let designator = designators[upper], index + 1 < tokens.count,
                  case .number(let n) = tokens[index + 1] else { return nil }
            parts.append("\(designator) \(n.uppercased())")
            index += 2
        }
        guard !parts.isEmpty else { return nil }
        let org = orgs.joined(separator: "/")
        // IEC writes "IEC TC 56", ISO and IEC's joint committee "ISO/IEC JTC 1";
        // the rest "ISO/TC 1", "CEN/CLC/JTC 21".
        let separator = (org == "IEC" || (orgs.contains("ISO") && orgs.contains("IEC") && parts[0].hasPrefix("JTC"))) ? " " : "/"
        return org + separator + parts.joined(separator: "/")
    }
}

extension String {
    /// `ISO/ IEC` → `ISO/IEC`.
    func replacingSlashSpacing() -> String {
        guard contains("/") else { return self }
        var out = ""
        var pendingSpace = false
        var afterSlash = false
        for c in self {
            if c == " " { pendingSpace = true; continue }
            if c == "/" { out.append(c); pendingSpace = false; afterSlash = true; continue }
            if pendingSpace, !afterSlash { out.append(" ") }
            pendingSpace = false
            afterSlash = false
            out.append(c)
        }
        return out
    }
}
