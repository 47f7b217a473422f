import LandscapeModel

extension Change {
    /// The changes from one run's standards to the next one's, sorted by id and kind.
    ///
    /// A status change is its own row only when the stage stayed the same: a stage
    /// transition to `published` or `withdrawn` already says that the status moved.
    ///
    /// Standards are matched by `id`. A draft usually changes its reference as it moves
    /// (`ISO/IEC DIS 42006` becomes `ISO/IEC 42006:2025`), so a standard that is gone and
    /// one that is new are also paired when they are the only ones with their `undated_id`
    /// on each side *and* their stages differ: that pair is a stage transition reported
    /// under the new id, not a removal plus an addition.
    public static func between(previous: [StandardSnapshot], current: [StandardSnapshot]) -> [Change] {
        var before: [String: StandardSnapshot] = [:]
        before.reserveCapacity(previous.count)
        for snapshot in previous { before[snapshot.id] = snapshot }
        var currentIDs = Set<String>()
        currentIDs.reserveCapacity(current.count)
        for snapshot in current { currentIDs.insert(snapshot.id) }

        var changes: [Change] = []
        var added: [StandardSnapshot] = []
        for snapshot in current {
            if let old = before[snapshot.id] {
                changes.append(contentsOf: differences(from: old, to: snapshot))
            } else {
                added.append(snapshot)
            }
        }
        let removed = previous.filter { !currentIDs.contains($0.id) }

        let addedByUndated = Dictionary(grouping: added, by: \.undatedId)
        let removedByUndated = Dictionary(grouping: removed, by: \.undatedId)
        var paired = Set<String>()
        for (undated, news) in addedByUndated {
            guard news.count == 1, let olds = removedByUndated[undated], olds.count == 1,
                  olds[0].stage != news[0].stage else { continue }
            changes.append(contentsOf: differences(from: olds[0], to: news[0]))
            paired.insert(olds[0].id)
            paired.insert(news[0].id)
        }
        for snapshot in added where !paired.contains(snapshot.id) {
            changes.append(Change(id: snapshot.id, kind: .added, to: snapshot.stage.rawValue))
        }
        for snapshot in removed where !paired.contains(snapshot.id) {
            changes.append(Change(id: snapshot.id, kind: .removed, from: snapshot.stage.rawValue))
        }
        return changes.sorted { ($0.id, $0.kind) < ($1.id, $1.kind) }
    }

    private static func differences(from old: StandardSnapshot, to new: StandardSnapshot) -> [Change] {
        var changes: [Change] = []
        let previousID = old.id == new.id ? "" : old.id
        if old.stage != new.stage {
            changes.append(Change(id: new.id, kind: .stage, from: old.stage.rawValue, to: new.stage.rawValue, previousID: previousID))
        }
        // Publication and withdrawal move the status with the stage; the stage row says it all.
        if old.status != new.status, old.stage == new.stage {
            changes.append(Change(id: new.id, kind: .status, from: old.status.rawValue, to: new.status.rawValue, previousID: previousID))
        }
        if old.characteristics != new.characteristics {
            changes.append(Change(id: new.id, kind: .characteristics, from: old.characteristicList, to: new.characteristicList, previousID: previousID))
        }
        return changes
    }
}
