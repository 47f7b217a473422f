import Foundation

/// L2-regularised logistic regression, fitted by Newton's method with a backtracking line
/// search: deterministic (every sum runs in a fixed order, nothing is random), exact to the
/// tolerance on the small problems of the scorer (a few dozen features, a few thousand rows).
///
/// Minimises `(1/n) Σ_i [log(1 + exp(z_i)) − y_i z_i] + λ Σ_j w_j²` with
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
        precondition(rows.count == targets.count)
        let d = featureCount + 1 // parameter 0 is the intercept
        let n = Double(max(rows.count, 1))
        var theta = [Double](repeating: 0, count: d)
        let interceptPenalty = 1e-8

        func objective(_ theta: [Double]) -> Double {
            var total = 0.0
            for (row, y) in zip(rows, targets) {
                var z = theta[0]
                for (index, value) in row { z += theta[index + 1] * value }
                total += softplus(z) - y * z
            }
            var penalty = interceptPenalty * theta[0] * theta[0]
            for j in 1..<d { penalty += lambda * theta[j] * theta[j] }
            return total / n + penalty
        }

        var current = objective(theta)
        var iterations = 0
        var gradient = [Double](repeating: 0, count: d)
        var hessian = [Double](repeating: 0, count: d * d)
        while iterations < maxIterations {
            iterations += 1
            for j in 0..<d { gradient[j] = 0 }
            for j in 0..<(d * d) { hessian[j] = 0 }
            for (row, y) in zip(rows, targets) {
                var z = theta[0]
                for (index, value) in row { z += theta[index + 1] * value }
                let p = ScoringModel.sigmoid(z)
                let residual = p - y
                let curvature = p * (1 - p)
                gradient[0] += residual
                hessian[0] += curvature
                for (a, va) in row {
                    gradient[a + 1] += residual * va
                    hessian[a + 1] += curvature * va            // (0, a+1)
                    hessian[(a + 1) * d] += curvature * va      // (a+1, 0)
                    for (b, vb) in row {
                        hessian[(a + 1) * d + b + 1] += curvature * va * vb
                    }
                }
            }
            for j in 0..<d { gradient[j] /= n }
            for j in 0..<(d * d) { hessian[j] /= n }
            gradient[0] += 2 * interceptPenalty * theta[0]
            hessian[0] += 2 * interceptPenalty
            for j in 1..<d {
                gradient[j] += 2 * lambda * theta[j]
                hessian[j * d + j] += 2 * lambda
            }
            let gradientNorm = gradient.reduce(0) { max($0, abs($1)) }
            if gradientNorm < tolerance { break }
            guard let step = solve(hessian, gradient, size: d) else { break }
            // Backtracking: halve the Newton step until the objective decreases enough.
            var scale = 1.0
            var decrease = 0.0
            for j in 0..<d { decrease += gradient[j] * step[j] }
            var accepted = false
            while scale > 1e-12 {
                let candidate = (0..<d).map { theta[$0] - scale * step[$0] }
                let value = objective(candidate)
                if value <= current - 1e-4 * scale * decrease {
                    theta = candidate
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

    /// Solves `A x = b` for a symmetric positive definite `A` (row-major, `size × size`) by
    /// Cholesky decomposition; nil when `A` is not positive definite.
    static func solve(_ a: [Double], _ b: [Double], size: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = a[i * size + j]
                for k in 0..<j { sum -= l[i * size + k] * l[j * size + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * size + i] = sum.squareRoot()
                } else {
                    l[i * size + j] = sum / l[j * size + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: size)
        for i in 0..<size {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * size + k] * y[k] }
            y[i] = sum / l[i * size + i]
        }
        var x = [Double](repeating: 0, count: size)
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<size { sum -= l[k * size + i] * x[k] }
            x[i] = sum / l[i * size + i]
        }
        return x
    }
}
