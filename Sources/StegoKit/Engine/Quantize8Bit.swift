/// Quantization of an image in [0, 1] to 8 bits: clamp to [0, 1], then round(x * 255) / 255.
/// Backward is the clamp's true gradient with the straight-through estimator for the rounding
/// only: the gradient passes where 0 <= x <= 1 (`Clamp`'s) and is 0 outside. Passing it
/// through the clamp too, as until session 15, told the hiding network that values past the range
/// still reach the revealer: near white it kept pushing them further out (docs/training.md).
public enum Quantize8Bit {
    public static func forward(_ x: Tensor) -> Tensor { mapElements(x) { (min(max($0, 0), 1) * 255).rounded() / 255 } }
    /// d(quantized) -> d(x) for the input `x` [N, C, H, W] that `forward` took.
    public static func backward(_ g: Tensor, x: Tensor) -> Tensor { Clamp.backward(g, x: x, lo: 0, hi: 1) }
}
