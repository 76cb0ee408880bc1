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

    /// The steganalyst's colour residual as a loss, for RGB batches [N, 3, H, W]: with the error
    /// e = a - b, the colour differences c1 = e_R - e_G and c2 = e_B - e_G through the 3x3 high-pass
    /// kernel K = [-1 2 -1; 2 -4 2; -1 2 -1] / 4 (Ker and Böhme's, on interior pixels only), summed
    /// squared: sum(K ⊛ c1)² + sum(K ⊛ c2)². High-pass colour noise is what gives a network's
    /// stego images away (docs/steganalysis.md); an error of equal R, G and B, or a smooth one,
    /// costs nothing here. The gradient is K's adjoint (K is symmetric: a full convolution) of
    /// 2 (K ⊛ c), spread back as +c1 on R, +c2 on B, -(c1 + c2) on G.
    public static func chromaHighPassSumOfSquares(_ a: Tensor, _ b: Tensor) -> (value: Double, grad: Tensor) {
        precondition(a.shape == b.shape && a.shape.c == 3 && a.shape.h >= 3 && a.shape.w >= 3,
                     "the colour residual needs equal RGB shapes of at least 3x3: \(a.shape) vs \(b.shape)")
        let (h, w) = (a.shape.h, a.shape.w)
        let kernel: [Float] = [-0.25, 0.5, -0.25, 0.5, -1, 0.5, -0.25, 0.5, -0.25]
        let grad = Tensor(a.shape)
        var total = 0.0
        var colour = [[Float]](repeating: [Float](repeating: 0, count: h * w), count: 2)
        var residualGrad = colour
        for image in 0..<a.shape.n {
            let base = image * h * w * 3
            for p in 0..<h * w {
                let (x, y) = (a.data + base + 3 * p, b.data + base + 3 * p)
                let green = x[1] - y[1]
                colour[0][p] = x[0] - y[0] - green
                colour[1][p] = x[2] - y[2] - green
            }
            for k in 0..<2 {
                for p in 0..<h * w { residualGrad[k][p] = 0 }
                for row in 1..<h - 1 {
                    for column in 1..<w - 1 {
                        var r: Float = 0
                        for t in 0..<9 { r += kernel[t] * colour[k][(row + t / 3 - 1) * w + column + t % 3 - 1] }
                        total += Double(r) * Double(r)
                        for t in 0..<9 { residualGrad[k][(row + t / 3 - 1) * w + column + t % 3 - 1] += 2 * r * kernel[t] }
                    }
                }
            }
            for p in 0..<h * w {
                let g = grad.data + base + 3 * p
                (g[0], g[1], g[2]) = (residualGrad[0][p], -residualGrad[0][p] - residualGrad[1][p], residualGrad[1][p])
            }
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
