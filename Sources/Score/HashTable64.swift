/// An open-addressing map from 64-bit keys to 32-bit values, for the scorer's hot loop:
/// a lookup is one hash, a few array reads and no allocation.
struct HashTable64: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always) fileprivate static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var h = key
        h ^= h >> 33
        h &*= 0xff51afd7ed558ccd
        h ^= h >> 33
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The table's storage for lookups without reference counting, valid inside `body`.
    func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try keys.withUnsafeBufferPointer { keys in
            try values.withUnsafeBufferPointer { values in try body(Lookup(keys: keys, values: values, mask: mask)) }
        }
    }

    struct Lookup {
        let keys: UnsafeBufferPointer<UInt64>
        let values: UnsafeBufferPointer<Int32>
        let mask: Int

        @inline(__always) func value(for key: UInt64) -> Int32 {
            var i = HashTable64.slot(key, mask)
            while true {
                let v = values[i]
                if v < 0 { return -1 }
                if keys[i] == key { return v }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always) func value(for key: UInt64) -> Int32 {
        var i = Self.slot(key, mask)
        while true {
            let v = values[i]
            if v < 0 { return -1 }
            if keys[i] == key { return v }
            i = (i + 1) & mask
        }
    }

    /// Stores `value` (≥ 0) for `key`, replacing an earlier value.
    mutating func set(_ value: Int32, for key: UInt64) {
        precondition(value >= 0)
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while values[i] >= 0 {
            if keys[i] == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where value >= 0 { set(value, for: key) }
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
