import LandscapeModel

/// A national standards body (or national electrotechnical committee) and the
/// country it represents.
public struct NationalBody: Sendable, Hashable {
    /// The acronym committees use for it (`ANSI`, `DIN`, `NQIS ELOT`, `DKE`).
    public var acronym: String
    /// ISO 3166-1 alpha-2 code (`US`, `DE`).
    public var country: String
    /// Country name, when the source gives one.
    public var countryName: String
    /// The source's own confidence in the mapping (`high`, `check`); empty when not stated.
    public var confidence: String
    /// Where the mapping was read.
    public var origin: SourceLocation?

    public init(acronym: String, country: String, countryName: String = "", confidence: String = "", origin: SourceLocation? = nil) {
        self.acronym = acronym
        self.country = country
        self.countryName = countryName
        self.confidence = confidence
        self.origin = origin
    }
}
