/// One word as the scanner hands it over. The buffers are only valid during the callback.
struct TokenEvent {
    /// The folded, stemmed word.
    var stem: UnsafeBufferPointer<UInt8>
    /// When the word is joined to the previous one by a hyphen ("de-identification"),
    /// the stem of both written as one word ("deidentification"); else nil.
    var compoundStem: UnsafeBufferPointer<UInt8>?
    /// Word index in the field; phrases match only across consecutive positions.
    var position: Int32
    /// Sentence index in the field (negated scope is decided per sentence).
    var sentence: Int32
    /// Byte range of the word (of both words for the compound) in the field text.
    var start: Int32
    var end: Int32
    var compoundStart: Int32
}

/// The shape of a sentence that matters for negated scope.
struct SentenceShape {
    /// The sentence ends with a colon ("This document does not cover the following:").
    var endsWithColon = false
    /// The sentence starts with a dash, a bullet or an item label such as `a)`.
    var isListItem = false
}

/// Splits text into folded, stemmed words with positions and sentences, in one pass over
/// the UTF-8 bytes and without allocating per word.
///
/// What it knows about catalog text: abstracts carry escaped HTML (`<p class="…">`,
/// `<br />`, `<!-- [if …] -->`) and entities (`&amp;`, `&rsquo;`) — tags and entities are
/// skipped, block tags end a sentence; `;` separates list entries and keywords, so no
/// phrase matches across it; a hyphen between two words also offers the two as one word.
struct TokenScanner {
    private var raw: [UInt8] = []
    private var previousRaw: [UInt8] = []
    private var stemBuffer: [UInt8] = []
    private var compoundBuffer: [UInt8] = []
    private(set) var sentences: [SentenceShape] = []

    /// Words longer than this are not vocabulary words (chemical names, URLs, base64).
    static let maximumWordBytes = 64

    init() {
        raw.reserveCapacity(Self.maximumWordBytes)
        previousRaw.reserveCapacity(Self.maximumWordBytes)
        stemBuffer.reserveCapacity(Self.maximumWordBytes)
        compoundBuffer.reserveCapacity(2 * Self.maximumWordBytes)
    }

    /// Scans one field's text, calling `body` for every word.
    mutating func scan(_ text: String, _ body: (TokenEvent) -> Void) {
        sentences.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { bytes in scan(bytes: bytes, body) }
    }

