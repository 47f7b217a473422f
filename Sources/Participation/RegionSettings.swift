/// The regions participation is measured for: the `regions:` key of `Pipeline.yaml`.
///
/// ```yaml
/// regions:          # region name → ISO 3166-1 alpha-2 country codes
///   CN: [CN]
///   UK: [GB]
///   JP: [JP]
/// ```
///
/// `EU` (the 27 member states) and `US` always exist; configuring either
/// replaces its default. Regions come out in a stable order: `EU`, `US`, then
/// the others by name.
public struct RegionSettings: Sendable, Hashable, Decodable {
    /// A named set of countries.
    public struct Region: Sendable, Hashable {
        public var name: String
        public var countries: Set<String>

        public init(name: String, countries: Set<String>) {
            self.name = name
            self.countries = countries
        }
    }

    /// The 27 member states of the European Union (since 1 February 2020), as ISO 3166-1 alpha-2 codes.
    public static let euMemberStates: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    public static let eu = "EU"
    public static let us = "US"

    /// Every region, `EU` and `US` first.
    public private(set) var regions: [Region]

    /// The defaults (`EU`, `US`) plus `additional` regions (name → country codes).
    public init(_ additional: [String: Set<String>] = [:]) {
        var byName: [String: Set<String>] = [Self.eu: Self.euMemberStates, Self.us: ["US"]]
        for (name, countries) in additional { byName[name] = countries }
        let others = byName.keys.filter { $0 != Self.eu && $0 != Self.us }.sorted()
        regions = ([Self.eu, Self.us] + others).map { Region(name: $0, countries: byName[$0]!) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegionName.self)
        var additional: [String: Set<String>] = [:]
        for key in container.allKeys {
            guard !key.stringValue.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "a region needs a name")
            }
            let codes = try container.decode([String].self, forKey: key)
            guard !codes.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "region \(key.stringValue) lists no country")
            }
            for code in codes where !(code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }) {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                    debugDescription: "region \(key.stringValue): '\(code)' is not an ISO 3166-1 alpha-2 country code")
            }
            additional[key.stringValue] = Set(codes)
        }
        self.init(additional)
    }

    /// The region with this name, if configured.
    public func region(named name: String) -> Region? {
        regions.first { $0.name == name }
    }

    /// Regions beyond `EU` and `US` (the `regions` map of ``CommitteeParticipation``).
    public var additionalRegions: [Region] {
        regions.filter { $0.name != Self.eu && $0.name != Self.us }
    }

    private struct RegionName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
