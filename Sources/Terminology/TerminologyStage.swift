import LandscapeModel

/// Lines up definitions of the same term from the standards' terms clauses and the glossaries,
/// compares them pair by pair, and finds the characteristics no standard defines.
///
/// - **Keys.** Each definition's key is ``TermKey/of(_:)`` of its term; definitions whose terms
///   or admitted synonyms share a key are joined (transitively) under one key: the key most
///   definitions use for their own term (ties: the shorter, then the first in byte order).
///   Deprecated designations are kept but join nothing.
/// - **Duplicates.** A second definition of the same key by the same source (the same standard,
///   or the same instrument of the same side) in the same language is quarantined.
/// - **Pairs.** Within a key and a language, every pair of definitions from different sources
///   is compared (``DefinitionSimilarity``); for a key with more than ``maxFullPairs``
///   definitions only the pairs with an EU or US definition are, so the work stays linear in
///   the standards for a term that thousands of them define. An EU–US pair less similar than
///   the divergence threshold is divergent.
public struct TerminologyStage: Sendable {
    public var settings: TerminologySettings
    /// The taxonomy's characteristics (id, name), in order.
    public var characteristics: [(id: String, name: String)]

    public static let maxFullPairs = 24

    public init(settings: TerminologySettings, characteristics: [(id: String, name: String)]) {
        self.settings = settings
        self.characteristics = characteristics
    }

    /// The definitions of the terms clauses. `standardId` turns an entry's reference as written
    /// into the canonical id of the standard it belongs to (empty when it cannot).
    public func definitions(from entries: [RawTermEntry], standardId: (String) -> String,
                            quarantine: inout [QuarantineEntry]) -> [TermDefinition] {
        var result: [TermDefinition] = []
        var ids: [String: String] = [:]
        for entry in entries {
            let id = ids[entry.reference] ?? { let value = standardId(entry.reference); ids[entry.reference] = value; return value }()
            let named = entry.terms.filter { !TermKey.of($0.text).isEmpty }
            guard let preferred = named.first(where: { $0.status == .preferred }) ?? named.first(where: { $0.status == .admitted }) ?? named.first else {
                quarantine.append(QuarantineEntry(location: entry.location, reference: id,
                                                  reason: "malformed TBX: termEntry\(entry.entryId.isEmpty ? "" : " '\(entry.entryId)'") has no term", scope: .record))
                continue
            }
            guard let definition = entry.definition, !definition.isEmpty else {
                quarantine.append(QuarantineEntry(location: entry.location, reference: id,
                                                  reason: "term without definition: '\(preferred.text)'", scope: .record))
                continue
            }
            var others = named
            if let index = others.firstIndex(of: preferred) { others.remove(at: index) }
            result.append(TermDefinition(
                key: TermKey.of(preferred.text), term: preferred.text,
                admitted: others.filter { $0.status != .deprecated }.map(\.text),
                deprecated: others.filter { $0.status == .deprecated }.map(\.text),
                definition: definition, notes: entry.notes, source: entry.source, side: .international,
                standardId: id, language: entry.language.isEmpty ? "en" : entry.language,
                file: entry.location.file, line: entry.location.line))
        }
        return result
    }

