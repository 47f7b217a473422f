extension String {
    /// `contains(needle)` for an ASCII needle, searched on the UTF-8 bytes when the text is
    /// ASCII as well (catalog codes and IEEE titles nearly always are). Text with other
    /// characters takes the standard library's Character-based search, so that the answer
    /// is the same either way (a combining mark after a match changes the last Character).
    func containsASCII(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        var text = self
        let answer: Bool? = text.withUTF8 { bytes -> Bool? in
            var isASCII = true
            for byte in bytes where byte >= 0x80 { isASCII = false; break }
            guard isASCII else { return nil }
            guard count > 0 else { return true }
            guard bytes.count >= count else { return false }
            let pattern = needle.utf8Start
            let first = pattern[0]
            var index = 0
            let last = bytes.count - count
            while index <= last {
                if bytes[index] == first {
                    var k = 1
                    while k < count && bytes[index + k] == pattern[k] { k += 1 }
                    if k == count { return true }
                }
                index += 1
            }
            return false
        }
        if let answer { return answer }
        return contains(needle.description)
    }
}
