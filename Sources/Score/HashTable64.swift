/// An open-addressing map from 64-bit keys to 32-bit values, for the scorer's hot loop:
/// a lookup is one hash, a few reads of adjacent slots and no allocation. Each slot keeps its
/// key beside its value, so that a probe touches one cache line, not one in each of two
/// arrays; and a bit per key in a small filter (16 bits per key, one bit set per key) answers
/// most lookups of absent keys — most words and word pairs of a text — without touching the
/// slots at all, which for a large table are mostly out of cache.
struct HashTable64: Sendable {
    struct Slot: Sendable {
        var key: UInt64 = 0
        /// -1: empty.
        var value: Int32 = -1
    }

    private var slots: [Slot]
    private var mask: Int
    /// One bit per possible key hash: set when a key with that hash is stored.
    private var filter: [UInt64]
    private var filterMask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        (filter, filterMask) = Self.emptyFilter(forSlots: size)
    }

    /// 8 filter bits per slot, so 16 or more per key.
    private static func emptyFilter(forSlots size: Int) -> ([UInt64], Int) {
        let bits = size * 8
        return (Array(repeating: 0, count: bits / 64), bits - 1)
    }

    @inline(__always) fileprivate static func mix(_ key: UInt64) -> UInt64 {
        var h = key
        h ^= h >> 33
        h &*= 0xff51afd7ed558ccd
        h ^= h >> 33
        return h
    }

    /// The filter bit of a mixed hash: from its high bits, the slot from its low ones.
    @inline(__always) fileprivate static func filterBit(_ mixed: UInt64, _ filterMask: Int) -> Int {
        Int(truncatingIfNeeded: mixed >> 32) & filterMask
    }

    /// The table's storage for lookups without reference counting, valid inside `body`.
    func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try slots.withUnsafeBufferPointer { slots in
            try filter.withUnsafeBufferPointer { filter in
                try body(Lookup(slots: slots, mask: mask, filter: filter, filterMask: filterMask))
            }
        }
    }

    struct Lookup {
        let slots: UnsafeBufferPointer<Slot>
        let mask: Int
        let filter: UnsafeBufferPointer<UInt64>
        let filterMask: Int

        @inline(__always) func value(for key: UInt64) -> Int32 {
            HashTable64.find(key, slots: slots, mask: mask, filter: filter, filterMask: filterMask)
        }
    }

    @inline(__always) func value(for key: UInt64) -> Int32 {
        withLookup { $0.value(for: key) }
    }

    @inline(__always) fileprivate static func find(_ key: UInt64, slots: UnsafeBufferPointer<Slot>, mask: Int,
                                                   filter: UnsafeBufferPointer<UInt64>, filterMask: Int) -> Int32 {
        let mixed = mix(key)
        let bit = filterBit(mixed, filterMask)
        if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return -1 }
        var i = Int(truncatingIfNeeded: mixed) & mask
        while true {
            let entry = slots[i]
            if entry.value < 0 { return -1 }
            if entry.key == key { return entry.value }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` (≥ 0) for `key`, replacing an earlier value.
    mutating func set(_ value: Int32, for key: UInt64) {
        precondition(value >= 0)
        if (count + 1) * 2 > slots.count { grow() }
        let mixed = Self.mix(key)
        var i = Int(truncatingIfNeeded: mixed) & mask
        while slots[i].value >= 0 {
            if slots[i].key == key { slots[i].value = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value)
        let bit = Self.filterBit(mixed, filterMask)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        (filter, filterMask) = Self.emptyFilter(forSlots: slots.count)
        count = 0
        for entry in old where entry.value >= 0 { set(entry.value, for: entry.key) }
    }
}

/// FNV-1a over a word's bytes.
@inline(__always) func wordHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf29ce484222325
    for byte in bytes {
        h ^= UInt64(byte)
        h &*= 0x100000001b3
    }
    return h
}
