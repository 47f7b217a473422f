/// How a committee's members take part.
public enum Membership: String, Sendable, Codable {
    /// National standards bodies as P (participating) and O (observing) members: ISO, IEC, CEN, CENELEC.
    case nationalBodies = "national-bodies"
    /// Individuals and entities, not national bodies: IEEE standards committees.
    case individualsAndEntities = "individuals-and-entities"
}

/// A committee that writes standards, with who sits on it.
public struct Committee: Sendable, Hashable, Codable {
    /// Normalized reference, e.g. `ISO/IEC JTC 1/SC 42`, `CEN/CLC/JTC 21`.
    public var reference: String
    /// Owning organisation(s): `ISO`, `ISO/IEC`, `IEC`, `CEN`, `CEN/CLC`, `IEEE`…
    public var sdo: String
    public var title: String
    public var membership: Membership
    /// National body acronym holding the secretariat (`ANSI`, `DIN`, `DS`), if any.
    public var secretariat: String?
    /// P-member national body acronyms.
    public var pMembers: [String]
    /// O-member national body acronyms.
    public var oMembers: [String]
    /// Reference of the parent committee, if any.
    public var parent: String?
    /// Where the committee's data came from (file and line).
    public var origin: SourceLocation?

    public init(
        reference: String,
        sdo: String,
        title: String,
        membership: Membership = .nationalBodies,
        secretariat: String? = nil,
        pMembers: [String] = [],
        oMembers: [String] = [],
        parent: String? = nil,
        origin: SourceLocation? = nil
    ) {
        self.reference = reference
        self.sdo = sdo
        self.title = title
        self.membership = membership
        self.secretariat = secretariat
        self.pMembers = pMembers
        self.oMembers = oMembers
        self.parent = parent
        self.origin = origin
    }
}
