import LandscapeModel

/// The usual length of an organisation's enquiry (public comment) ballot, with the source it
/// rests on: the catalogs state when a draft reached its stage, at best, never when its
/// ballot closes, so a draft's close is estimated from the date it entered the stage.
public struct CommentPeriodRule: Sendable, Hashable {
    /// Short id, as in the `close_rule` column of `open_for_comment.csv`.
    public var id: String
    /// Whose drafts it covers.
    public var organisation: String
    public var weeks: Int
    /// Where the length is stated.
    public var source: String
    /// When the source was read.
    public var read: String
    /// `verified` (primary source read), `reported` (secondary source only) or `assumption`.
    public var status: String
    public var note: String

    /// CEN and CENELEC: "by default the Enquiry is 12 weeks long" (CEN and CENELEC BOSS, Enquiry process pages).
    public static let cenCenelec = CommentPeriodRule(
        id: "cen-cenelec-enquiry", organisation: "CEN, CENELEC", weeks: 12,
        source: "https://boss.cen.eu/developingdeliverables/EN/Pages/Enq.aspx; https://boss.cenelec.eu/homegrowndeliverables/EN/Pages/Enq.aspx",
        read: "2026-11-29", status: "verified",
        note: "Default enquiry length; a national body may ask for up to 4 more weeks, which the catalogs do not show."
    )

    /// ISO (and ISO/IEC JTC 1): harmonized stage code 40.20, "DIS ballot initiated: 12 weeks".
    public static let iso = CommentPeriodRule(
        id: "iso-dis-ballot", organisation: "ISO, ISO/IEC", weeks: 12,
        source: "ISO harmonized stage code table (40.20: DIS ballot initiated, 12 weeks), as reproduced at https://www.rubydoc.info/gems/pubid-iso/0.1.12/Pubid/Iso/HarmonizedStageCode; ISO's own table is at https://www.iso.org/stage-codes.html (not read)",
        read: "2026-11-29", status: "reported",
        note: "The ballot length the stage code table gives; ISO's own page was not read."
    )

    /// IEC: its CDV circulation maps to harmonized 40.20 (iec.ch stage codes); the length is assumed to be ISO's.
    public static let iec = CommentPeriodRule(
        id: "iec-cdv-ballot", organisation: "IEC", weeks: 12,
        source: "http://www.iec.ch/standardsdev/how/processes/stage_codes.htm (CCDV = harmonized 40.2; no length stated there)",
        read: "2026-11-29", status: "assumption",
        note: "Assumed equal to the 12-week ISO enquiry ballot under the common ISO/IEC Directives; not read in an IEC source."
    )

    public static let all: [CommentPeriodRule] = [iso, iec, cenCenelec]

    /// The rule for a draft's organisation (its `sdo`), if there is one. IEEE drafts never reach
    /// here: IEEE catalogs state no ballot or public-review stage, and no other organisation's
    /// enquiry length is known to the project.
    public static func rule(for draft: DraftSnapshot) -> CommentPeriodRule? {
        let sdo = draft.sdo.uppercased()
        let parts = Set(sdo.split { $0 == "/" || $0 == " " || $0 == "-" }.map(String.init))
        if parts.contains("CEN") || parts.contains("CLC") || parts.contains("CENELEC") || draft.id.hasPrefix("prEN") || draft.id.hasPrefix("FprEN") {
            return cenCenelec
        }
        if parts.contains("ISO") { return iso }
        if parts.contains("IEC") { return iec }
        return nil
    }
}