    private mutating func scan(bytes: UnsafeBufferPointer<UInt8>, _ body: (TokenEvent) -> Void) {
        let count = bytes.count
        var index = 0
        var tokenStart = -1
        var tokenEnd = 0
        var position: Int32 = 0
        var sentence: Int32 = 0
        var wordsInSentence = 0
        var firstWordLength = 0
        var current = SentenceShape()
        var lastWasColon = false
        var sentenceStartPending = true
        // Hyphen join: the previous word ended right before a hyphen that is directly
        // followed by this word.
        var joinPending = false
        var previousStart: Int32 = 0
        var previousWasJoinable = false

        @inline(__always) func finishWord(_ scanner: inout TokenScanner) {
            guard tokenStart >= 0 else { return }
            defer { tokenStart = -1; scanner.raw.removeAll(keepingCapacity: true) }
            let length = scanner.raw.count
            if wordsInSentence == 0 { firstWordLength = length }
            wordsInSentence += 1
            sentenceStartPending = false
            lastWasColon = false
            guard length <= Self.maximumWordBytes else {
                position += 1; joinPending = false; previousWasJoinable = false
                return
            }
            scanner.stemBuffer.removeAll(keepingCapacity: true)
            scanner.stemBuffer.append(contentsOf: scanner.raw)
            WordStemmer.stem(&scanner.stemBuffer)
            let compound = joinPending && previousWasJoinable
            if compound {
                scanner.compoundBuffer.removeAll(keepingCapacity: true)
                scanner.compoundBuffer.append(contentsOf: scanner.previousRaw)
                scanner.compoundBuffer.append(contentsOf: scanner.raw)
                WordStemmer.stem(&scanner.compoundBuffer)
            }
            let start = Int32(tokenStart), end = Int32(tokenEnd)
            let compoundStart = previousStart
            let pos = position, sen = sentence
            scanner.stemBuffer.withUnsafeBufferPointer { stem in
                if compound {
                    scanner.compoundBuffer.withUnsafeBufferPointer { compoundStem in
                        body(TokenEvent(stem: stem, compoundStem: compoundStem, position: pos, sentence: sen,
                                        start: start, end: end, compoundStart: compoundStart))
                    }
                } else {
                    body(TokenEvent(stem: stem, compoundStem: nil, position: pos, sentence: sen,
                                    start: start, end: end, compoundStart: compoundStart))
                }
            }
            swap(&scanner.previousRaw, &scanner.raw)
            previousStart = start
            previousWasJoinable = true
            joinPending = false
            position += 1
        }

        @inline(__always) func breakSentence(_ scanner: inout TokenScanner) {
            finishWord(&scanner)
            previousWasJoinable = false
            joinPending = false
            guard wordsInSentence > 0 else { return }
            current.endsWithColon = lastWasColon
            scanner.sentences.append(current)
            current = SentenceShape()
            sentence += 1
            position += 1
            wordsInSentence = 0
            lastWasColon = false
            sentenceStartPending = true
        }

        @inline(__always) func barrier() {
            // No phrase spans a barrier, no hyphen joins across it.
            position += 1
            previousWasJoinable = false
            joinPending = false
        }

        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if let lower = Self.asciiWordByte(byte) {
                    if tokenStart < 0 { tokenStart = index }
                    raw.append(lower)
                    tokenEnd = index + 1
                    index += 1
                    continue
                }
                let wordJustEnded = tokenStart >= 0
                finishWord(&self)
                switch byte {
                case UInt8(ascii: "-"):
                    let nextIsWord = index + 1 < count && Self.startsWord(bytes, at: index + 1)
                    if wordJustEnded && nextIsWord {
                        joinPending = true
                    } else {
                        if sentenceStartPending { current.isListItem = true }
                        previousWasJoinable = false
                    }
                    lastWasColon = false
                case UInt8(ascii: "."):
                    let next = index + 1 < count ? bytes[index + 1] : UInt8(ascii: " ")
                    let isAbbreviation = wordJustEnded && Self.isAbbreviation(previousRaw)
                    if !isAbbreviation && (next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
                        || next == UInt8(ascii: "\t") || next == UInt8(ascii: "<")) {
                        breakSentence(&self)
                    } else {
                        previousWasJoinable = false
                    }
                case UInt8(ascii: "!"), UInt8(ascii: "?"):
                    breakSentence(&self)
                case UInt8(ascii: ";"):
                    barrier()
                    lastWasColon = false
                case UInt8(ascii: ":"):
                    previousWasJoinable = false
                    lastWasColon = true
                case UInt8(ascii: ")"):
                    if wordsInSentence == 1 && firstWordLength <= 2 && position > 0 { current.isListItem = true }
                    previousWasJoinable = false
                case UInt8(ascii: "*"):
                    if sentenceStartPending { current.isListItem = true }
                    previousWasJoinable = false
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    previousWasJoinable = false
                case UInt8(ascii: "<"):
                    if let (end, isBlock) = Self.tag(bytes, at: index) {
                        if isBlock { breakSentence(&self) } else { previousWasJoinable = false }
                        index = end
                        continue
                    }
                    previousWasJoinable = false
                case UInt8(ascii: "&"):
                    if let end = Self.entity(bytes, at: index) {
                        previousWasJoinable = false
                        index = end
                        continue
                    }
                    previousWasJoinable = false
                default:
                    previousWasJoinable = false
                    lastWasColon = false
                }
                index += 1
                continue
            }
            // Multi-byte UTF-8 scalar.
            let (scalar, length) = Self.decode(bytes, at: index)
            switch CharacterFolding.classify(scalar) {
            case .folded(let folded):
                if tokenStart < 0 { tokenStart = index }
                let pointer = folded.utf8Start
                for k in 0..<folded.utf8CodeUnitCount { raw.append(pointer[k]) }
                tokenEnd = index + length
            case .letter:
                if tokenStart < 0 { tokenStart = index }
                for k in 0..<length { raw.append(bytes[index + k]) }
                tokenEnd = index + length
            case .ignorable:
                if tokenStart >= 0 { tokenEnd = index + length }
            case .hyphen:
                let wordJustEnded = tokenStart >= 0
                finishWord(&self)
                if wordJustEnded && index + length < count && Self.startsWord(bytes, at: index + length) {
                    joinPending = true
                } else {
                    previousWasJoinable = false
                }
            case .dash:
                finishWord(&self)
                if sentenceStartPending { current.isListItem = true }
                previousWasJoinable = false
                lastWasColon = false
            case .separator:
                finishWord(&self)
                previousWasJoinable = false
            }
            index += length
        }
        breakSentence(&self)
    }

    /// A period after these does not end the sentence ("e.g. physical, IT-security").
    private static func isAbbreviation(_ word: [UInt8]) -> Bool {
        switch word.count {
        case 1: return true
        case 2: return word == Array("cf".utf8) || word == Array("vs".utf8) || word == Array("no".utf8)
        case 3: return word == Array("etc".utf8) || word == Array("fig".utf8) || word == Array("ref".utf8)
        default: return false
        }
    }

    @inline(__always) private static func asciiWordByte(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
        default: return nil
        }
    }

    private static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return asciiWordByte(byte) != nil }
        switch CharacterFolding.classify(decode(bytes, at: index).scalar) {
        case .folded, .letter: return true
        default: return false
        }
    }

    /// Decodes the scalar at `index`; invalid sequences decode as U+FFFD, one byte long.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        let count = bytes.count
        @inline(__always) func continuation(_ k: Int) -> UInt32? {
            guard index + k < count else { return nil }
            let byte = bytes[index + k]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        if lead & 0xE0 == 0xC0, let c1 = continuation(1) {
            return ((UInt32(lead & 0x1F) << 6) | c1, 2)
        }
        if lead & 0xF0 == 0xE0, let c1 = continuation(1), let c2 = continuation(2) {
            return ((UInt32(lead & 0x0F) << 12) | (c1 << 6) | c2, 3)
        }
        if lead & 0xF8 == 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            return ((UInt32(lead & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
        }
        return (0xFFFD, 1)
    }

    /// A markup tag (`<p …>`, `</p>`, `<br />`, `<!-- … -->`) starting at `index`: where it
    /// ends and whether it ends a sentence. Nil when the `<` is plain text ("a < b").
    private static func tag(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (end: Int, isBlock: Bool)? {
        let count = bytes.count
        guard index + 1 < count else { return nil }
        var nameStart = index + 1
        let first = bytes[nameStart]
        if first == UInt8(ascii: "!") {
            // Comment or conditional comment: skip to the closing '>'.
            var k = nameStart
            while k < count && k - index < 512 {
                if bytes[k] == UInt8(ascii: ">") { return (k + 1, false) }
                k += 1
            }
            return nil
        }
        if first == UInt8(ascii: "/") { nameStart += 1 }
        guard nameStart < count, let nameByte = asciiWordByte(bytes[nameStart]), nameByte >= UInt8(ascii: "a") else {
            return nil
        }
        var k = nameStart
        var nameEnd = nameStart
        while k < count && k - index < 2048 {
            let byte = bytes[k]
            if byte == UInt8(ascii: ">") {
                let isBlock = isBlockTag(bytes, from: nameStart, to: nameEnd)
                return (k + 1, isBlock)
            }
            if byte == UInt8(ascii: "<") { return nil }
            if nameEnd == k, asciiWordByte(byte) != nil { nameEnd = k + 1 }
            k += 1
        }
        return nil
    }

    private static func isBlockTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let length = end - start
        let first = bytes[start] | 0x20
        switch (first, length) {
        case (UInt8(ascii: "p"), 1), (UInt8(ascii: "l"), 2), (UInt8(ascii: "u"), 2), (UInt8(ascii: "o"), 2),
             (UInt8(ascii: "d"), _), (UInt8(ascii: "t"), _), (UInt8(ascii: "h"), _):
            return true
        case (UInt8(ascii: "b"), 2):
            return bytes[start + 1] | 0x20 == UInt8(ascii: "r")
        default:
            return false
        }
    }

    /// An entity (`&amp;`, `&#8482;`, `&#x2019;`) starting at `index`: where it ends.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var k = index + 1
        let count = bytes.count
        while k < count && k - index <= 10 {
            let byte = bytes[k]
            if byte == UInt8(ascii: ";") { return k > index + 1 ? k + 1 : nil }
            guard asciiWordByte(byte) != nil || byte == UInt8(ascii: "#") else { return nil }
            k += 1
        }
        return nil
    }
}