    /// Joins, de-duplicates, compares and finds the gaps. `characteristicTerms`: characteristic
    /// id → the terms that name it (from the glossaries).
    public func analyse(_ input: [TermDefinition], characteristicTerms: [String: [String]],
                        quarantine: [QuarantineEntry] = []) -> TerminologyResult {
        var quarantine = quarantine

        // Keys joined through admitted synonyms (union-find over keys).
        var parent: [String: String] = [:]
        func find(_ key: String) -> String {
            var root = key
            while let next = parent[root], next != root { root = next }
            var node = key
            while let next = parent[node], next != root { parent[node] = root; node = next }
            return root
        }
        func union(_ a: String, _ b: String) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for definition in input {
            union(definition.key, definition.key)
            for synonym in definition.admitted where !TermKey.of(synonym).isEmpty {
                union(definition.key, TermKey.of(synonym))
            }
        }
        // Each group's name: the key most definitions use for their own term.
        var uses: [String: Int] = [:]
        for definition in input { uses[definition.key, default: 0] += 1 }
        var names: [String: String] = [:]
        for key in parent.keys.sorted() {
            let root = find(key)
            let candidate = (uses[key] ?? 0, -key.count, key)
            if let current = names[root] {
                let best = (uses[current] ?? 0, -current.count, current)
                if candidate.0 > best.0 || (candidate.0 == best.0 && (candidate.1 > best.1 || (candidate.1 == best.1 && candidate.2 < best.2))) {
                    names[root] = key
                }
            } else {
                names[root] = key
            }
        }
        func canonical(_ key: String) -> String {
            guard parent[key] != nil else { return key }
            return names[find(key)] ?? key
        }

        // De-duplication: one definition per (key, source, side, language).
        var seen: [String: TermDefinition] = [:]
        var definitions: [TermDefinition] = []
        for var definition in input {
            definition.key = canonical(definition.key)
            let identity = [definition.key, definition.side.rawValue, definition.standardId.isEmpty ? definition.source : definition.standardId,
                            definition.language].joined(separator: "\u{1}")
            if let first = seen[identity] {
                quarantine.append(QuarantineEntry(
                    location: SourceLocation(source: definition.standardId.isEmpty ? "terminology" : definition.standardId, file: definition.file, line: definition.line),
                    reference: definition.standardId,
                    reason: "duplicated entry: '\(definition.term)' is already defined by \(definition.label) at \(first.file):\(first.line)",
                    scope: .record))
                continue
            }
            seen[identity] = definition
            definitions.append(definition)
        }
        let sideOrder: [TermSide: Int] = [.eu: 0, .us: 1, .international: 2]
        definitions.sort {
            ($0.key, sideOrder[$0.side]!, $0.label, $0.language, $0.line) < ($1.key, sideOrder[$1.side]!, $1.label, $1.language, $1.line)
        }

        // Pairs.
        let words = definitions.map { ContentWords($0.definition) }
        var alignments: [TermAlignment] = []
        var start = 0
        while start < definitions.count {
            var end = start
            while end < definitions.count, definitions[end].key == definitions[start].key { end += 1 }
            let full = end - start <= Self.maxFullPairs
            for i in start..<end {
                for j in (i + 1)..<end {
                    let a = definitions[i], b = definitions[j]
                    guard a.language == b.language, a.label != b.label || a.side != b.side else { continue }
                    guard full || a.side != .international || b.side != .international else { continue }
                    let similarity = DefinitionSimilarity.dice(words[i], words[j])
                    let euUS = Set([a.side, b.side]) == [.eu, .us]
                    alignments.append(TermAlignment(
                        key: a.key, first: i, second: j, similarity: similarity,
                        onlyFirst: DefinitionSimilarity.only(words[i], notIn: words[j]),
                        onlySecond: DefinitionSimilarity.only(words[j], notIn: words[i]),
                        isEUUS: euUS, divergent: euUS && similarity < settings.divergenceThreshold))
                }
            }
            start = end
        }

        // Characteristics defined by no standard.
        var standardsByKey: [String: Set<String>] = [:]
        for definition in definitions where !definition.standardId.isEmpty {
            standardsByKey[definition.key, default: []].insert(definition.standardId)
        }
        let gaps = characteristics.map { characteristic -> CharacteristicTerms in
            var keys: [String] = []
            for term in characteristicTerms[characteristic.id] ?? [] {
                let key = canonical(TermKey.of(term))
                if !key.isEmpty, !keys.contains(key) { keys.append(key) }
            }
            let standards = keys.reduce(into: Set<String>()) { $0.formUnion(standardsByKey[$1] ?? []) }
            return CharacteristicTerms(id: characteristic.id, name: characteristic.name, keys: keys, standards: standards.sorted())
        }

        var keyTerms: [String] = []
        for term in settings.keyTerms {
            let key = canonical(TermKey.of(term))
            if !key.isEmpty, !keyTerms.contains(key) { keyTerms.append(key) }
        }
        return TerminologyResult(definitions: definitions, alignments: alignments, keyTerms: keyTerms,
                                 characteristics: gaps, divergenceThreshold: settings.divergenceThreshold, quarantine: quarantine)
    }

    /// Reads the configured glossaries' files (`files`: glossary index → files matched) and
    /// analyses them with the terms clauses' definitions. Throws ``YAMLInputError`` for a
    /// `landscape-glossary` file that is not valid; problems with CSV files and single entries
    /// are quarantined.
    public func run(standardDefinitions: [TermDefinition], glossaryFiles files: [[String]],
                    quarantine initial: [QuarantineEntry]) throws -> TerminologyResult {
        var quarantine = initial
        var definitions = standardDefinitions
        var characteristicTerms: [String: [String]] = [:]
        let ids = Set(characteristics.map(\.id))
        for (index, glossary) in settings.glossaries.enumerated() where index < files.count {
            for file in files[index] {
                switch glossary.format {
                case .landscapeGlossary:
                    let loaded = try LandscapeGlossary.load(file: file, characteristicIds: ids)
                    for (id, terms) in loaded.characteristics.sorted(by: { $0.key < $1.key }) {
                        characteristicTerms[id, default: []] += terms
                    }
                    definitions += loaded.definitions(quarantine: &quarantine)
                case .nistGlossaryCSV:
                    definitions += GlossaryCSV(settings: glossary).read(file: file, quarantine: &quarantine)
                }
            }
        }
        return analyse(definitions, characteristicTerms: characteristicTerms, quarantine: quarantine)
    }
}
