#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixed slots written by distinct workers at distinct indices, read after they finish:
/// how the stages collect the results of parallel work in input order.
public final class Slots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = PThreadMutex()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public func store(_ value: Value, at index: Int) {
        lock.withLock { storage[index] = value }
    }

    /// Every slot's value, in index order; each slot must have been stored.
    public func values() -> [Value] {
        lock.withLock { storage.map { $0! } }
    }
}

/// A pthread mutex, to keep Foundation out of the stages.
public final class PThreadMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
