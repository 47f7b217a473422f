/// A value kept in one shared box and copied on its first write while shared: how the
/// model's large values (``Standard``, ``RawLayer``) keep a copy down to one reference.
///
/// A standard passes through arrays of candidates, standards, scored standards and
/// snapshots; at a million records, copying twenty-odd fields per copy was what made the
/// pipeline slow and large. Reads borrow the field in place; writes go to a box that no
/// other value (or thread) can reach.
@dynamicMemberLookup
public struct CopyOnWrite<Value: Sendable>: Sendable {
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var value: Value

        @inlinable init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ value: Value) { box = Box(value) }

    /// The whole value.
    @inlinable public var value: Value {
        _read { yield box.value }
        _modify {
            makeUnique()
            yield &box.value
        }
    }

    @inlinable public subscript<Field>(dynamicMember field: WritableKeyPath<Value, Field>) -> Field {
        _read { yield box.value[keyPath: field] }
        _modify {
            makeUnique()
            yield &box.value[keyPath: field]
        }
    }

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
    }
}

/// A text let go after reading, kept as what a later stage extracted from it (see
/// ``Standard/Fields/condensedAbstract``). The stage that made it is the one that reads it.
public protocol CondensedText: Sendable {
    /// The text's length in UTF-8 bytes.
    var byteCount: Int { get }
}
