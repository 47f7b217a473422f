import LandscapeModel

/// How the learned text features are made: the stemmed words and pairs of adjacent words
/// (within a sentence, never across `;`) of the title, keywords and abstract, each a
/// feature of its field (`title:machin learn`, `abstract:privacy`) with value 1 when the
/// field has it. Stop words and numbers make no feature. Fitting keeps the features that at
/// least `minimumCount` of the training standards have, and gives them a weight per target
/// beside the taxonomy's vocabulary, under an L2 penalty of the vocabulary's strength times
/// a factor chosen with it (``TrainingOptions/learnedPenaltyFactors``).
public struct TextFeatureSettings: Sendable, Equatable {
    /// Fields read, among title, keywords and abstract (the title in its first language only).
    public var fields: [ScoredField]
    /// 1: single words; 2: single words and pairs.
    public var maximumWords: Int
    /// A feature is fitted when at least this many training standards have it.
    public var minimumCount: Int

    public static let fieldsAllowed: [ScoredField] = [.title, .keywords, .abstract]

    public init(fields: [ScoredField] = [.title, .keywords, .abstract], maximumWords: Int = 2, minimumCount: Int = 2) {
        self.fields = fields
        self.maximumWords = maximumWords
        self.minimumCount = minimumCount
    }
}

/// The learned text features found in a standard: their numbers in the model's
/// ``LearnedVocabulary`` and, when the text is at hand and asked for (`explain`), the words
/// each was found in as they stand in the field.
struct LearnedHits: Sendable, Equatable {
    var features: [Int32] = []
    /// Parallel to `features`; nil when the words are not kept.
    var matched: [String]?

    init(features: [Int32] = [], keepsText: Bool = false) {
        self.features = features
        self.matched = keepsText ? [] : nil
    }

    /// Empty, with room for `capacity` features (one allocation for a field's hits).
    init(capacity: Int, keepsText: Bool) {
        self.init(keepsText: keepsText)
        features.reserveCapacity(capacity)
    }

    var isEmpty: Bool { features.isEmpty }

    mutating func append(_ feature: Int32, matched words: @autoclosure () -> String) {
        features.append(feature)
        if matched != nil { matched!.append(words()) }
    }

    /// Keeps each feature once (a field counts a feature once however often it occurs), in
    /// ascending order, with the words of its first occurrence when they are kept.
    mutating func deduplicate() {
        guard features.count > 1 else { return }
        guard let words = matched else {
            Self.sortUnique(&features)
            return
        }
        let order = features.indices.sorted { (features[$0], $0) < (features[$1], $1) }
        var kept: [Int32] = [], keptWords: [String] = []
        for index in order where kept.last != features[index] {
            kept.append(features[index])
            keptWords.append(words[index])
        }
        features = kept
        matched = keptWords
    }

    /// Sorts the features in place, each kept once.
    static func sortUnique(_ sorted: inout [Int32]) {
        if sorted.count <= 64 {
            // A field's few dozen: an insertion sort, without the general sort's set-up.
            sorted.withUnsafeMutableBufferPointer { items in
                for index in items.indices.dropFirst() {
                    let item = items[index]
                    var position = index
                    while position > 0 && items[position - 1] > item {
                        items[position] = items[position - 1]
                        position -= 1
                    }
                    items[position] = item
                }
            }
        } else {
            sorted.sort()
        }
        var kept = 0
        for item in sorted where kept == 0 || sorted[kept - 1] != item {
            sorted[kept] = item
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
    }

    /// Those of `other` after these.
    mutating func append(contentsOf other: LearnedHits) {
        // Most often into an empty list (`matched` is as long as `features`): take the other's
        // storage rather than copy it, when both keep words or neither does.
        if features.isEmpty && (matched == nil) == (other.matched == nil) {
            self = other
            return
        }
        features += other.features
        if matched != nil {
            matched! += other.matched ?? other.features.map { _ in "" }
        }
    }
}

/// The extraction of text features, shared by training (every feature a standard has, by
/// key) and scoring (only the features the weights file knows, by hash, in the pass that
/// matches the vocabulary).
enum TextFeatures {
    /// Words that make no feature (nor any pair), as the scanner stems them.
    static let stopWords: Set<String> = {
        let words = """
        the of and a an in to for on by with or as be is are this that which at from it its into can may such \
        these their other than also not any all each used use using de la le les et des du en und der die das
        """
        return Set(PhraseMatcher.stems(of: words))
    }()

    /// The FNV-1a hashes of the stop words: what the scan compares.
    static let stopHashes: Set<UInt64> = Set(stopWords.map { word in
        Array(word.utf8).withUnsafeBufferPointer { wordHash($0) }
    })

