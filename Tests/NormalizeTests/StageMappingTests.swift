import Testing
import LandscapeModel
@testable import Normalize

@Suite("Stage mapping")
struct StageMappingTests {
    @Test(arguments: [
        ("00.00", Stage.proposal, Status.draft), ("10.99", .proposal, .draft), ("20.60", .preparatory, .draft),
        ("30.99", .committee, .draft), ("40.20", .enquiry, .draft), ("50.20", .approval, .draft),
        ("60.00", .published, .active), ("60.60", .published, .active), ("90.92", .published, .active),
        ("90.93", .published, .active), ("95.20", .published, .active), ("95.99", .withdrawn, .withdrawn),
        ("30.98", .withdrawn, .withdrawn),
        ("PUBLISHED.00", .published, .active), ("REVISED.00", .withdrawn, .withdrawn),
        ("REPLACED.00", .withdrawn, .withdrawn), ("WITHDRAWN.00", .withdrawn, .withdrawn),
        ("ACDV", .enquiry, .draft), ("RFDIS", .approval, .draft), ("PNW", .proposal, .draft),
    ])
    func mapsHarmonizedAndIECCodes(_ code: String, _ stage: Stage, _ status: Status) throws {
        let reading = try #require(StageMapping.harmonized(code))
        #expect(reading.stage == stage)
        #expect(reading.status == status)
        #expect(reading.code == code)
    }

    @Test func ordersHarmonizedCodesWithinAStage() throws {
        let confirmed = try #require(StageMapping.harmonized("90.93"))
        let published = try #require(StageMapping.harmonized("60.60"))
        #expect(confirmed.detail > published.detail)
    }

    @Test(arguments: [
        ("NP", Stage.proposal), ("WD", .preparatory), ("CD", .committee), ("DIS", .enquiry),
        ("FDIS", .approval), ("IS", .published), ("PUBLISHED", .published), ("WDRL", .withdrawn),
    ])
    func mapsReleaseVersions(_ version: String, _ stage: Stage) {
        #expect(StageMapping.releaseVersion(version)?.stage == stage)
    }

    @Test func mapsCENStatusText() {
        #expect(StageMapping.statusText("Under Approval")?.stage == .approval)
        #expect(StageMapping.statusText("Published")?.status == .active)
        #expect(StageMapping.statusText("Withdrawn")?.stage == .withdrawn)
        #expect(StageMapping.statusText("Under Drafting")?.stage == .committee)
        #expect(StageMapping.statusText("whatever") == nil)
    }

    @Test func mapsIEEEStatusesModifiersAndDrafts() {
        let active = StageMapping.ieee(status: "Active", modifiers: ["Approved"], isDraft: false)
        #expect(active.stage == .published && active.status == .active && active.code == "Active")
        let superseded = StageMapping.ieee(status: "Superseded", modifiers: [], isDraft: false)
        #expect(superseded.stage == .withdrawn && superseded.status == .withdrawn && superseded.code == "Superseded")
        let inactive = StageMapping.ieee(status: "Inactive", modifiers: ["Withdrawn"], isDraft: false)
        #expect(inactive.status == .withdrawn)
        let draft = StageMapping.ieee(status: "Active", modifiers: ["Draft"], isDraft: true)
        #expect(draft.stage == .committee && draft.status == .draft)
        let oldDraft = StageMapping.ieee(status: "Inactive", modifiers: ["Draft"], isDraft: true)
        #expect(oldDraft.stage == .withdrawn)
    }
}

@Suite("Committee names")
struct CommitteeNameTests {
    @Test(arguments: [
        ("ISO/IEC JTC 1/SC 42", "ISO/IEC JTC 1/SC 42"), ("ISO/IEC JTC1/SC42", "ISO/IEC JTC 1/SC 42"),
        ("iso/iec jtc 1 / sc 42", "ISO/IEC JTC 1/SC 42"), ("ISO/IEC  JTC 1/SC 42 ", "ISO/IEC JTC 1/SC 42"),
        ("ISO/TC 34/SC 7", "ISO/TC 34/SC 7"), ("ISO TC 34 SC 7", "ISO/TC 34/SC 7"),
        ("IEC TC 62/SC 62A", "IEC TC 62/SC 62A"), ("IEC/TC 100/TA 2", "IEC TC 100/TA 2"),
        ("CEN/CLC/JTC 21", "CEN/CLC/JTC 21"), ("CEN/CENELEC JTC 21", "CEN/CLC/JTC 21"), ("CEN/TC 122", "CEN/TC 122"),
        ("IEC SyC Smart Cities", "IEC SyC Smart Cities"), ("IULTCS", "IULTCS"),
        ("Software &amp; Systems Engineering Standards Committee of the IEEE Computer Society",
         "Software & Systems Engineering Standards Committee of the IEEE Computer Society"),
    ])
    func normalizes(_ text: String, _ expected: String) {
        #expect(CommitteeName.normalize(text) == expected)
    }

    @Test func namesTheOwner() {
        #expect(CommitteeName.owner("ISO/IEC JTC 1/SC 42") == "ISO/IEC")
        #expect(CommitteeName.owner("IEC TC 56") == "IEC")
        #expect(CommitteeName.owner("ISO/TC 262") == "ISO")
        #expect(CommitteeName.owner("LAN/MAN Standards Committee") == "")
    }
}

@Suite("Text cleaning")
struct TextCleanerTests {
    @Test func collapsesWhitespaceAndDecodesWhatWasEscapedTwice() {
        #expect(TextCleaner.collapse("  a \n\t b  ") == "a b")
        #expect(TextCleaner.line("Software &amp;amp; Systems") == "Software & Systems")
        #expect(TextCleaner.line("Stand\u{AD}ards\u{A0}body") == "Standards body")
        #expect(TextCleaner.paragraphs("&lt;p class=\"MsoBodyText\"&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;") == "First.\nSecond.")
        #expect(TextCleaner.paragraphs("crushed to <212 µm\nnext") == "crushed to <212 µm\nnext")
        #expect(TextCleaner.paragraphs("requirements.<<ETX>>") == "requirements.")
        let untouched = "Already clean text"
        #expect(TextCleaner.line(untouched) == untouched)
    }
}
