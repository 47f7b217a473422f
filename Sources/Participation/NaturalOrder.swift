/// Orders references as people read them: `ISO/TC 2` before `ISO/TC 10`.
enum NaturalOrder {
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        let left = runs(lhs), right = runs(rhs)
        for (a, b) in zip(left, right) where a != b {
            if let x = Int(a), let y = Int(b), x != y { return x < y }
            return a < b
        }
        return left.count != right.count ? left.count < right.count : lhs < rhs
    }

    /// Alternating runs of digits and non-digits.
    private static func runs(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var digits = false
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if !current.isEmpty, isDigit != digits {
                runs.append(current)
                current = ""
            }
            current.append(character)
            digits = isDigit
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
