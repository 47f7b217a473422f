import LandscapeModel
import Testing
@testable import Report

@Suite("Changes between two snapshots")
struct ChangeTests {
    private func snapshot(_ id: String, _ stage: Stage, undated: String? = nil, status: Status? = nil, characteristics: [Characteristic] = [.safe]) -> StandardSnapshot {
        StandardSnapshot(
            id: id, undatedId: undated ?? id, stage: stage,
            status: status ?? (stage == .published ? .active : .draft),
            aiRelevance: 0.9, scores: [.safe: 0.7], characteristics: characteristics
        )
    }

    @Test func stageAdvancedOneAddedOneRemovedGiveExactlyThreeChanges() {
        let previous = [snapshot("ISO/IEC 42001:2023", .published), snapshot("ISO/IEC 5338:2023", .approval), snapshot("ISO/IEC 22989:2022", .published)]
        let current = [snapshot("ISO/IEC 42001:2023", .published), snapshot("ISO/IEC 5338:2023", .published), snapshot("ISO/IEC 12792:2025", .published)]

        let changes = Change.between(previous: previous, current: current)

        #expect(changes == [
            Change(id: "ISO/IEC 12792:2025", kind: .added, to: "published"),
            Change(id: "ISO/IEC 22989:2022", kind: .removed, from: "published"),
            Change(id: "ISO/IEC 5338:2023", kind: .stage, from: "approval", to: "published"),
        ])
    }

    @Test func identicalSnapshotsHaveNoChanges() {
        let standards = [snapshot("A 1", .published), snapshot("B 2", .enquiry)]
        #expect(Change.between(previous: standards, current: standards).isEmpty)
    }

    @Test func withdrawalIsOneStageTransition() {
        let changes = Change.between(
            previous: [snapshot("ISO 1:2000", .published)],
            current: [snapshot("ISO 1:2000", .withdrawn, status: .withdrawn)]
        )
        #expect(changes == [Change(id: "ISO 1:2000", kind: .stage, from: "published", to: "withdrawn")])
        #expect(changes.allSatisfy { $0.isWithdrawal })
    }

    @Test func statusChangeWithoutStageChangeIsItsOwnRow() {
        let changes = Change.between(
            previous: [snapshot("IEEE Std 1:2010", .published, status: .active)],
            current: [snapshot("IEEE Std 1:2010", .published, status: .withdrawn)]
        )
        #expect(changes == [Change(id: "IEEE Std 1:2010", kind: .status, from: "active", to: "withdrawn")])
        #expect(changes.allSatisfy { $0.isWithdrawal })
    }

    @Test func characteristicChangesListBothSets() {
        let changes = Change.between(
            previous: [snapshot("IEEE Std 7001-2021", .published, characteristics: [.accountableTransparent])],
            current: [snapshot("IEEE Std 7001-2021", .published, characteristics: [.accountableTransparent, .explainableInterpretable])]
        )
        #expect(changes == [Change(id: "IEEE Std 7001-2021", kind: .characteristics, from: "accountable_transparent", to: "accountable_transparent;explainable_interpretable")])
    }

    @Test func draftPublishedUnderANewReferenceIsOneStageTransition() {
        let changes = Change.between(
            previous: [snapshot("ISO/IEC DIS 42006", .enquiry, undated: "ISO/IEC 42006")],
            current: [snapshot("ISO/IEC 42006:2025", .published, undated: "ISO/IEC 42006")]
        )
        #expect(changes == [
            Change(id: "ISO/IEC 42006:2025", kind: .stage, from: "enquiry", to: "published", previousID: "ISO/IEC DIS 42006"),
        ])
    }

    @Test func newEditionBesideTheOldOneIsAnAddition() {
        // Same undated id on both sides, but the old edition is still there: nothing to pair.
        let changes = Change.between(
            previous: [snapshot("ISO/IEC 27001:2013", .published, undated: "ISO/IEC 27001")],
            current: [snapshot("ISO/IEC 27001:2013", .published, undated: "ISO/IEC 27001"), snapshot("ISO/IEC 27001:2022", .published, undated: "ISO/IEC 27001")]
        )
        #expect(changes == [Change(id: "ISO/IEC 27001:2022", kind: .added, to: "published")])
    }

    @Test func changesTableHasTheSchemaHeaderAndGuardedCells() throws {
        let text = Change.csvTable([Change(id: "=cmd", kind: .added, to: "published")])
        let records = try CSV.parse(text)
        #expect(records == [TableSchemas.changes.header, ["'=cmd", "added", "", "published", "", "", "", ""]])
        #expect(TableSchemas.changes.header.prefix(4) == ["id", "change", "from", "to"])
    }
}
