#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `memcmp` order of two byte strings, the shorter first on a common prefix: negative, zero or
/// positive. The order of the ids in every output, and SQLite's BINARY collation.
@inlinable
public func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let shared = Swift.min(a.count, b.count)
    if shared > 0 {
        let order = memcmp(a.baseAddress!, b.baseAddress!, shared)
        if order != 0 { return Int(order) }
    }
    return a.count - b.count
}

extension String {
    /// Whether `self` sorts before `other` by their UTF-8 bytes (``compareBytes(_:_:)``): far
    /// cheaper than `<`, which compares in Unicode canonical order, Character by Character.
    @inlinable
    public func precedesInByteOrder(_ other: String) -> Bool {
        if let answer = other.utf8.withContiguousStorageIfAvailable({ compareBytes(to: $0) < 0 }) {
            return answer
        }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// ``compareBytes(_:_:)`` of this string's UTF-8 against `bytes`.
    @inlinable
    public func compareBytes(to bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let order = utf8.withContiguousStorageIfAvailable({ LandscapeModel.compareBytes($0, bytes) }) {
            return order
        }
        var copy = self
        return copy.withUTF8 { LandscapeModel.compareBytes($0, bytes) }
    }
}
