/// How participation is measured: the `participation:` key of `Pipeline.yaml`.
///
/// ```yaml
/// participation:
///   members: ["Inputs/committees/iso_members.csv"]   # acronym → country files
///   scope: ai-relevant            # which standards count for a characteristic
///   adoptions: developing-committee
/// ```
///
/// Every key is optional; the defaults are shown. README.md ("Participation")
/// defines the measures each choice changes.
public struct ParticipationSettings: Sendable, Hashable, Decodable {
    /// Which standards count towards characteristic `c` in `participation_summary.csv`.
    public enum Scope: String, Sendable, Hashable, Decodable, CaseIterable {
        /// AI-relevant standards whose characteristics include `c`.
        case aiRelevant = "ai-relevant"
        /// Every standard whose characteristics include `c`, AI-relevant or not.
        case characteristic
        /// AI-relevant standards (each counts for every characteristic) and every standard with `c`.
        case aiRelevantOrCharacteristic = "ai-relevant-or-characteristic"
    }

    /// Where an adoption (`EN ISO/IEC 23894` adopting `ISO/IEC 23894`) counts in `participation_summary.csv`.
    public enum Adoptions: String, Sendable, Hashable, Decodable, CaseIterable {
        /// Once, under the committee that developed the text: an adoption whose adopted
        /// standard is among the standards is left out (the adopted one counts).
        case developingCommittee = "developing-committee"
        /// Under the adopting committee too: the adoption counts as a standard of its own.
        case adoptingCommittee = "adopting-committee"
    }

    /// Members files (acronym → country), relative to the configuration file.
    public var members: [String]
    public var scope: Scope
    public var adoptions: Adoptions

    public static let defaultMembers = ["Inputs/committees/iso_members.csv"]

    public init(members: [String] = Self.defaultMembers, scope: Scope = .aiRelevant, adoptions: Adoptions = .developingCommittee) {
        self.members = members
        self.scope = scope
        self.adoptions = adoptions
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case members, scope, adoptions
    }

    public init(from decoder: any Decoder) throws {
        // A misspelt key would otherwise be ignored and its default used without a word.
        let keys = try decoder.container(keyedBy: AnyKey.self)
        for key in keys.allKeys where CodingKeys(stringValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(forKey: key, in: keys,
                debugDescription: "unknown key '\(key.stringValue)' (expected adoptions, members, scope)")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            members: try container.decodeIfPresent([String].self, forKey: .members) ?? Self.defaultMembers,
            scope: try container.decodeIfPresent(Scope.self, forKey: .scope) ?? .aiRelevant,
            adoptions: try container.decodeIfPresent(Adoptions.self, forKey: .adoptions) ?? .developingCommittee)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
