import LandscapeModel

/// The `terminology:` key of `Pipeline.yaml`: which glossaries to read beside the terms clauses
/// of the catalogs' full texts, and how definitions are compared.
///
/// ```yaml
/// terminology:
///   glossaries:
///     - {format: landscape-glossary, paths: ["Inputs/terminology/*.yaml"]}
///     - {format: nist-glossary-csv, paths: ["glossary.csv"], side: US, source: "NIST AI glossary"}
///   key_terms: [risk, risk management, risk tolerance, risk perception]
///   divergence_threshold: 0.25
///   terms_clauses: true
/// ```
///
/// Every key is optional; without the section no glossary is read, the terms clauses of
/// NISO STS full texts still are, and the defaults below apply.
public struct TerminologySettings: Sendable, Hashable, Decodable {
    public struct Glossary: Sendable, Hashable, Decodable {
        public enum Format: String, Sendable, Hashable, Decodable, CaseIterable {
            /// The project's YAML glossary (see `Inputs/terminology/README.md`).
            case landscapeGlossary = "landscape-glossary"
            /// A CSV in the layout of NIST's AI glossary export, read by header names.
            case nistGlossaryCSV = "nist-glossary-csv"
        }

        public var format: Format
        /// Glob patterns, relative to the configuration file.
        public var paths: [String]
        /// The side a CSV glossary's definitions stand for (YAML entries state their own).
        public var side: TermSide
        /// The instrument a CSV glossary is (its citations follow in each definition's source).
        public var source: String?
        /// Where a CSV glossary was downloaded and when (ISO 8601), for `terms.csv`.
        public var url: String?
        public var read: String?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case format, paths, side, source, url, read
        }

        public init(format: Format, paths: [String], side: TermSide = .us, source: String? = nil, url: String? = nil, read: String? = nil) {
            self.format = format
            self.paths = paths
            self.side = side
            self.source = source
            self.url = url
            self.read = read
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let paths: [String]
            if let one = try? container.decode(String.self, forKey: .paths) { paths = [one] } else {
                paths = try container.decode([String].self, forKey: .paths)
            }
            if paths.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .paths, in: container, debugDescription: "lists no path")
            }
            self.init(format: try container.decode(Format.self, forKey: .format), paths: paths,
                      side: try container.decodeIfPresent(TermSide.self, forKey: .side) ?? .us,
                      source: try container.decodeIfPresent(String.self, forKey: .source),
                      url: try container.decodeIfPresent(String.self, forKey: .url),
                      read: try container.decodeIfPresent(String.self, forKey: .read))
        }
    }

    public var glossaries: [Glossary]
    /// The Roadmap's key terms, listed first in the report.
    public var keyTerms: [String]
    /// EU–US pairs of definitions less similar than this are flagged as divergent.
    public var divergenceThreshold: Double
    /// Whether the terms clauses of NISO STS full texts are read.
    public var termsClauses: Bool

    public static let roadmapKeyTerms = ["risk", "risk management", "risk tolerance", "risk perception"]
    public static let defaultDivergenceThreshold = 0.25

    public init(glossaries: [Glossary] = [], keyTerms: [String] = Self.roadmapKeyTerms,
                divergenceThreshold: Double = Self.defaultDivergenceThreshold, termsClauses: Bool = true) {
        self.glossaries = glossaries
        self.keyTerms = keyTerms
        self.divergenceThreshold = divergenceThreshold
        self.termsClauses = termsClauses
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case glossaries
        case keyTerms = "key_terms"
        case divergenceThreshold = "divergence_threshold"
        case termsClauses = "terms_clauses"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let threshold = try container.decodeIfPresent(Double.self, forKey: .divergenceThreshold) ?? Self.defaultDivergenceThreshold
        guard threshold >= 0, threshold <= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .divergenceThreshold, in: container,
                                                   debugDescription: "must be a number from 0 to 1 (a Dice similarity)")
        }
        let keyTerms = try container.decodeIfPresent([String].self, forKey: .keyTerms) ?? Self.roadmapKeyTerms
        if keyTerms.contains(where: { TermKey.of($0).isEmpty }) {
            throw DecodingError.dataCorruptedError(forKey: .keyTerms, in: container, debugDescription: "a key term has no letters or digits")
        }
        self.init(glossaries: try container.decodeIfPresent([Glossary].self, forKey: .glossaries) ?? [],
                  keyTerms: keyTerms, divergenceThreshold: threshold,
                  termsClauses: try container.decodeIfPresent(Bool.self, forKey: .termsClauses) ?? true)
    }
}
