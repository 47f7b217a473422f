import LandscapeModel

/// Something the participation stage could not use as given, or had to interpret.
///
/// Nothing is dropped silently: a record the stage rejects (a bad line of a
/// committees or members file) becomes a warning that also converts to a
/// ``QuarantineEntry``; a committee or member the data does not know is kept
/// in the figures (with empty values) and reported here.
public struct ParticipationWarning: Sendable, Hashable, CustomStringConvertible {
    /// Stable categories, suitable for counting in a manifest.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A committees-file record that could not be read; it is left out.
        case invalidCommitteeRecord = "invalid committee record"
        /// A members-file row (or `members:` entry) that cannot be read or contradicts an
        /// earlier mapping of the same acronym; it is left out.
        case invalidMemberRecord = "invalid member record"
        /// A member mapping its source itself marks as uncertain; it is used.
        case uncertainMember = "uncertain member mapping"
        /// A member or secretariat acronym with no known country; the seat is
        /// counted in `p_members`/`o_members` but in no region.
        case unknownMember = "unknown member"
        /// A committee defined twice; the later definition wins.
        case duplicateCommittee = "duplicate committee"
        /// A committee whose parent reference is not itself known.
        case unknownParent = "unknown parent committee"
        /// A committee that standards name but no committee data covers; it gets
        /// a row with empty figures.
        case unknownCommittee = "unknown committee"
        /// A committee that standards name, resolved to the data of a parent (or
        /// of its organisation's default committee).
        case resolvedToParent = "committee resolved to parent"
    }

    public var kind: Kind
    /// The committee reference or member acronym concerned.
    public var subject: String
    public var message: String
    /// Where the problem is, when it is in a file.
    public var location: SourceLocation?

    public init(kind: Kind, subject: String, message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.location = location
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(kind.rawValue): \(subject): \(message)"
    }

    /// The quarantine row for a rejected record; nil for warnings about data that is kept.
    public var quarantineEntry: QuarantineEntry? {
        switch kind {
        case .invalidCommitteeRecord, .invalidMemberRecord:
            guard let location else { return nil }
            return QuarantineEntry(location: location, reference: subject, reason: "\(kind.rawValue): \(message)", scope: .record)
        default:
            return nil
        }
    }
}

extension Sequence where Element == ParticipationWarning {
    /// How many warnings of each kind, keyed by the kind's stable name (for the manifest).
    public var countsByKind: [String: Int] {
        reduce(into: [:]) { counts, warning in counts[warning.kind.rawValue, default: 0] += 1 }
    }
}
