/// Quantization of an image in [0, 1] to 8 bits: clamp to [0, 1], then round(x * 255) / 255.
/// Backward is the straight-through estimator: the gradient passes unchanged, through the
/// clamp as well, so that a stego image pushed past the valid range still gets a gradient.
public enum Quantize8Bit {
    public static func forward(_ x: Tensor) -> Tensor { mapElements(x) { (min(max($0, 0), 1) * 255).rounded() / 255 } }
    public static func backward(_ g: Tensor) -> Tensor { g }
}