    /// Whether a stem makes no feature: a stop word or a number.
    @inline(__always) static func isSkipped(_ stem: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        if stopHashes.contains(hash) { return true }
        return stem.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The key of a feature, as the weights file writes it: `field:word` or `field:word word`.
    static func key(field: ScoredField, words: String) -> String { field.rawValue + ":" + words }

    /// The hash of a feature for the lookup table: a field and the FNV-1a hashes of its one
    /// or two words.
    @inline(__always) static func hash(field: ScoredField, first: UInt64, second: UInt64?) -> UInt64 {
        var h = first &* 0x9E37_79B9_7F4A_7C15
        if let second { h = (h ^ (h >> 29)) &+ second &* 0xBF58_476D_1CE4_E5B9 &+ 1 }
        return h ^ (UInt64(ScoredField.fieldIndex(field) + 1) &* 0x94D0_49BB_1331_11EB)
    }

    /// Every text feature of a standard, by key, each once (for training): the fields of
    /// `settings`, from the title, the keywords (joined by `;`) and the abstract text.
    static func keys(of standard: Standard, settings: TextFeatureSettings) -> [String] {
        let scanner = TokenScanner()
        var keys = Set<String>()
        for field in settings.fields {
            let text: String
            switch field {
            case .title: text = standard.title
            case .keywords: text = standard.keywords.joined(separator: "; ")
            case .abstract: text = standard.abstract
            default: continue
            }
            scan(text, maximumWords: settings.maximumWords, scanner: scanner) { words, _, _ in
                keys.insert(key(field: field, words: words))
            }
        }
        return keys.sorted()
    }

    /// Calls `body` with each feature's words (`machin learn`) and byte range in the text,
    /// every occurrence.
    static func scan(_ text: String, maximumWords: Int, scanner: TokenScanner,
                     _ body: (_ words: String, _ start: Int32, _ end: Int32) -> Void) {
        guard !text.isEmpty else { return }
        var previous: (stem: String, position: Int32, sentence: Int32, start: Int32)? = nil
        scanner.scan(text) { event in
            let hash = wordHash(event.stem)
            guard !isSkipped(event.stem, hash: hash) else { previous = nil; return }
            let stem = String(decoding: event.stem, as: UTF8.self)
            body(stem, event.start, event.end)
            if maximumWords >= 2, let before = previous, before.position == event.position - 1, before.sentence == event.sentence {
                body(before.stem + " " + stem, before.start, event.end)
            }
            previous = (stem, event.position, event.sentence, event.start)
        }
    }
}

/// The learned text features of fitted weights, ready to score: each feature's key and its
/// weight for every scored slot, and a hash table from (field, words) to the feature, looked
/// up as the vocabulary is matched (``PhraseMatcher/matches(in:scanner:learned:)``).
struct LearnedVocabulary: Sendable {
    let settings: TextFeatureSettings
    /// Per feature: field and words.
    let features: [(field: ScoredField, words: String)]
    /// Per feature: its key, as the weights file writes it (`title:machin learn`).
    let keys: [String]
    /// Per feature, its weight for each scored slot: `weights[feature * scoredCount + slot]`.
    let weights: [Double]
    private let table: HashTable64

    var isEmpty: Bool { features.isEmpty }

    /// - Parameter learned: per scored slot, the weight of each key (`title:machin learn`).
    init(settings: TextFeatureSettings, learned: [[String: Double]]) {
        self.settings = settings
        var index: [String: Int] = [:]
        var features: [(field: ScoredField, words: String)] = []
        for key in Set(learned.flatMap(\.keys)).sorted() {
            guard let (field, words) = Self.split(key) else { continue }
            index[key] = features.count
            features.append((field, words))
        }
        var weights = [Double](repeating: 0, count: features.count * ScoreSlot.scoredCount)
        for (slot, values) in learned.enumerated() {
            for (key, weight) in values { if let feature = index[key] { weights[feature * ScoreSlot.scoredCount + slot] = weight } }
        }
        var table = HashTable64(minimumCapacity: max(16, features.count))
        for (feature, (field, words)) in features.enumerated() {
            let hashes = words.utf8.split(separator: UInt8(ascii: " ")).map { word in Array(word).withUnsafeBufferPointer { wordHash($0) } }
            table.set(Int32(feature), for: TextFeatures.hash(field: field, first: hashes[0], second: hashes.count > 1 ? hashes[1] : nil))
        }
        self.features = features
        self.keys = features.map { TextFeatures.key(field: $0.field, words: $0.words) }
        self.weights = weights
        self.table = table
    }

    /// A key's field and words; nil when it is not `field:word` or `field:word word`.
    static func split(_ key: String) -> (field: ScoredField, words: String)? {
        // By bytes: thousands of keys are split as a weights file loads.
        let utf8 = key.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
              let field = ScoredField(rawValue: String(decoding: utf8[..<colon], as: UTF8.self)) else { return nil }
        let words = utf8[utf8.index(after: colon)...]
        let parts = words.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return (field, String(decoding: words, as: UTF8.self))
    }

    /// The feature of a field's word (and of the pair it ends), if the vocabulary has them.
    @inline(__always) func feature(field: ScoredField, first: UInt64, second: UInt64?) -> Int32 {
        table.value(for: TextFeatures.hash(field: field, first: first, second: second))
    }

    /// Lookups of one field's features, valid inside `body`: for the scan's inner loop.
    func withLookup<R>(field: ScoredField, _ body: (Lookup) throws -> R) rethrows -> R {
        try table.withLookup { try body(Lookup(table: $0, field: field)) }
    }

    struct Lookup {
        let table: HashTable64.Lookup
        let field: ScoredField

        @inline(__always) func feature(first: UInt64, second: UInt64?) -> Int32 {
            table.value(for: TextFeatures.hash(field: field, first: first, second: second))
        }
    }

    /// The key of a feature.
    func key(_ feature: Int32) -> String { keys[Int(feature)] }
}
