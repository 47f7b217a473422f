import Foundation
import LandscapeModel

extension TableSchemas {
    /// `open_for_comment.csv`: one row per draft at an enquiry or public-comment stage.
    public static let openForComment = TableSchema(
        name: "open_for_comment",
        path: "open_for_comment.csv",
        title: "Drafts open for comment",
        description: "One row per draft at an enquiry or public-comment stage (ISO/IEC harmonized 40.20–40.99 except 40.98, DIS, IEC CDV, CEN/CENELEC enquiry), AI-relevant first, then by expected close. The catalogs state neither when a draft entered its stage nor when its ballot closes: the entry date is the first run that saw it there, and the close is estimated from it with the organisation's usual enquiry length (`close_rule`, described in README.md with its source).",
        columns: [
            Column("id", .string, "The draft's `id` as in standards.csv.", required: true, unique: true),
            Column("title", .string, "English title (or the best available one)."),
            Column("sdo", .string, "Publishing organisation(s) as in standards.csv.", required: true),
            Column("committee", .string, "Primary owning committee as in standards.csv."),
            Column("stage_code", .string, "The source's own stage code (`40.20`, `DIS`, `CCDV`, CEN status text)."),
            Column("voting", .string, "`open` while the ballot runs by the stage code (ISO 40.20–40.59 and every other enquiry code), `closed` once the vote has closed and comments are being resolved (40.60–40.99).", required: true, allowedValues: ["open", "closed"]),
            Column("entered", .string, "Date (UTC) the draft entered this stage code, as far as the history knows.", required: true, pattern: #"\d{4}-\d{2}-\d{2}"#),
            Column("entered_basis", .string, "`first-run`: the first run that saw it at this stage (it was not there in the run before); `on-or-before`: it was already there when the history began to watch, so it entered on or before that date.", required: true, allowedValues: OpenDraft.EntryBasis.allCases.map(\.rawValue)),
            Column("closes", .string, "Expected close of the comment period (UTC date): an estimate, `entered` plus the organisation's usual enquiry length; empty when no rule applies (IEEE, national bodies).", pattern: #"\d{4}-\d{2}-\d{2}"#),
            Column("closes_basis", .string, "`estimate` (always: no catalog states a close), or empty when `closes` is.", allowedValues: ["estimate"]),
            Column("close_rule", .string, "Id of the enquiry-length rule used (`iso-dis-ballot`, `iec-cdv-ballot`, `cen-cenelec-enquiry`; README.md gives each one's source and status).", allowedValues: CommentPeriodRule.all.map(\.id)),
            Column("ai_relevant", .string, "`true` when the draft is AI-relevant.", required: true, allowedValues: ["true", "false"]),
            Column("characteristics", .string, "`;`-joined ids of the characteristics whose score passes the threshold, as in standards.csv."),
        ]
    )

    /// `trend.csv`: AI-relevant standards per characteristic and stage in each kept run.
    public static let trend = TableSchema(
        name: "trend",
        path: "trend.csv",
        title: "Trend over runs",
        description: "For each kept run with trend data (oldest first; this run last) and each characteristic, the number of AI-relevant standards whose score passes the characteristic's threshold, per life-cycle stage. Runs recorded before trend data was kept are left out. Stages with no standard are left out.",
        columns: [
            Column("run", .string, "Run id as in manifest.json; this run's own id on its rows.", required: true),
            Column("run_started", .string, "When the run started (ISO 8601, UTC).", required: true),
            Column("characteristic", .string, "Characteristic id.", required: true, allowedValues: Characteristic.allCases.map(\.id)),
            Column("stage", .string, "Life-cycle stage.", required: true, allowedValues: Stage.allCases.map(\.rawValue)),
            Column("standards", .integer, "AI-relevant standards of the characteristic at that stage in that run.", required: true, minimum: 0),
        ]
    )
}

/// The watch's CSVs.
public enum WatchTables {
    /// `2026-11-29` (UTC).
    public static func day(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)).prefix(10))
    }

    /// `open_for_comment.csv`.
    public static func openForComment(_ drafts: [OpenDraft]) -> String {
        var csv = CSV.Writer(capacity: 256 * (drafts.count + 1))
        csv.row(TableSchemas.openForComment.header)
        for open in drafts {
            let draft = open.draft
            csv.field(draft.id)
            csv.field(draft.title)
            csv.field(draft.sdo)
            csv.field(draft.committee)
            csv.field(draft.stageCode)
            csv.field(open.votingOpen ? "open" : "closed")
            csv.field(day(open.entered))
            csv.field(open.enteredBasis.rawValue)
            csv.field(open.closes.map(day) ?? "")
            csv.field(open.closes == nil ? "" : "estimate")
            csv.field(open.rule?.id ?? "")
            csv.field(draft.isAIRelevant ? "true" : "false")
            csv.field(draft.characteristics.map(\.id).joined(separator: ";"))
            csv.endRow()
        }
        return csv.text
    }

    /// `trend.csv`; `runId` names this run's rows.
    public static func trend(_ points: [TrendPoint], runId: String) -> String {
        var csv = CSV.Writer(capacity: 96 * (points.count + 1))
        csv.row(TableSchemas.trend.header)
        let formatter = ISO8601DateFormatter()
        for point in points {
            csv.field(point.runId == WatchReport.thisRun ? runId : point.runId)
            csv.field(formatter.string(from: point.startedAt))
            csv.field(point.characteristic.id)
            csv.field(point.stage.rawValue)
            csv.field(point.standards)
            csv.endRow()
        }
        return csv.text
    }
}
