import Foundation

/// LeakyReLU: y = x for x > 0, slope * x otherwise (slope 0 is ReLU).
public enum LeakyReLU {
    /// x -> y, in place: the dense sub-network applies it to a conv output it owns.
    public static func forwardInPlace(_ x: Tensor, slope: Float) { forwardInPlace(x.data, count: x.count, slope: slope) }

    /// The `count` values at `p`, in place (also a Winograd convolution's output, which oneDNN
    /// cannot fuse it into).
    static func forwardInPlace(_ p: UnsafeMutablePointer<Float>, count: Int, slope: Float) {
        parallelChunks(count) { range in
            for i in range { p[i] = p[i] < 0 ? slope * p[i] : p[i] }  // a select, not a branch: vectorized
        }
    }

    public static func forward(_ x: Tensor, slope: Float) -> Tensor { mapElements(x) { $0 > 0 ? $0 : slope * $0 } }

    /// Uses the output y, whose sign is the input's (slope > 0), or x itself.
    public static func backward(_ g: Tensor, y: Tensor, slope: Float) -> Tensor {
        precondition(g.shape == y.shape, "shapes differ: \(g.shape) vs \(y.shape)")
        let out = Tensor(g.shape, zeroed: false)
        let (pg, py, dst) = (g.data, y.data, out.data)
        // Written out (not through zipElements, whose closure is called per element) so that it
        // is vectorized: the dense sub-networks' backward runs it on every feature map.
        parallelChunks(g.count) { range in
            for i in range { dst[i] = py[i] > 0 ? pg[i] : slope * pg[i] }
        }
        return out
    }
}

/// Logistic sigmoid, y = 1 / (1 + e^-x); backward uses the output: dy/dx = y (1 - y).
public enum Sigmoid {
    public static func forward(_ x: Tensor) -> Tensor { mapElements(x) { 1 / (1 + exp(-$0)) } }
    public static func backward(_ g: Tensor, y: Tensor) -> Tensor { zipElements(g, y) { g, y in g * y * (1 - y) } }
}

/// y = e^x; backward uses the output: dy/dx = y.
public enum Exp {
    public static func forward(_ x: Tensor) -> Tensor { mapElements(x) { exp($0) } }
    public static func backward(_ g: Tensor, y: Tensor) -> Tensor { Arithmetic.multiply(g, y) }
}

/// y = min(max(x, lo), hi); the gradient passes where lo <= x <= hi (PyTorch's convention at the
/// bounds), and is 0 where clamped.
public enum Clamp {
    public static func forward(_ x: Tensor, lo: Float, hi: Float) -> Tensor { mapElements(x) { min(max($0, lo), hi) } }
    public static func backward(_ g: Tensor, x: Tensor, lo: Float, hi: Float) -> Tensor {
        zipElements(g, x) { g, x in x >= lo && x <= hi ? g : 0 }
    }
}
