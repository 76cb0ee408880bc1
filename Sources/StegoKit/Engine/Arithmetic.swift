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
        parallelChunks(a.count) { range in
            for i in range { pa[i] += pb[i] }
        }
    }
}
