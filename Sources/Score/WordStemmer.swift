/// Reduces a folded (lower-case ASCII) word to a light stem so that the usual English word
/// forms of a vocabulary term meet the forms found in titles and abstracts.
///
/// The rules are deliberately few and predictable (no dictionary, no Porter-style
/// derivational suffixes that would merge "general" with "generalization"):
/// 1. plurals: `-ies` → `-y`, `-sses` → `-ss`, `-xes/-ches/-shes` → drop `es`, else a final
///    `s` is dropped unless the word ends in `ss`, `us`, `is` or `as` (process, status,
///    analysis, bias);
/// 2. verb forms: `-ied` → `-y`, `-ing` and `-ed` dropped when at least four letters
///    remain, then a doubled final consonant other than l, s, z is undoubled
///    (embedded → embed);
/// 3. a final `e` is dropped from words of five letters or more (secure/secured,
///    biases/bias, include/included);
/// 4. British spellings: `-isation` → `-ization`, a final `-is` left by rules 2–3 → `-iz`
///    (anonymised/anonymized), `-our` → `-or` (behaviour/behavior).
///
/// Words of three letters or fewer are left alone. The same function runs over the
/// vocabulary and over the text, so it only has to be consistent, not linguistically exact.
enum WordStemmer {
    /// Stems the `count` bytes at `word` in place; returns the new length.
    static func stem(_ word: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var n = count
        guard n > 3 else { return n }
        // Most words end in a letter no rule looks at.
        switch word[n - 1] {
        case UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "g"), UInt8(ascii: "e"), UInt8(ascii: "r"), UInt8(ascii: "n"):
            break
        default:
            return n
        }
        @inline(__always) func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard n >= length else { return false }
            let pointer = suffix.utf8Start
            for k in 0..<length where word[n - length + k] != pointer[k] { return false }
            return true
        }
        let y = UInt8(ascii: "y"), s = UInt8(ascii: "s"), e = UInt8(ascii: "e"), z = UInt8(ascii: "z")

        // 1. Plurals.
        if n > 4 && ends("ies") {
            n -= 2; word[n - 1] = y
        } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") {
            n -= 2
        } else if word[n - 1] == s && !ends("ss") && !ends("us") && !ends("is") && !ends("as") {
            n -= 1
        }

        // 2. Verb forms.
        var strippedSuffix = false
        if n > 4 && ends("ied") {
            n -= 2; word[n - 1] = y
        } else if n > 6 && ends("ing") {
            n -= 3; strippedSuffix = true
        } else if n > 5 && ends("ed") && !ends("eed") {
            n -= 2; strippedSuffix = true
        }
        if strippedSuffix && n >= 2 && word[n - 1] == word[n - 2] && isUndoublable(word[n - 1]) {
            n -= 1
        }

        // 3. Final e (not in four-letter words: "safe" must not meet the acronym "SAF").
        if n > 4 && word[n - 1] == e {
            n -= 1; strippedSuffix = true
        }

        // 4. British spellings.
        if ends("isation") {
            word[n - 6] = z
        } else if strippedSuffix && n > 5 && ends("is") {
            word[n - 1] = z
        } else if n > 5 && ends("our") {
            word[n - 2] = UInt8(ascii: "r"); n -= 1
        }
        return n
    }

    /// Stems an array in place (for tests and the vocabulary).
    static func stem(_ word: inout [UInt8]) {
        guard word.count > 3 else { return }
        let n = word.withUnsafeMutableBufferPointer { stem($0.baseAddress!, count: $0.count) }
        word.removeLast(word.count - n)
    }

    private static func isUndoublable(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "g"), UInt8(ascii: "m"), UInt8(ascii: "n"),
             UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }
}
