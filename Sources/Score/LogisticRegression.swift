import Foundation

/// L2-regularised logistic regression, fitted by Newton's method (each step solved by
/// conjugate gradients) with a backtracking line search: deterministic (every sum runs in a
/// fixed order, nothing is random), exact to the tolerance on the problems of the scorer (a
/// few thousand sparse features, a few thousand rows).
///
/// Minimises `(1/n) Σ_i [log(1 + exp(z_i)) − y_i z_i] + λ Σ_j w_j²` (or `λ Σ_j (w_j − m_j)²`,
/// shrinking towards prior means `m_j` rather than 0) with
/// `z_i = b + Σ_j w_j x_ij`; the intercept `b` is not penalised (but for a negligible 1e-8
/// that keeps it finite when every target is 0 or every target is 1). Targets may be
/// fractional (in [0, 1]).
public struct LogisticRegression: Sendable {
    /// A row as (feature index, value) pairs.
    public typealias Row = [(index: Int, value: Double)]

    public var intercept: Double
    public var weights: [Double]
    /// Newton steps taken.
    public var iterations: Int

    public init(intercept: Double, weights: [Double], iterations: Int = 0) {
        self.intercept = intercept
        self.weights = weights
        self.iterations = iterations
    }

    /// The logit of a row.
    public func logit(_ row: Row) -> Double {
        var z = intercept
        for (index, value) in row { z += weights[index] * value }
        return z
    }

    /// The probability of a row.
    public func probability(_ row: Row) -> Double { ScoringModel.sigmoid(logit(row)) }

