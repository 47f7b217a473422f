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
/// skipped, block tags and line breaks (paragraphs) end a sentence; `;` separates list
/// entries and keywords, so no
/// phrase matches across it; a hyphen between two words also offers the two as one word.
final class TokenScanner {
    /// Words longer than this are not vocabulary words (chemical names, URLs, base64).
    static let maximumWordBytes = 64

    // Fixed buffers, reused for every word: the hot loop never allocates.
    private let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: TokenScanner.maximumWordBytes + 8)
    private let compoundBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * TokenScanner.maximumWordBytes + 16)
    @exclusivity(unchecked) private(set) var sentences: [SentenceShape] = []

    init() {}

    deinit {
        raw.deallocate()
        compoundBuffer.deallocate()
    }

    /// Scans one field's text, calling `body` for every word.
    func scan(_ text: String, _ body: (TokenEvent) -> Void) {
        var text = text
        text.withUTF8 { bytes in scan(bytes: bytes, body) }
    }

    private func scan(bytes: UnsafeBufferPointer<UInt8>, _ body: (TokenEvent) -> Void) {
        let raw = self.raw, compoundBuffer = self.compoundBuffer
        let rawCapacity = Self.maximumWordBytes + 8
        var rawCount = 0
        var sentences = self.sentences
        sentences.removeAll(keepingCapacity: true)
        defer { self.sentences = sentences }
        @inline(__always) func appendRaw(_ byte: UInt8) {
            if rawCount < rawCapacity { raw[rawCount] = byte }
            rawCount += 1
        }
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
        var previousEnd = 0
        var previousWasJoinable = false

        @inline(__always) func finishWord() {
            guard tokenStart >= 0 else { return }
            defer { tokenStart = -1; rawCount = 0 }
            let length = rawCount
            if wordsInSentence == 0 { firstWordLength = length }
            wordsInSentence += 1
            sentenceStartPending = false
            lastWasColon = false
            guard length <= Self.maximumWordBytes else {
                position += 1; joinPending = false; previousWasJoinable = false
                return
            }
            // The compound ("de-identification" as "deidentification") is rare: fold both
            // words again from the text rather than keep a copy of every previous word.
            let compound = joinPending && previousWasJoinable
            var compoundCount = 0
            if compound {
                compoundCount = Self.fold(bytes, from: Int(previousStart), to: previousEnd, into: compoundBuffer)
                compoundCount += Self.fold(bytes, from: tokenStart, to: tokenEnd, into: compoundBuffer + compoundCount)
                compoundCount = WordStemmer.stem(compoundBuffer, count: compoundCount)
            }
            let stemCount = WordStemmer.stem(raw, count: length)
            body(TokenEvent(stem: UnsafeBufferPointer(start: raw, count: stemCount),
                            compoundStem: compound ? UnsafeBufferPointer(start: compoundBuffer, count: compoundCount) : nil,
                            position: position, sentence: sentence,
                            start: Int32(tokenStart), end: Int32(tokenEnd), compoundStart: previousStart))
            previousStart = Int32(tokenStart)
            previousEnd = tokenEnd
            previousWasJoinable = true
            joinPending = false
            position += 1
        }

        @inline(__always) func breakSentence() {
            finishWord()
            previousWasJoinable = false
            joinPending = false
            guard wordsInSentence > 0 else { return }
            current.endsWithColon = lastWasColon
            sentences.append(current)
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
                if Self.asciiWordByte(byte) != nil {
                    // A run of ASCII letters and digits, copied lower-cased in one go.
                    if tokenStart < 0 { tokenStart = index }
                    var end = index
                    while end < count {
                        let next = bytes[end]
                        let folded = next | 0x20
                        if folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z") {
                            if rawCount < rawCapacity { raw[rawCount] = folded }
                        } else if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                            if rawCount < rawCapacity { raw[rawCount] = next }
                        } else {
                            break
                        }
                        rawCount += 1
                        end += 1
                    }
                    tokenEnd = end
                    index = end
                    continue
                }
                let wordJustEnded = tokenStart >= 0
                finishWord()
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
                    let isAbbreviation = wordJustEnded && Self.isAbbreviation(bytes, from: Int(previousStart), to: previousEnd)
                    if !isAbbreviation && (next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")
                        || next == UInt8(ascii: "\t") || next == UInt8(ascii: "<")) {
                        breakSentence()
                    } else {
                        previousWasJoinable = false
                    }
                case UInt8(ascii: "!"), UInt8(ascii: "?"):
                    breakSentence()
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
                case UInt8(ascii: "\n"):
                    // Normalized abstracts keep paragraphs as line breaks.
                    breakSentence()
                case UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    previousWasJoinable = false
                case UInt8(ascii: "<"):
                    if let (end, isBlock) = Self.tag(bytes, at: index) {
                        if isBlock { breakSentence() } else { previousWasJoinable = false }
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
                for k in 0..<folded.utf8CodeUnitCount { appendRaw(pointer[k]) }
                tokenEnd = index + length
            case .letter:
                if tokenStart < 0 { tokenStart = index }
                for k in 0..<length { appendRaw(bytes[index + k]) }
                tokenEnd = index + length
            case .ignorable:
                if tokenStart >= 0 { tokenEnd = index + length }
            case .hyphen:
                let wordJustEnded = tokenStart >= 0
                finishWord()
                if wordJustEnded && index + length < count && Self.startsWord(bytes, at: index + length) {
                    joinPending = true
                } else {
                    previousWasJoinable = false
                }
            case .dash:
                finishWord()
                if sentenceStartPending { current.isListItem = true }
                previousWasJoinable = false
                lastWasColon = false
            case .separator:
                finishWord()
                previousWasJoinable = false
            }
            index += length
        }
        breakSentence()
    }

    /// A period after these does not end the sentence ("e.g. physical, IT-security").
    private static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end]).lazy.map { $0 | 0x20 }
        switch end - start {
        case 1: return true
        case 2: return word.elementsEqual("cf".utf8) || word.elementsEqual("vs".utf8) || word.elementsEqual("no".utf8)
        case 3: return word.elementsEqual("etc".utf8) || word.elementsEqual("fig".utf8) || word.elementsEqual("ref".utf8)
        default: return false
        }
    }

    /// Folds the word at `start..<end` of the text into `target`, as the scan does; returns
    /// the number of bytes written (at most `maximumWordBytes` + 8).
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                             into target: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        let limit = maximumWordBytes + 8
        var index = start
        while index < end && written < limit {
            let byte = bytes[index]
            if byte < 0x80 {
                if let lower = asciiWordByte(byte) { target[written] = lower; written += 1 }
                index += 1
                continue
            }
            let (scalar, length) = decode(bytes, at: index)
            switch CharacterFolding.classify(scalar) {
            case .folded(let folded):
                let pointer = folded.utf8Start
                for k in 0..<folded.utf8CodeUnitCount where written < limit { target[written] = pointer[k]; written += 1 }
            case .letter:
                for k in 0..<length where written < limit { target[written] = bytes[index + k]; written += 1 }
            default:
                break
            }
            index += length
        }
        return written
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
