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

    /// A reference's canonical id and the undated id of its published standard
    /// (``undatedPublishedId``); unparsable text comes back as it is.
    public static func policyNames(_ text: String) -> (id: String, undatedId: String) {
        guard let reference = parse(text) else { return (text, text) }
        return (reference.id, reference.undatedPublishedId)
    }
}
