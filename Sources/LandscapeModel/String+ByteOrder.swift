#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `self` sorts before `other` by their UTF-8 bytes: the order of the ids in
    /// every output, and far cheaper than `<` (which compares in Unicode canonical order,
    /// Character by Character).
    @inlinable
    public func precedesInByteOrder(_ other: String) -> Bool {
        if let answer = utf8.withContiguousStorageIfAvailable({ a in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let shared = Swift.min(a.count, b.count)
                if shared > 0 {
                    let order = memcmp(a.baseAddress!, b.baseAddress!, shared)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }), let answer {
            return answer
        }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}
