import Testing
@testable import Score

/// The scorer's lookup table and the deduplication of a text's learned features.
@Suite("Hash table")
struct HashTableTests {
    /// Keys spread like the scorer's (FNV-1a of words), and their neighbours, which are absent.
    static func keys(_ count: Int) -> [UInt64] {
        (0..<count).map { index in Array("word\(index)".utf8).withUnsafeBufferPointer { wordHash($0) } }
    }

    @Test func findsEveryStoredKeyAndNoOtherAcrossGrowth() {
        let stored = Self.keys(5_000)
        var table = HashTable64(minimumCapacity: 16) // grows ten times on the way
        for (value, key) in stored.enumerated() { table.set(Int32(value), for: key) }
        #expect(table.count == stored.count)
        table.withLookup { lookup in
            for (value, key) in stored.enumerated() { #expect(lookup.value(for: key) == Int32(value)) }
        }
        // Absent keys: every one misses, whether the filter or the probe turns it away.
        let absent = (0..<20_000).map { index in Array("other\(index)".utf8).withUnsafeBufferPointer { wordHash($0) } }
        #expect(absent.allSatisfy { table.value(for: $0) == -1 })
        // A key stored again keeps one slot and takes the new value.
        table.set(7, for: stored[3])
        #expect(table.count == stored.count)
        #expect(table.value(for: stored[3]) == 7)
    }

    @Test func keysThatShareASlotOrAFilterBitStayApart() {
        // Keys that differ only in their high bits (the filter bit comes from the high half of
        // the mixed hash, the slot from the low half): each found, a fourth one missed.
        var table = HashTable64()
        table.set(1, for: 0x0000_0001_0000_0000)
        table.set(2, for: 0x0000_0002_0000_0000)
        table.set(3, for: 0)
        #expect(table.value(for: 0x0000_0001_0000_0000) == 1)
        #expect(table.value(for: 0x0000_0002_0000_0000) == 2)
        #expect(table.value(for: 0) == 3)
        #expect(table.value(for: 0x0000_0003_0000_0000) == -1)
    }

    @Test func aTextsFeaturesAreKeptOnceInAscendingOrder() {
        func sortedUnique(_ features: [Int32]) -> [Int32] {
            var sorted = features
            LearnedHits.sortUnique(&sorted)
            return sorted
        }
        #expect(sortedUnique([]) == [])
        #expect(sortedUnique([4]) == [4])
        #expect(sortedUnique([5, 1, 5, 3, 1, 1]) == [1, 3, 5])
        // Past 64 the general sort takes over: the same answer.
        let many = (0..<300).map { Int32(($0 * 37) % 101) }
        #expect(sortedUnique(many) == Array(Set(many)).sorted())
        let few = Array(many.prefix(60))
        #expect(sortedUnique(few) == Array(Set(few)).sorted())

        // With the words kept (`explain`): each feature with the words of its first occurrence.
        var hits = LearnedHits(keepsText: true)
        for (feature, words) in [(5, "e"), (1, "a"), (5, "E again"), (3, "c"), (1, "A again")] {
            hits.append(Int32(feature), matched: words)
        }
        hits.deduplicate()
        #expect(hits.features == [1, 3, 5])
        #expect(hits.matched == ["a", "c", "e"])
    }
}
