import Foundation

/// L2-regularized logistic regression fitted by Newton's method:
/// minimizes Σ log(1 + exp(-y' (w·x + b))) + λ/2 |w|² (y' = ±1; the bias is not penalized).
/// With features standardized to unit variance, λ is a count of "pseudo-samples" of shrinkage.
public struct LogisticRegression: Sendable, Equatable {
    public var weights: [Double]
    public var bias: Double

    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    public func score(_ x: [Double]) -> Double { zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 } }

    public func probability(_ x: [Double]) -> Double { 1 / (1 + exp(-score(x))) }

    /// Fits rows `x` with labels `y` (true = positive class).
    public static func fit(_ x: [[Double]], _ y: [Bool], lambda: Double) -> LogisticRegression {
        let d = x[0].count, m = d + 1
        var theta = [Double](repeating: 0, count: m)  // weights, then bias
        for _ in 0..<50 {
            var gradient = [Double](repeating: 0, count: m)
            var hessian = [Double](repeating: 0, count: m * m)
            var xb = [Double](repeating: 1, count: m)
            for (row, label) in zip(x, y) {
                xb.replaceSubrange(0..<d, with: row)
                let z = zip(theta, xb).reduce(0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-z)), residual = p - (label ? 1 : 0), weight = max(p * (1 - p), 1e-12)
                xb.withUnsafeBufferPointer { v in
                    hessian.withUnsafeMutableBufferPointer { h in
                        for i in 0..<m {
                            gradient[i] += residual * v[i]
                            let wi = weight * v[i]
                            for j in 0...i { h[i * m + j] += wi * v[j] }
                        }
                    }
                }
            }
            for i in 0..<d {
                gradient[i] += lambda * theta[i]
                hessian[i * m + i] += lambda
            }
            hessian[d * m + d] += 1e-9
            let step = choleskySolve(lowerOf: hessian, size: m, gradient)
            for i in 0..<m { theta[i] -= step[i] }
            if step.map(abs).max()! < 1e-10 { break }
        }
        return LogisticRegression(weights: Array(theta[0..<d]), bias: theta[d])
    }

    /// Solves A s = g for a symmetric positive-definite A given by its lower triangle.
    private static func choleskySolve(lowerOf a: [Double], size n: Int, _ g: [Double]) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = i == j ? max(sum, 1e-300).squareRoot() : sum / l[j * n + j]
            }
        }
        var z = g
        for i in 0..<n {
            for k in 0..<i { z[i] -= l[i * n + k] * z[k] }
            z[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { z[i] -= l[k * n + i] * z[k] }
            z[i] /= l[i * n + i]
        }
        return z
    }
}
