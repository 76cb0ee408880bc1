import Foundation

/// Element-wise helpers: each output element depends on the same element of the inputs, so the
/// NHWC layout does not matter and the loop is split across threads.
@inline(__always)
func mapElements(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
    let out = Tensor(x.shape, zeroed: false)
    let (src, dst) = (x.data, out.data)
    parallelFor(x.count) { i in dst[i] = f(src[i]) }
    return out
}

@inline(__always)
func zipElements(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    precondition(a.shape == b.shape, "shapes differ: \(a.shape) vs \(b.shape)")
    let out = Tensor(a.shape, zeroed: false)
    let (pa, pb, dst) = (a.data, b.data, out.data)
    parallelFor(a.count) { i in dst[i] = f(pa[i], pb[i]) }
    return out
}

@inline(__always)
func zipElements(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
    precondition(a.shape == b.shape && b.shape == c.shape, "shapes differ: \(a.shape), \(b.shape), \(c.shape)")
    let out = Tensor(a.shape, zeroed: false)
    let (pa, pb, pc, dst) = (a.data, b.data, c.data, out.data)
    parallelFor(a.count) { i in dst[i] = f(pa[i], pb[i], pc[i]) }
    return out
}

/// Sum, difference, product and quotient of same-shape tensors; backward gives the gradients of
/// both operands from the output gradient `g`.
public enum Arithmetic {
    public static func add(_ a: Tensor, _ b: Tensor) -> Tensor { zipElements(a, b, +) }
    public static func subtract(_ a: Tensor, _ b: Tensor) -> Tensor { zipElements(a, b, -) }
    public static func multiply(_ a: Tensor, _ b: Tensor) -> Tensor { zipElements(a, b, *) }
    public static func divide(_ a: Tensor, _ b: Tensor) -> Tensor { zipElements(a, b, /) }
    public static func scale(_ a: Tensor, _ s: Float) -> Tensor { mapElements(a) { $0 * s } }

    /// d(a*b): (g*b, g*a).
    public static func multiplyBackward(_ g: Tensor, a: Tensor, b: Tensor) -> (Tensor, Tensor) {
        (multiply(g, b), multiply(g, a))
    }

    /// d(a/b): (g/b, -g*a/b²).
    public static func divideBackward(_ g: Tensor, a: Tensor, b: Tensor) -> (Tensor, Tensor) {
        (divide(g, b), zipElements(g, a, b) { g, a, b in -g * a / (b * b) })
    }

    /// a += b, in place (gradient accumulation).
    public static func accumulate(_ a: Tensor, _ b: Tensor) {
        precondition(a.shape == b.shape)
        let (pa, pb) = (a.data, b.data)
        parallelFor(a.count) { i in pa[i] += pb[i] }
    }
}

/// LeakyReLU: y = x for x > 0, slope * x otherwise (slope 0 is ReLU).
public enum LeakyReLU {
    /// x -> y, in place: the dense sub-network applies it to a conv output it owns.
    public static func forwardInPlace(_ x: Tensor, slope: Float) {
        let p = x.data
        parallelFor(x.count) { i in if p[i] < 0 { p[i] *= slope } }
    }

    public static func forward(_ x: Tensor, slope: Float) -> Tensor { mapElements(x) { $0 > 0 ? $0 : slope * $0 } }

    /// Uses the output y, whose sign is the input's (slope > 0), or x itself.
    public static func backward(_ g: Tensor, y: Tensor, slope: Float) -> Tensor {
        zipElements(g, y) { g, y in y > 0 ? g : slope * g }
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

/// y = min(max(x, lo), hi); the gradient passes where lo < x < hi, and is 0 where clamped.
public enum Clamp {
    public static func forward(_ x: Tensor, lo: Float, hi: Float) -> Tensor { mapElements(x) { min(max($0, lo), hi) } }
    public static func backward(_ g: Tensor, x: Tensor, lo: Float, hi: Float) -> Tensor {
        zipElements(g, x) { g, x in x > lo && x < hi ? g : 0 }
    }
}

/// Quantization of an image in [0, 1] to 8 bits: clamp to [0, 1], then round(x * 255) / 255.
/// Backward is the straight-through estimator: the gradient passes unchanged, through the
/// clamp as well, so that a stego image pushed past the valid range still gets a gradient.
public enum Quantize8Bit {
    public static func forward(_ x: Tensor) -> Tensor { mapElements(x) { (min(max($0, 0), 1) * 255).rounded() / 255 } }
    public static func backward(_ g: Tensor) -> Tensor { g }
}
