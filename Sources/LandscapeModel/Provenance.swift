#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// For `explain`: where each field of a ``Standard`` came from, keyed by field name
/// (`stage` → `custom-meta stage, … "60.60" (std-meta at catalog-003.xml.gz:1812)`).
///
/// Read and written like a `[String: String]`, but stored compactly: every standard of a
/// million-record run carries half a dozen of these notes, and as a dictionary of separate
/// strings they were the largest part of a standard's memory. The entries share one byte
/// buffer, and the file they name (nearly always the standard's own file, a long path
/// repeated in every note) is kept once and written as a one-byte mark.
public struct Provenance: Sendable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// `key US value RS` for each entry, in the order the entries were first set.
    private var packed: [UInt8] = []
    /// The file that values mention most; empty when none was given.
    private var file: String = ""

    private static let unitSeparator: UInt8 = 0x1F
    private static let recordSeparator: UInt8 = 0x1E
    /// Stands for ``file`` inside values. XML text cannot contain it (nor the separators).
    private static let fileMark: UInt8 = 0x02

    /// An empty provenance whose values will mostly mention `file`.
    public init(file: String = "") {
        self.file = file
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The note for `key`, or nil. Setting nil removes the entry.
    public subscript(key: String) -> String? {
        get {
            guard let range = valueRange(of: key) else { return nil }
            return expand(packed[range])
        }
        set {
            if let range = valueRange(of: key) {
                // Remove the whole entry: key, separator, value and terminator.
                let keyLength = key.utf8.count
                packed.removeSubrange((range.lowerBound - keyLength - 1)...range.upperBound)
            }
            guard let newValue else { return }
            // Exactly the room needed: a standard keeps its notes for the whole run.
            packed.reserveCapacity(packed.count + key.utf8.count + newValue.utf8.count + 2)
            packed.append(contentsOf: key.utf8)
            packed.append(Self.unitSeparator)
            appendCompacted(newValue)
            packed.append(Self.recordSeparator)
        }
    }

    /// The field names that have a note, in the order they were first set.
    public var keys: [String] {
        var result: [String] = []
        var start = 0
        while start < packed.count {
            guard let separator = packed[start...].firstIndex(of: Self.unitSeparator),
                  let end = packed[separator...].firstIndex(of: Self.recordSeparator) else { break }
            result.append(String(decoding: packed[start..<separator], as: UTF8.self))
            start = end + 1
        }
        return result
    }

    /// Every note, as a dictionary.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for key in keys { result[key] = self[key] }
        return result
    }

    public var isEmpty: Bool { packed.isEmpty }

    public var description: String { dictionary.description }

    // MARK: Storage

    /// Where the value of `key` lies in ``packed``.
    private func valueRange(of key: String) -> Range<Int>? {
        packed.withUnsafeBufferPointer { bytes -> Range<Int>? in
            var key = key
            return key.withUTF8 { keyBytes -> Range<Int>? in
                var start = 0
                let count = bytes.count
                while start < count {
                    var separator = start
                    while separator < count, bytes[separator] != Self.unitSeparator { separator += 1 }
                    var end = separator
                    while end < count, bytes[end] != Self.recordSeparator { end += 1 }
                    guard end < count else { return nil }
                    if separator - start == keyBytes.count,
                       zip(bytes[start..<separator], keyBytes).allSatisfy({ $0 == $1 }) {
                        return (separator + 1)..<end
                    }
                    start = end + 1
                }
                return nil
            }
        }
    }

    /// Appends `value` with each occurrence of ``file`` replaced by the mark.
    private mutating func appendCompacted(_ value: String) {
        var value = value
        var file = self.file
        value.withUTF8 { bytes in
            file.withUTF8 { fileBytes in
                guard fileBytes.count > 1, bytes.count >= fileBytes.count else {
                    packed.append(contentsOf: bytes)
                    return
                }
                let first = fileBytes[0]
                var copiedUpTo = 0
                var index = 0
                let last = bytes.count - fileBytes.count
                while index <= last {
                    if bytes[index] == first,
                       memcmp(bytes.baseAddress! + index, fileBytes.baseAddress!, fileBytes.count) == 0 {
                        packed.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<index]))
                        packed.append(Self.fileMark)
                        index += fileBytes.count
                        copiedUpTo = index
                        continue
                    }
                    index += 1
                }
                packed.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
            }
        }
    }

    /// A stored value with the mark written out as ``file``.
    private func expand(_ stored: ArraySlice<UInt8>) -> String {
        guard stored.contains(Self.fileMark) else { return String(decoding: stored, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(stored.count + file.utf8.count)
        for byte in stored {
            if byte == Self.fileMark { bytes.append(contentsOf: file.utf8) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
