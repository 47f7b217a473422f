import LandscapeModel

/// National body acronym → country: who a committee seat stands for.
///
/// Committees list members by acronym, never by country; regions are sets of
/// countries. Lookup ignores case and repeated spaces (`UNMS  SR` = `UNMS SR`).
public struct MemberDirectory: Sendable {
    private var bodies: [String: NationalBody] = [:]

    public init(_ bodies: [NationalBody] = []) {
        for body in bodies { add(body) }
    }

    /// The body with this acronym, if known.
    public func body(_ acronym: String) -> NationalBody? {
        bodies[Self.key(acronym)]
    }

    /// The ISO 3166-1 alpha-2 country of the body with this acronym, if known.
    public func country(of acronym: String) -> String? {
        body(acronym)?.country
    }

    /// Adds or replaces a body; returns the one it replaced.
    @discardableResult
    public mutating func add(_ body: NationalBody) -> NationalBody? {
        bodies.updateValue(body, forKey: Self.key(body.acronym))
    }

    public var count: Int { bodies.count }

    /// Every body, by acronym.
    public var all: [NationalBody] { bodies.values.sorted { $0.acronym < $1.acronym } }

    static func key(_ acronym: String) -> String {
        acronym.split(whereSeparator: \.isWhitespace).joined(separator: " ").uppercased()
    }
}
