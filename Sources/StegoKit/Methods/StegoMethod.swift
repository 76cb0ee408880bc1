/// A way of hiding a secret image in a cover image of the same size.
/// `hide` maps (cover, secret) to a stego image the size of the cover; `reveal` maps the stego
/// image back to an estimate of the secret.
public protocol StegoMethod: Sendable {
    func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage
    func reveal(stego: RGBImage) throws -> RGBImage
}

/// The methods the tool offers, by their command-line names.
public enum MethodName: String, CaseIterable, Sendable {
    case lsb4

    public var summary: String {
        switch self {
        case .lsb4: return "4-bit LSB: the secret's 4 high bits replace the cover's 4 low bits; reveal sets the 4 lost bits to 8, the middle of their range"
        }
    }

    public func makeMethod() -> any StegoMethod {
        switch self {
        case .lsb4: return LSB4()
        }
    }
}

extension StegoMethod {
    /// Hides after checking sizes; with `fit`, a secret of another size is resized to the cover's.
    public func hide(cover: RGBImage, secret: RGBImage, fit: Bool) throws -> RGBImage {
        guard secret.size == cover.size else {
            guard fit else {
                throw StegoError.badInput("secret is \(secret.size) but cover is \(cover.size) (use --fit to resize the secret)")
            }
            return try hide(cover: cover, secret: secret.resized(to: cover.size))
        }
        return try hide(cover: cover, secret: secret)
    }
}
