/// Cleans catalog text on its UTF-8 bytes (fast enough for a million records):
/// whitespace runs collapse to one space, no-break spaces become spaces, soft hyphens
/// go, entities that catalogs escaped twice (`&amp;amp;`, `&lt;p&gt;`) are decoded,
/// and HTML tags pasted into abstracts are removed.
enum TextCleaner {
    /// One line: every whitespace run becomes a single space; trimmed.
    static func collapse(_ text: String) -> String {
        clean(text, keepParagraphs: false, stripMarkup: false)
    }

    /// A title or committee name: collapsed, with escaped entities decoded. Anything shaped
    /// like a tag stays as written (a title may well say `<img>`); outputs escape it.
    static func line(_ text: String) -> String {
        clean(text, keepParagraphs: false, stripMarkup: true, removesTags: false)
    }

    /// An abstract: paragraphs (newlines) kept, other whitespace collapsed,
    /// escaped entities decoded and pasted HTML tags removed.
    static func paragraphs(_ text: String) -> String {
        clean(text, keepParagraphs: true, stripMarkup: true)
    }

    private static func clean(_ text: String, keepParagraphs: Bool, stripMarkup: Bool, removesTags: Bool = true) -> String {
        if !needsWork(text.utf8, stripMarkup: stripMarkup) { return text }
        var text = text
        return text.withUTF8 { bytes in
            if stripMarkup, bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) {
                let entitiesDecoded = decodeEntities(Array(bytes))
                let decoded = removesTags ? removeTags(entitiesDecoded, paragraphBreaks: keepParagraphs) : entitiesDecoded
                return decoded.withUnsafeBufferPointer { collapse($0, keepParagraphs: keepParagraphs) }
            }
            return collapse(bytes, keepParagraphs: keepParagraphs)
        }
    }

    /// Collapses whitespace runs (to a newline when one of them is a line break and
    /// paragraphs are kept), turns no-break spaces into spaces, drops soft hyphens, trims.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, keepParagraphs: Bool) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            var pendingBreak = false
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    if keepParagraphs { pendingBreak = true } else { pendingSpace = true }
                    i += 1
                    continue
                }
                if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C {
                    pendingSpace = true
                    i += 1
                    continue
                }
                if b == 0xC2, i + 1 < n {
                    if bytes[i + 1] == 0xA0 { pendingSpace = true; i += 2; continue }   // no-break space
                    if bytes[i + 1] == 0xAD { i += 2; continue }                        // soft hyphen
                }
                if count > 0 {
                    if pendingBreak { out[count] = 0x0A; count += 1 } else if pendingSpace { out[count] = 0x20; count += 1 }
                }
                pendingSpace = false
                pendingBreak = false
                out[count] = b
                count += 1
                i += 1
            }
            return count
        }
    }

    private static func needsWork(_ utf8: String.UTF8View, stripMarkup: Bool) -> Bool {
        if let answer = utf8.withContiguousStorageIfAvailable({ needsWork(bytes: $0, stripMarkup: stripMarkup) }) {
            return answer
        }
        return Array(utf8).withUnsafeBufferPointer { needsWork(bytes: $0, stripMarkup: stripMarkup) }
    }

    private static func needsWork(bytes utf8: UnsafeBufferPointer<UInt8>, stripMarkup: Bool) -> Bool {
        var previousSpace = true // a leading space needs work
        for b in utf8 {
            if b > 0x3C && b != 0xC2 {
                previousSpace = false
                continue
            }
            switch b {
            case 0x20:
                if previousSpace { return true }
                previousSpace = true
                continue
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xC2: return true
            case UInt8(ascii: "&"), UInt8(ascii: "<"): if stripMarkup { return true }
            default: break
            }
            previousSpace = false
        }
        return previousSpace && !utf8.isEmpty
    }

    private static let entities: [(name: [UInt8], value: [UInt8])] = [
        ("amp;", "&"), ("lt;", "<"), ("gt;", ">"), ("quot;", "\""), ("apos;", "'"), ("#39;", "'"),
        ("nbsp;", "\u{A0}"), ("ndash;", "\u{2013}"), ("mdash;", "\u{2014}"), ("trade;", "\u{2122}"),
        ("reg;", "\u{AE}"), ("copy;", "\u{A9}"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Decodes the few named entities catalogs escape twice; repeats for `&amp;amp;`.
    private static func decodeEntities(_ bytes: [UInt8]) -> [UInt8] {
        var current = bytes
        for _ in 0..<3 {
            guard current.contains(UInt8(ascii: "&")) else { return current }
            var out: [UInt8] = []
            out.reserveCapacity(current.count)
            var changed = false
            var i = 0
            while i < current.count {
                if current[i] == UInt8(ascii: "&") {
                    var matched = false
                    for entity in entities where i + 1 + entity.name.count <= current.count {
                        if current[(i + 1)..<(i + 1 + entity.name.count)].elementsEqual(entity.name) {
                            out += entity.value
                            i += 1 + entity.name.count
                            matched = true
                            changed = true
                            break
                        }
                    }
                    if matched { continue }
                }
                out.append(current[i])
                i += 1
            }
            current = out
            if !changed { break }
        }
        return current
    }

    /// Removes `<tag …>` and `</tag>` (a letter or `/` right after `<`), and `<<ETX>>`
    /// transmission marks; `<p>`/`<br>` become paragraph breaks when asked.
    private static func removeTags(_ bytes: [UInt8], paragraphBreaks: Bool) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "<")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "<"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                let isTag = (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                let isMark = next == UInt8(ascii: "<")
                if isTag || isMark, let close = bytes[(i + 1)...].prefix(400).firstIndex(of: UInt8(ascii: ">")) {
                    var end = close + 1
                    if isMark, end < bytes.count, bytes[end] == UInt8(ascii: ">") { end += 1 }
                    if isTag, paragraphBreaks {
                        let name = bytes[(i + 1)..<close].prefix { $0 != 0x20 }
                        let lower = name.map { $0 | 0x20 }
                        if lower == Array("p".utf8) || lower == Array("/p".utf8) || lower.starts(with: Array("br".utf8)) {
                            out.append(0x0A)
                        } else {
                            out.append(0x20)
                        }
                    } else if isTag {
                        out.append(0x20)
                    }
                    i = end
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }
}
