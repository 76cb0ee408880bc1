/// 4-bit least-significant-bit substitution, per 8-bit channel:
/// stego = (cover & 0xF0) | (secret >> 4). Reveal returns (stego & 0x0F) << 4 | 8: the lost low
/// nibble is set to 8, the middle of its 0...15 range, which halves the worst-case error.
public struct LSB4: StegoMethod {
    public init() {}

    public func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage {
        precondition(cover.size == secret.size)
        var out = cover
        for i in 0..<out.pixels.count {
            out.pixels[i] = (cover.pixels[i] & 0xF0) | (secret.pixels[i] >> 4)
        }
        return out
    }

    public func reveal(stego: RGBImage) throws -> RGBImage {
        var out = stego
        for i in 0..<out.pixels.count {
            out.pixels[i] = ((stego.pixels[i] & 0x0F) << 4) | 0x08
        }
        return out
    }
}
