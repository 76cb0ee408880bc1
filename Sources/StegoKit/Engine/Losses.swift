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

    /// sum over pixels of (Y(a) - Y(b))² for RGB batches [N, 3, H, W], with Y = 0.299 R +
    /// 0.587 G + 0.114 B (BT.601's luma, which the metrics use, up to scale), and 2 w_c (Y(a) - Y(b)).
    public static func lumaSumOfSquares(_ a: Tensor, _ b: Tensor) -> (value: Double, grad: Tensor) {
        precondition(a.shape == b.shape && a.shape.c == 3, "luma needs equal RGB shapes: \(a.shape) vs \(b.shape)")
        let weights: (Float, Float, Float) = (0.299, 0.587, 0.114)
        let grad = Tensor(a.shape, zeroed: false)
        let (x, y, g) = (a.data, b.data, grad.data)
        var total = 0.0
        for i in stride(from: 0, to: a.count, by: 3) {
            let d = weights.0 * (x[i] - y[i]) + weights.1 * (x[i + 1] - y[i + 1]) + weights.2 * (x[i + 2] - y[i + 2])
            total += Double(d) * Double(d)
            (g[i], g[i + 1], g[i + 2]) = (2 * weights.0 * d, 2 * weights.1 * d, 2 * weights.2 * d)
        }
        return (total, grad)
    }

    private static func reduce(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> Double {
        precondition(a.shape == b.shape, "shapes differ: \(a.shape) vs \(b.shape)")
        var total = 0.0
        for i in 0..<a.count { total += f(Double(a.data[i]), Double(b.data[i])) }
        return total
    }
}
