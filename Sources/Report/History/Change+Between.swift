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
        var join = Join(current: current)
        for old in previous.sorted(by: { $0.id.precedesInByteOrder($1.id) }) {
            var id = old.id
            let match = id.withUTF8 { join.advance(to: $0) }
            if let match { join.compare(old, with: match) } else { join.remove(old) }
        }
        return join.finish()
    }

    /// Matches the previous run's snapshots, visited in the byte order of their ids, with the
    /// current ones: a merge join, so the previous run need not be held in memory, and only
    /// its changed and removed standards are ever decoded (see ``History/compare(_:)``).
    struct Join {
        private let current: [StandardSnapshot]
        private var next = 0
        private var changes: [Change] = []
        private var added: [StandardSnapshot] = []
        private var removed: [StandardSnapshot] = []

        init(current: [StandardSnapshot]) {
            let sorted = zip(current, current.dropFirst()).allSatisfy { $0.id.precedesInByteOrder($1.id) }
            self.current = sorted ? current : current.sorted { $0.id.precedesInByteOrder($1.id) }
        }

        /// Moves to a previous id (given as UTF-8, not before the last one): current standards
        /// passed on the way are new; returns the current standard with that id, if any.
        mutating func advance(to id: UnsafeBufferPointer<UInt8>) -> StandardSnapshot? {
            while next < current.count {
                let order = current[next].id.compareBytes(to: id)
                if order > 0 { return nil }
                next += 1
                if order == 0 { return current[next - 1] }
                added.append(current[next - 1])
            }
            return nil
        }

        /// A standard in both runs.
        mutating func compare(_ old: StandardSnapshot, with new: StandardSnapshot) {
            changes.append(contentsOf: differences(from: old, to: new))
        }

        /// A previous standard that ``advance(to:)`` did not find.
        mutating func remove(_ old: StandardSnapshot) {
            removed.append(old)
        }

        /// The changes, sorted by id and kind.
        mutating func finish() -> [Change] {
            added.append(contentsOf: current[next...])
            next = current.count
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
    }

    static func differences(from old: StandardSnapshot, to new: StandardSnapshot) -> [Change] {
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