    /// `log(1 + exp(z))` without overflow.
    static func softplus(_ z: Double) -> Double { z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)) }

    /// Mean log-loss of rows against targets (the objective without the penalty).
    public func logLoss(_ rows: [Row], _ targets: [Double]) -> Double {
        guard !rows.isEmpty else { return 0 }
        var total = 0.0
        for (row, y) in zip(rows, targets) {
            let z = logit(row)
            total += Self.softplus(z) - y * z
        }
        return total / Double(rows.count)
    }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - rows: sparse feature rows; indices in `0..<featureCount`.
    ///   - targets: per row, in [0, 1].
    ///   - lambda: the L2 strength.
    public static func fit(rows: [Row], targets: [Double], featureCount: Int, lambda: Double,
                           maxIterations: Int = 100, tolerance: Double = 1e-10) -> LogisticRegression {
        fit(SparseRows(rows, featureCount: featureCount), targets: targets, lambda: lambda,
            maxIterations: maxIterations, tolerance: tolerance)
    }

    /// Rows in compressed form (every row's pairs one after the other): what the optimiser
    /// walks, once per gradient and once per Hessian-vector product.
    public struct SparseRows: Sendable {
        public let featureCount: Int
        /// Row `i` holds `indices[starts[i]..<starts[i + 1]]`.
        var starts: [Int]
        var indices: [Int32]
        var values: [Double]

        public var count: Int { starts.count - 1 }

        public init(_ rows: [Row], featureCount: Int) {
            self.featureCount = featureCount
            var starts = [0]
            starts.reserveCapacity(rows.count + 1)
            var indices: [Int32] = []
            var values: [Double] = []
            for row in rows {
                for (index, value) in row {
                    precondition(index >= 0 && index < featureCount, "feature index out of range")
                    indices.append(Int32(index))
                    values.append(value)
                }
                starts.append(indices.count)
            }
            self.starts = starts
            self.indices = indices
            self.values = values
        }

        /// The rows at the given positions, in that order.
        public func subset(_ positions: [Int]) -> SparseRows {
            var copy = self
            copy.starts = [0]
            copy.indices = []
            copy.values = []
            for position in positions {
                for k in starts[position]..<starts[position + 1] {
                    copy.indices.append(indices[k])
                    copy.values.append(values[k])
                }
                copy.starts.append(copy.indices.count)
            }
            return copy
        }

        /// `b + Σ_j w_j x_ij` for every row.
        func logits(_ theta: [Double]) -> [Double] {
            var z = [Double](repeating: 0, count: count)
            indices.withUnsafeBufferPointer { indices in
                values.withUnsafeBufferPointer { values in
                    for i in 0..<count {
                        var sum = theta[0]
                        for k in starts[i]..<starts[i + 1] { sum += theta[Int(indices[k]) + 1] * values[k] }
                        z[i] = sum
                    }
                }
            }
            return z
        }
    }

    /// Fits the model by Newton's method, each step solved by conjugate gradients on
    /// Hessian-vector products (no Hessian is formed, so thousands of features cost no more
    /// than the rows they occur in), with a backtracking line search.
    ///
    /// - Parameters:
    ///   - penalties: per feature, a factor of `lambda` (nil: 1 for every feature).
    ///   - priorMeans: per feature, the value its penalty shrinks it towards (nil: 0 for every
    ///     feature).
    ///   - start: parameters to start from (intercept first), e.g. the fit at a neighbouring
    ///     `lambda`; the optimum does not depend on it (the objective is strictly convex).
    public static func fit(_ rows: SparseRows, targets: [Double], lambda: Double, penalties: [Double]? = nil,
                           priorMeans: [Double]? = nil, start: LogisticRegression? = nil,
                           maxIterations: Int = 100, tolerance: Double = 1e-10) -> LogisticRegression {
        precondition(rows.count == targets.count)
        let d = rows.featureCount + 1 // parameter 0 is the intercept
        let n = Double(max(rows.count, 1))
        let interceptPenalty = 1e-8
        // The penalty of each parameter, intercept first.
        var penalty = [Double](repeating: lambda, count: d)
        penalty[0] = interceptPenalty
        if let penalties {
            precondition(penalties.count == rows.featureCount)
            for j in 1..<d { penalty[j] = lambda * penalties[j - 1] }
        }
        // The value each parameter is shrunk towards, intercept first.
        var mean = [Double](repeating: 0, count: d)
        if let priorMeans {
            precondition(priorMeans.count == rows.featureCount)
            for j in 1..<d { mean[j] = priorMeans[j - 1] }
        }
        var theta = [Double](repeating: 0, count: d)
        if let start, start.weights.count == rows.featureCount {
            theta[0] = start.intercept
            for j in 1..<d { theta[j] = start.weights[j - 1] }
        }

        func objective(_ theta: [Double], _ z: [Double]) -> Double {
            var total = 0.0
            for (zi, y) in zip(z, targets) { total += softplus(zi) - y * zi }
            var sum = 0.0
            for j in 0..<d { sum += penalty[j] * (theta[j] - mean[j]) * (theta[j] - mean[j]) }
            return total / n + sum
        }

        var z = rows.logits(theta)
        var current = objective(theta, z)
        var iterations = 0
        var gradient = [Double](repeating: 0, count: d)
        var curvature = [Double](repeating: 0, count: rows.count)
        while iterations < maxIterations {
            iterations += 1
            // Gradient and the diagonal of the curvature, by row.
            for j in 0..<d { gradient[j] = 2 * penalty[j] * (theta[j] - mean[j]) }
            for i in 0..<rows.count {
                let p = ScoringModel.sigmoid(z[i])
                let residual = (p - targets[i]) / n
                curvature[i] = p * (1 - p) / n
                gradient[0] += residual
                for k in rows.starts[i]..<rows.starts[i + 1] {
                    gradient[Int(rows.indices[k]) + 1] += residual * rows.values[k]
                }
            }
            let gradientNorm = gradient.reduce(0) { max($0, abs($1)) }
            if gradientNorm < tolerance { break }
            // Hessian-vector product: Xᵀ D X v + 2 penalty v (the intercept a column of ones).
            func hessianTimes(_ v: [Double]) -> [Double] {
                var out = [Double](repeating: 0, count: d)
                for j in 0..<d { out[j] = 2 * penalty[j] * v[j] }
                for i in 0..<rows.count {
                    var xv = v[0]
                    for k in rows.starts[i]..<rows.starts[i + 1] { xv += v[Int(rows.indices[k]) + 1] * rows.values[k] }
                    let scaled = curvature[i] * xv
                    out[0] += scaled
                    for k in rows.starts[i]..<rows.starts[i + 1] { out[Int(rows.indices[k]) + 1] += scaled * rows.values[k] }
                }
                return out
            }
            let step = conjugateGradient(hessianTimes, gradient, size: d,
                                         tolerance: min(0.1, gradientNorm.squareRoot()) * norm(gradient))
            // Backtracking: halve the Newton step until the objective decreases enough.
            var scale = 1.0
            var decrease = 0.0
            for j in 0..<d { decrease += gradient[j] * step[j] }
            guard decrease > 0 else { break }
            var accepted = false
            while scale > 1e-12 {
                var candidate = theta
                for j in 0..<d { candidate[j] -= scale * step[j] }
                let candidateZ = rows.logits(candidate)
                let value = objective(candidate, candidateZ)
                if value <= current - 1e-4 * scale * decrease {
                    theta = candidate
                    z = candidateZ
                    current = value
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted { break }
        }
        return LogisticRegression(intercept: theta[0], weights: Array(theta[1...]), iterations: iterations)
    }

    private static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// Solves `A x = b` for a symmetric positive definite `A` given by its products, to a
    /// residual norm below `tolerance` (at most `min(2 × size, 500)` steps: an inexact step still
    /// lets Newton's method converge).
    static func conjugateGradient(_ times: ([Double]) -> [Double], _ b: [Double], size: Int, tolerance: Double) -> [Double] {
        var x = [Double](repeating: 0, count: size)
        var r = b
        var p = r
        var rr = r.reduce(0) { $0 + $1 * $1 }
        var steps = 0
        let limit = min(2 * size, 500)
        while rr.squareRoot() > tolerance && steps < limit {
            steps += 1
            let ap = times(p)
            var pap = 0.0
            for j in 0..<size { pap += p[j] * ap[j] }
            guard pap > 0 else { break }
            let alpha = rr / pap
            var next = 0.0
            for j in 0..<size {
                x[j] += alpha * p[j]
                r[j] -= alpha * ap[j]
                next += r[j] * r[j]
            }
            let beta = next / rr
            rr = next
            for j in 0..<size { p[j] = r[j] + beta * p[j] }
        }
        return x
    }
}
