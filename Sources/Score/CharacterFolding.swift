/// How the scanner treats one Unicode scalar outside ASCII.
enum ScalarClass {
    /// A letter folded to ASCII (é → e, ß → ss, œ → oe).
    case folded(StaticString)
    /// A combining mark: ignored, so decomposed accents fold like precomposed ones.
    case ignorable
    /// A hyphen that joins words (U+2010, U+2011).
    case hyphen
    /// A dash or bullet: separates words, and marks a list item at the start of a sentence.
    case dash
    /// Punctuation, spaces and symbols: separates words.
    case separator
    /// Any other letter (Greek, Cyrillic, CJK…): kept as it is.
    case letter
}

enum CharacterFolding {
    static func classify(_ scalar: UInt32) -> ScalarClass {
        switch scalar {
        case 0x0300...0x036F: return .ignorable
        case 0x2010, 0x2011: return .hyphen
        case 0x2012...0x2015, 0x2022, 0x2043, 0x2212: return .dash
        case 0x00A0...0x00BF, 0x00D7, 0x00F7, 0x2000...0x200F, 0x2016...0x2021, 0x2023...0x2042,
             0x2044...0x2211, 0x2213...0x2BFF, 0x3000...0x303F, 0xFE00...0xFE0F, 0xFEFF, 0xFFFD:
            return .separator
        case 0x00C0...0x017F:
            if let folded = latin[Int(scalar - 0xC0)] { return .folded(folded) }
            return .separator
        default:
            return .letter
        }
    }

    /// U+00C0…U+017F folded to lower-case ASCII; nil for the two symbols in that range.
    private static let latin: [StaticString?] = [
        // U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        // U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",
        // U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        // U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",
        // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        // U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]
}
