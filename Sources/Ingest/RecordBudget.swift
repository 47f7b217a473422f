import LandscapeModel

/// How many records a run keeps, in all and from one file: the run's memory ceiling.
///
/// Memory grows with the records kept (each becomes a standard with its evidence), not
/// with the bytes read, so bounding the records bounds the run. What lies beyond a bound is
/// not read and is quarantined with the reason.
public struct RecordLimits: Sendable, Hashable {
    /// Records kept in the whole run.
    public var total: Int
    /// Records kept from one file.
    public var perFile: Int

    public init(total: Int = 1_100_000, perFile: Int = 1_000_000) {
        self.total = total
        self.perFile = perFile
    }
}

/// The records the run may still keep, shared by the reading workers. Workers take their
/// share in batches, so that the lock is seldom taken.
final class RecordBudget: @unchecked Sendable {
    let limits: RecordLimits
    private var remaining: Int
    private let lock = PThreadMutex()

    init(_ limits: RecordLimits) {
        self.limits = limits
        remaining = limits.total
    }

    var isExhausted: Bool { lock.withLock { remaining <= 0 } }

    /// The run's bound, as quarantine reasons name it.
    var runBound: String { "limit exceeded: the run keeps at most \(limits.total) records (limits.max_records)" }

    /// Up to `count` records, fewer when the run is near its bound.
    fileprivate func take(_ count: Int) -> Int {
        lock.withLock {
            let granted = min(count, max(0, remaining))
            remaining -= granted
            return granted
        }
    }

    fileprivate func giveBack(_ count: Int) {
        lock.withLock { remaining += count }
    }

    /// One file's allowance: the per-file bound, drawn from the run's budget as needed.
    func allowance() -> Allowance { Allowance(budget: self) }

    struct Allowance {
        let budget: RecordBudget
        private var held = 0
        /// Records this file has kept.
        private(set) var kept = 0
        /// Which bound stopped the file, if one did.
        private(set) var exceeded: Bound?

        enum Bound { case file, run }

        init(budget: RecordBudget) { self.budget = budget }

        /// Whether one more record may be kept; false once a bound is reached (see ``exceeded``).
        mutating func take() -> Bool {
            guard exceeded == nil else { return false }
            guard kept < budget.limits.perFile else {
                exceeded = .file
                return false
            }
            if held == 0 {
                held = budget.take(min(1024, budget.limits.perFile - kept))
                guard held > 0 else {
                    exceeded = .run
                    return false
                }
            }
            held -= 1
            kept += 1
            return true
        }

        /// Returns what was taken and not used.
        mutating func finish() {
            budget.giveBack(held)
            held = 0
        }

        /// The quarantine reason for the records left out.
        var reason: String? {
            switch exceeded {
            case .file?: "limit exceeded: more than \(budget.limits.perFile) records in this file (limits.max_records_per_file); \(kept) kept, the rest of the file is not read"
            case .run?: "\(budget.runBound); \(kept) kept from this file, the rest is not read"
            case nil: nil
            }
        }
    }
}
