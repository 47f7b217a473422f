import LandscapeModel

/// The vocabulary compiled for matching: every term becomes a path of word ids in a trie
/// whose edges live in one hash table, so a field is matched in a single pass over its
/// words with one table lookup per word — never a regular expression per term.
final class PhraseMatcher: Sendable {
    /// A term found in a field.
    struct Match {
        var term: Int32
        var startPosition: Int32
        var endPosition: Int32
        var sentence: Int32
        var startByte: Int32
        var endByte: Int32
    }

    /// A vocabulary word at a position of a field (a hyphenated pair also appears once more
    /// as one word two positions wide).
    private struct FieldWord {
        var word: Int32
        var position: Int32
        var width: Int32
        var sentence: Int32
        var start: Int32
        var end: Int32
    }

    let terms: [VocabularyTerm]
    /// Per term: (slot, weight) pairs, flattened for the hot loop.
    let termWeights: [[(slot: Int, weight: Double)]]
    private let words: HashTable64
    private let wordBytes: [[UInt8]]
    private let edges: HashTable64
    private let terminalTerm: [Int32]

    /// Compiles the terms. A term whose text holds no word is reported by the loader, and
    /// skipped here.
    init(terms: [VocabularyTerm]) {
        self.terms = terms
        self.termWeights = terms.map { term in term.weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        var words = HashTable64(minimumCapacity: 1024)
        var wordBytes: [[UInt8]] = []
        var edges = HashTable64(minimumCapacity: 2048)
        var terminalTerm: [Int32] = [-1]
        func intern(_ stem: [UInt8]) -> Int32 {
            let hash = stem.withUnsafeBufferPointer { wordHash($0) }
            let existing = words.value(for: hash)
            if existing >= 0 {
                precondition(wordBytes[Int(existing)] == stem, "word hash collision inside the vocabulary")
                return existing
            }
            let id = Int32(wordBytes.count)
            wordBytes.append(stem)
            words.set(id, for: hash)
            return id
        }
        let scanner = TokenScanner()
        for (index, term) in terms.enumerated() {
            for path in Self.paths(of: term.text, scanner: scanner) {
                var node: Int32 = 0
                for stem in path {
                    let word = intern(stem)
                    let key = Self.edgeKey(node, word)
                    var child = edges.value(for: key)
                    if child < 0 {
                        child = Int32(terminalTerm.count)
                        terminalTerm.append(-1)
                        edges.set(child, for: key)
                    }
                    node = child
                }
                if node != 0 && terminalTerm[Int(node)] < 0 { terminalTerm[Int(node)] = Int32(index) }
            }
        }
        self.words = words
        self.wordBytes = wordBytes
        self.edges = edges
        self.terminalTerm = terminalTerm
    }

    /// The word sequences a term is matched by: its words, and for a phrase of two or
    /// three words also the words written as one ("well-being", "well being", "wellbeing").
    static func paths(of text: String, scanner: TokenScanner) -> [[[UInt8]]] {
        var words: [[UInt8]] = []
        scanner.scan(text) { event in words.append(Array(event.stem)) }
        guard !words.isEmpty else { return [] }
        var paths = [words]
        if words.count >= 2 && words.count <= 3 {
            let joined = String(text.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2011}" })
            var single: [[UInt8]] = []
            scanner.scan(joined) { event in single.append(Array(event.stem)) }
            if single.count == 1 && single != words { paths.append(single) }
        }
        return paths
    }

    /// Stems of a text's words, as the matcher sees them (for tests and messages).
    static func stems(of text: String) -> [String] {
        let scanner = TokenScanner()
        var result: [String] = []
        scanner.scan(text) { event in result.append(String(decoding: event.stem, as: UTF8.self)) }
        return result
    }

    @inline(__always) private static func edgeKey(_ node: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    @inline(__always) private func wordID(_ stem: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int32 {
        let id = words.value(for: hash ?? wordHash(stem))
        guard id >= 0 else { return -1 }
        // Guard against a hash collision with a word outside the vocabulary.
        return wordBytes[Int(id)].withUnsafeBufferPointer { known in
            known.count == stem.count && memcmpEqual(known, stem)
        } ? id : -1
    }

    /// Every occurrence of every term in `text`, plus the shapes of its sentences.
    func matches(in text: String, scanner: TokenScanner) -> [Match] {
        var none = LearnedHits()
        return matches(in: text, scanner: scanner, learned: nil, field: .title, keepsText: false, hits: &none)
    }

    /// Every occurrence of every term in `text`; and, in the same pass, the learned text
    /// features of `field` found in it (a word, and the pair of adjacent words it ends, each
    /// looked up in `learned`), appended to `hits` in the order first found, each once.
    /// - Parameter keepsText: whether each hit keeps the words as they stand in the text.
    func matches(in text: String, scanner: TokenScanner, learned: LearnedVocabulary?, field: ScoredField,
                 keepsText: Bool, hits: inout LearnedHits) -> [Match] {
        guard let learned else { return matches(in: text, scanner: scanner, lookup: nil, keepsText: false, hits: &hits) }
        return learned.withLookup(field: field) { lookup in
            matches(in: text, scanner: scanner, lookup: lookup, keepsText: keepsText, hits: &hits)
        }
    }

    private func matches(in text: String, scanner: TokenScanner, lookup: LearnedVocabulary.Lookup?,
                         keepsText: Bool, hits: inout LearnedHits) -> [Match] {
        var fieldWords: [FieldWord] = []
        fieldWords.reserveCapacity(min(256, text.utf8.count / 16 + 4))
        var previousHash: UInt64 = 0
        var previousPosition: Int32 = -2
        var previousSentence: Int32 = -1
        var previousStart: Int32 = 0
        // Every occurrence, each feature kept once at the end.
        var learnedFound = LearnedHits(capacity: lookup == nil ? 0 : min(512, text.utf8.count / 4 + 4), keepsText: keepsText)
        defer {
            if !learnedFound.isEmpty {
                learnedFound.deduplicate()
                hits.append(contentsOf: learnedFound)
            }
        }
        func words(_ start: Int32, _ end: Int32) -> String {
            let utf8 = text.utf8
            return String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: Int(start))..<utf8.index(utf8.startIndex, offsetBy: Int(end))],
                          as: UTF8.self)
        }
        scanner.scan(text) { event in
            if let compound = event.compoundStem {
                let id = wordID(compound)
                if id >= 0 {
                    fieldWords.append(FieldWord(word: id, position: event.position - 1, width: 2, sentence: event.sentence,
                                                start: event.compoundStart, end: event.end))
                }
            }
            let hash = wordHash(event.stem)
            let id = wordID(event.stem, hash: hash)
            if id >= 0 {
                fieldWords.append(FieldWord(word: id, position: event.position, width: 1, sentence: event.sentence,
                                            start: event.start, end: event.end))
            }
            if let lookup {
                let single = lookup.feature(first: hash, second: nil)
                if single >= 0 { learnedFound.append(single, matched: words(event.start, event.end)) }
                if previousPosition == event.position - 1 && previousSentence == event.sentence {
                    let pair = lookup.feature(first: previousHash, second: hash)
                    if pair >= 0 { learnedFound.append(pair, matched: words(previousStart, event.end)) }
                }
                previousHash = hash
                previousPosition = event.position
                previousSentence = event.sentence
                previousStart = event.start
            }
        }
        guard !fieldWords.isEmpty else { return [] }
        // The compound of (p, p+1) is appended before word p+1 but after word p: order by position.
        var found: [Match] = []
        fieldWords.withUnsafeBufferPointer { all in
            for index in all.indices {
                let first = all[index]
                let node = edges.value(for: Self.edgeKey(0, first.word))
                if node >= 0 { walk(all, from: index, node: node, first: first, last: first, into: &found) }
            }
        }
        return found
    }

    private func walk(_ all: UnsafeBufferPointer<FieldWord>, from index: Int, node: Int32,
                      first: FieldWord, last: FieldWord, into found: inout [Match]) {
        let term = terminalTerm[Int(node)]
        if term >= 0 {
            found.append(Match(term: term, startPosition: first.position, endPosition: last.position + last.width,
                               sentence: first.sentence, startByte: first.start, endByte: last.end))
        }
        let nextPosition = last.position + last.width
        var k = index + 1
        while k < all.count && all[k].position <= nextPosition {
            let candidate = all[k]
            if candidate.position == nextPosition {
                let child = edges.value(for: Self.edgeKey(node, candidate.word))
                if child >= 0 { walk(all, from: k, node: child, first: first, last: candidate, into: &found) }
            }
            k += 1
        }
    }
}

@inline(__always) private func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
