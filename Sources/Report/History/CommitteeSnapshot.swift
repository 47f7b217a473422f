import LandscapeModel

/// What the run history keeps of one committee: who holds its secretariat and who sits on it.
///
/// Members are kept as sets (sorted acronyms): the order a committee file lists them in is not
/// a change.
public struct CommitteeSnapshot: Sendable, Hashable {
    /// The committee's reference as the committee data spells it (`ISO/IEC JTC 1/SC 42`).
    public var reference: String
    /// Secretariat acronym; empty when none or unknown.
    public var secretariat: String
    /// P-member acronyms, sorted, each once.
    public var pMembers: [String]
    /// O-member acronyms, sorted, each once (a body listed as both P and O counts as P).
    public var oMembers: [String]

    public init(reference: String, secretariat: String = "", pMembers: [String] = [], oMembers: [String] = []) {
        self.reference = reference
        self.secretariat = secretariat
        let p = Set(pMembers)
        self.pMembers = p.sorted { $0.precedesInByteOrder($1) }
        self.oMembers = Set(oMembers).subtracting(p).sorted { $0.precedesInByteOrder($1) }
    }

    public init(_ committee: Committee) {
        self.init(reference: committee.reference, secretariat: committee.secretariat ?? "",
                  pMembers: committee.pMembers, oMembers: committee.oMembers)
    }

    /// One snapshot per committee reference: a later definition of the same reference
    /// replaces an earlier one, as the committee data itself does.
    public static func snapshots(of committees: [Committee]) -> [CommitteeSnapshot] {
        var byReference: [String: CommitteeSnapshot] = [:]
        for committee in committees { byReference[committee.reference] = CommitteeSnapshot(committee) }
        return byReference.values.sorted { $0.reference.precedesInByteOrder($1.reference) }
    }

    /// Member lists as stored: acronyms joined by line feeds (no acronym holds one).
    static func joined(_ members: [String]) -> String { members.joined(separator: "\n") }
    static func split(_ stored: String) -> [String] { stored.isEmpty ? [] : stored.split(separator: "\n").map(String.init) }

    /// A 64-bit FNV-1a digest of the content: the store looks states up by it and then
    /// compares the content itself, so two states that share a digest are never confused.
    var digest: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(reference)
        add(secretariat)
        add(Self.joined(pMembers))
        add(Self.joined(oMembers))
        return Int64(bitPattern: hash)
    }
}
