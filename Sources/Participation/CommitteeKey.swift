import Foundation

/// The spelling-independent identity of a committee reference, used for lookup.
///
/// Catalogs and committee files write the same committee in several ways
/// (`ISO/IEC JTC 1/SC 42`, `ISO/IEC JTC1/SC42`, `IEC/ISO JTC 1/SC 42`,
/// `Software &amp; Systems … Committee`, `Software & Systems … Committee`).
/// The key reduces a reference to upper-case tokens split at every
/// non-alphanumeric character and at every letter/digit boundary, spells `&` as
/// `AND` and `CENELEC` as `CLC`, and sorts the leading organisation tokens of a
/// joint committee, so that all of these compare equal while `ISO/TC 2/SC 11`
/// and `ISO/TC 21/SC 1` stay apart.
public struct CommitteeKey: Hashable, Sendable, CustomStringConvertible {
    /// The normalized tokens.
    public let tokens: [String]

    /// Organisation tokens that may lead a committee reference, in any order.
    static let organisations: Set<String> = ["ISO", "IEC", "CEN", "CLC", "ETSI", "ITU", "IEEE"]

    public init(_ reference: String) {
        let text = reference.replacing("&amp;", with: "&").replacing("&amp;", with: "&")
        var tokens: [String] = []
        var current = ""
        var currentIsDigit = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if scalar == "&" {
                flush()
                tokens.append("AND")
                continue
            }
            let isDigit = ("0"..."9").contains(scalar)
            let isLetter = scalar.properties.isAlphabetic
            guard isDigit || isLetter else {
                flush()
                continue
            }
            if !current.isEmpty, isDigit != currentIsDigit { flush() }
            current.unicodeScalars.append(contentsOf: String(scalar).uppercased().unicodeScalars)
            currentIsDigit = isDigit
        }
        flush()
        tokens = tokens.map { $0 == "CENELEC" ? "CLC" : $0 }
        // A joint committee is one committee whichever organisation is named first.
        let leading = tokens.prefix { Self.organisations.contains($0) }
        if leading.count > 1 {
            tokens.replaceSubrange(0..<leading.count, with: leading.sorted())
        }
        self.tokens = tokens
    }

    public var isEmpty: Bool { tokens.isEmpty }

    /// The references of the committees a reference sits under, nearest first.
    ///
    /// A designator path drops its last part (`ISO/IEC JTC 1/SC 42/WG 3` →
    /// `ISO/IEC JTC 1/SC 42` → `ISO/IEC JTC 1`); a named committee of a society
    /// yields the society (`Artificial Intelligence Standards Committee of the
    /// IEEE Computer Society` → `IEEE Computer Society`).
    public static func ancestors(of reference: String) -> [String] {
        if let range = reference.range(of: " of the ", options: .caseInsensitive) {
            let parent = reference[range.upperBound...].trimmingCharacters(in: .whitespaces)
            return parent.isEmpty ? [] : [parent] + ancestors(of: parent)
        }
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 1, parts.last?.contains(where: \.isNumber) == true else { return [] }
        return (1..<parts.count).reversed().map { parts[0..<$0].joined(separator: "/") }
    }

    public var description: String { tokens.joined(separator: " ") }
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks): a cheap
    /// stand-in for Foundation's `trimmingCharacters(in:)`, which costs far more per call.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(self[first...last])
    }
}
