/// Reductions to a scalar loss, with the gradient with respect to the prediction `a`
/// (the target `b` is a constant). Sums are accumulated in Double.
public enum Loss {
    /// sum((a - b)²) and 2 (a - b).
    public static func sumOfSquares(_ a: Tensor, _ b: Tensor) -> (value: Double, grad: Tensor) {
        (reduce(a, b) { ($0 - $1) * ($0 - $1) }, zipElements(a, b) { 2 * ($0 - $1) })
    }

    /// mean((a - b)²) and 2 (a - b) / n.
    public static func meanSquaredError(_ a: Tensor, _ b: Tensor) -> (value: Double, grad: Tensor) {
        let n = Float(a.count)
        return (reduce(a, b) { ($0 - $1) * ($0 - $1) } / Double(n), zipElements(a, b) { 2 * ($0 - $1) / n })
    }

    /// mean(|a - b|) and sign(a - b) / n (0 where equal).
    public static func meanAbsoluteError(_ a: Tensor, _ b: Tensor) -> (value: Double, grad: Tensor) {
        let n = Float(a.count)
        return (reduce(a, b) { abs($0 - $1) } / Double(n),
                zipElements(a, b) { $0 > $1 ? 1 / n : ($0 < $1 ? -1 / n : 0) })
    }

    private static func reduce(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> Double {
        precondition(a.shape == b.shape, "shapes differ: \(a.shape) vs \(b.shape)")
        var total = 0.0
        for i in 0..<a.count { total += f(Double(a.data[i]), Double(b.data[i])) }
        return total
    }
}
