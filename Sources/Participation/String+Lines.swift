extension String {
    /// The text's lines, split at `\n` with a trailing `\r` removed (a `\r\n` pair is one
    /// `Character` in Swift, so splitting on the character `"\n"` would miss it).
    var lines: [Substring] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let text = Substring(line)
            return text.hasSuffix("\r") ? text.dropLast() : text
        }
    }
}
