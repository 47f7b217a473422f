import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work spread over the cores, with its results in input order: the one way the stages
/// run in parallel.
public enum Parallel {
    /// The processors online (at least one).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `transform` of each of `parts` contiguous, equal ranges of `0..<total` (the last ones
    /// may be shorter or empty), run at once; the results in range order.
    public static func mapRanges<Result: Sendable>(
        of total: Int, parts: Int, sequentially: Bool = false, _ transform: @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        let parts = max(1, parts)
        let size = (total + parts - 1) / parts
        return map(count: parts, workers: sequentially ? 1 : parts) { part in
            transform(min(part * size, total)..<min((part + 1) * size, total))
        }
    }

    /// `transform` of each of `ranges` ranges of `0..<total` of `size` elements (the last one shorter).
    public static func mapRanges<Result: Sendable>(
        of total: Int, size: Int, sequentially: Bool = false, _ transform: @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        let count = (total + size - 1) / size
        return map(count: count, workers: sequentially ? 1 : count) { part in
            transform(part * size..<min(total, (part + 1) * size))
        }
    }

    /// `transform` of every index of `0..<count` on at most `workers` threads, which take the
    /// indices in `order` (all of them, each once; by default ascending); the results in
    /// index order.
    public static func map<Result: Sendable>(
        count: Int, workers: Int, order: [Int]? = nil, _ transform: @Sendable (Int) -> Result
    ) -> [Result] {
        let results = Slots<Result>(count: count)
        let workers = min(max(1, workers), count)
        if workers <= 1 {
            for index in order ?? Array(0..<count) { results.store(transform(index), at: index) }
            return results.values()
        }
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let position = next.take(below: count) {
                let index = order?[position] ?? position
                results.store(transform(index), at: index)
            }
        }
        return results.values()
    }

    /// Runs two pieces of work at once and returns both results.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let a = Slots<A>(count: 1)
        let b = Slots<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { a.store(first(), at: 0) } else { b.store(second(), at: 0) }
        }
        return (a.values()[0], b.values()[0])
    }
}

/// Work started on another thread now, whose result is collected later with ``wait()``.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// Blocks until the work has finished; call it once.
    public func wait() -> Value {
        done.wait()
        return value!
    }
}

/// Hands out 0, 1, 2… to competing workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = PThreadMutex()

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

extension ContinuousClock.Instant {
    /// Seconds from `start` to this instant.
    public func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = start.duration(to: self)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
