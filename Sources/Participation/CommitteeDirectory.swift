import Foundation
import LandscapeModel

/// Every committee the committee data knows, looked up by reference in any spelling.
///
/// Built by ``CommitteeData/load(members:committees:)`` from ISO Open Data and
/// `landscape-committees` files, or directly from values in tests.
public struct CommitteeDirectory: Sendable {
    /// The committees in load order; a later definition of the same committee replaces the earlier one in place.
    public private(set) var committees: [Committee] = []
    private var index: [CommitteeKey: Int] = [:]
    /// Organisation (upper case) → index of the committee that stands for any of its
    /// committees the data does not list.
    private var organisationDefaults: [String: Int] = [:]

    public init(_ committees: [Committee] = []) {
        for committee in committees { add(committee) }
    }

    public var count: Int { committees.count }

    /// Adds a committee under its reference and any aliases; returns the definition it replaced.
    @discardableResult
    public mutating func add(_ committee: Committee, aliases: [String] = []) -> Committee? {
        let key = CommitteeKey(committee.reference)
        var replaced: Committee?
        let position: Int
        if let existing = index[key] {
            replaced = committees[existing]
            committees[existing] = committee
            position = existing
        } else {
            position = committees.count
            committees.append(committee)
            index[key] = position
        }
        for alias in aliases {
            let aliasKey = CommitteeKey(alias)
            if !aliasKey.isEmpty, index[aliasKey] == nil { index[aliasKey] = position }
        }
        return replaced
    }

    /// Makes a known committee stand for every committee of `organisation` that the
    /// data does not list (IEEE's sponsor committees all work under the IEEE SA
    /// Standards Board, with the same individual-and-entity membership).
    public mutating func setDefault(for organisation: String, to reference: String) {
        guard let position = index[CommitteeKey(reference)] else { return }
        organisationDefaults[organisation.uppercased()] = position
    }

    /// The committee with exactly this reference (in any spelling), if known.
    public func committee(_ reference: String) -> Committee? {
        let key = CommitteeKey(reference)
        guard !key.isEmpty, let position = index[key] else { return nil }
        return committees[position]
    }

    /// Finds the data for a committee reference that a standard names.
    ///
    /// In order: the committee itself; its nearest known parent
    /// (``CommitteeKey/ancestors(of:)``); the default committee of its
    /// organisation, when the reference or the standard's `sdo` names one that has
    /// a default. Otherwise the reference is unknown.
    public func resolve(_ reference: String, sdo: String = "") -> CommitteeResolution {
        let trimmed = reference.trimmed
        if let exact = committee(trimmed) {
            return CommitteeResolution(reference: exact.reference, committee: exact, match: .exact)
        }
        for ancestor in CommitteeKey.ancestors(of: trimmed) {
            if let parent = committee(ancestor) {
                return CommitteeResolution(reference: trimmed, committee: parent, match: .parent)
            }
        }
        if !organisationDefaults.isEmpty {
            let tokens = Set(CommitteeKey(trimmed).tokens)
            let candidates = [sdo.uppercased()] + tokens.sorted()
            for candidate in candidates {
                if let position = organisationDefaults[candidate] {
                    return CommitteeResolution(reference: trimmed, committee: committees[position], match: .organisationDefault)
                }
            }
        }
        return CommitteeResolution(reference: trimmed, committee: nil, match: .none)
    }
}

/// Where a committee reference's data came from.
public struct CommitteeResolution: Sendable, Hashable {
    public enum Match: String, Sendable, Hashable {
        /// The committee itself is known.
        case exact
        /// A parent committee's data stands in (a working group → its subcommittee).
        case parent
        /// The organisation's default committee stands in (an unlisted IEEE sponsor committee).
        case organisationDefault = "organisation-default"
        /// Nothing is known.
        case none
    }

    /// The reference to report: the data's own spelling on an exact match, else the reference as given.
    public var reference: String
    /// The committee whose data is used, if any.
    public var committee: Committee?
    public var match: Match

    /// The reference of the committee whose data stands in, when it is not the committee itself.
    public var resolvedFrom: String? {
        switch match {
        case .parent, .organisationDefault: committee?.reference
        case .exact, .none: nil
        }
    }
}
