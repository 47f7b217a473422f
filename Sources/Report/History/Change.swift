/// What kind of difference a ``Change`` records (`change` column of `changes.csv`).
public enum ChangeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A standard that the previous run did not have.
    case added
    /// A standard that the previous run had and this one does not.
    case removed
    /// A stage transition, e.g. `enquiry` → `published`.
    case stage
    /// A status change without a stage transition, e.g. `active` → `withdrawn`.
    case status
    /// The set of characteristics passing the threshold changed.
    case characteristics

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One difference between the previous successful run and this one: a row of `changes.csv`.
public struct Change: Sendable, Hashable, Codable {
    /// The standard's canonical id.
    public var id: String
    public var kind: ChangeKind
    /// The previous value (stage, status or `;`-joined characteristic ids); for
    /// ``ChangeKind/removed`` the previous stage, for ``ChangeKind/added`` empty.
    public var from: String
    /// The new value; for ``ChangeKind/added`` the new stage, for ``ChangeKind/removed`` empty.
    public var to: String
    /// The standard's id in the previous run when it moved under a new reference
    /// (`ISO/IEC DIS 42006` → `ISO/IEC 42006:2025`), else empty.
    public var previousID: String

    public init(id: String, kind: ChangeKind, from: String = "", to: String = "", previousID: String = "") {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.previousID = previousID
    }

    /// Whether this change is a withdrawal: the stage or the status moved to `withdrawn`.
    public var isWithdrawal: Bool { (kind == .stage || kind == .status) && to == "withdrawn" }
}
