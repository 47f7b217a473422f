/// The `report:` key of `Pipeline.yaml`: how much the report lists.
///
/// ```yaml
/// report:
///   top_standards: 10        # per characteristic
///   top_committees: 25
///   few_published: 3         # a characteristic with fewer published AI-relevant standards is a gap
///   quarantine_examples: 3   # per reason
///   listed_changes: 100      # per kind of change
///   listed_merges: 25
///   listed_inputs: 60
/// ```
public struct ReportSettings: Decodable, Sendable, Hashable {
    public var topStandards: Int
    public var topCommittees: Int
    public var fewPublished: Int
    public var quarantineExamples: Int
    public var listedChanges: Int
    public var listedMerges: Int
    public var listedInputs: Int

    public init(topStandards: Int = 10, topCommittees: Int = 25, fewPublished: Int = 3, quarantineExamples: Int = 3, listedChanges: Int = 100, listedMerges: Int = 25, listedInputs: Int = 60) {
        self.topStandards = topStandards
        self.topCommittees = topCommittees
        self.fewPublished = fewPublished
        self.quarantineExamples = quarantineExamples
        self.listedChanges = listedChanges
        self.listedMerges = listedMerges
        self.listedInputs = listedInputs
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case topStandards = "top_standards"
        case topCommittees = "top_committees"
        case fewPublished = "few_published"
        case quarantineExamples = "quarantine_examples"
        case listedChanges = "listed_changes"
        case listedMerges = "listed_merges"
        case listedInputs = "listed_inputs"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ReportSettings()
        func count(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            let value = try container.decodeIfPresent(Int.self, forKey: key) ?? fallback
            if value < 0 {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.rawValue) must not be negative, not \(value)")
            }
            return value
        }
        topStandards = try count(.topStandards, defaults.topStandards)
        topCommittees = try count(.topCommittees, defaults.topCommittees)
        fewPublished = try count(.fewPublished, defaults.fewPublished)
        quarantineExamples = try count(.quarantineExamples, defaults.quarantineExamples)
        listedChanges = try count(.listedChanges, defaults.listedChanges)
        listedMerges = try count(.listedMerges, defaults.listedMerges)
        listedInputs = try count(.listedInputs, defaults.listedInputs)
    }
}
