import Foundation

extension Reference {
    /// The undated id of the published standard a reference belongs to: ``undatedId``
    /// without the draft mark (`ISO/IEC FDIS 42001` → `ISO/IEC 42001`, `ISO/DIS 11124-6` →
    /// `ISO 11124-6`); ``undatedId`` itself for a published reference. For matching a
    /// reference to a draft with the editions of the standard it became.
    public var undatedPublishedId: String {
        guard let mark = draftMark, !mark.isEmpty else { return undatedId }
        for separator in [" ", "/"] {
            if let range = undatedId.range(of: separator + mark + " ") {
                return undatedId.replacingCharacters(in: range, with: " ")
            }
        }
        return undatedId
    }

    /// An undated id with an IEEE-style project's marks set aside, for grouping the drafts of
    /// a project with the standard it became: `IEEE P7001` and `IEEE Std 7001` → `IEEE 7001`,
    /// `ANSI PN42.33` → `ANSI N42.33`. The marks are those of the publishers that write the
    /// year after a hyphen (IEEE, ANSI…): `Std` before the number, and the `P` of a project
    /// number (`P` then a digit, or `PC`/`PN` then a digit). Other ids come back as they are.
    public static func withoutProjectMarks(_ undatedId: String) -> String {
        var words = undatedId.split(separator: " ", omittingEmptySubsequences: true)
        guard let publisher = words.first,
              publisher.split(separator: "/").contains(where: { ReferenceParser.hyphenYearOrganisations.contains(String($0)) })
        else { return undatedId }
        words.removeAll { $0 == "Std" || $0 == "Std." }
        guard words.count > 1 else { return undatedId }
        let number = words[1]
        let afterP = number.dropFirst()
        if number.first == "P",
           afterP.first?.isNumber == true || ((afterP.first == "C" || afterP.first == "N") && afterP.dropFirst().first?.isNumber == true) {
            words[1] = afterP
        }
        return words.joined(separator: " ")
    }

    /// A reference's canonical id and the undated id of its published standard
    /// (``undatedPublishedId``); unparsable text comes back as it is.
    public static func policyNames(_ text: String) -> (id: String, undatedId: String) {
        guard let reference = parse(text) else { return (text, text) }
        return (reference.id, reference.undatedPublishedId)
    }
}
