import Foundation

/// A way of hiding a secret image in a cover image of the same size.
/// `hide` maps (cover, secret) to a stego image the size of the cover; `reveal` maps the stego
/// image back to an estimate of the secret.
public protocol StegoMethod: Sendable {
    func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage
    func reveal(stego: RGBImage) throws -> RGBImage
}

/// The methods the tool offers, by their command-line names.
public enum MethodName: String, CaseIterable, Sendable {
    case dlvHinet = "dlv-hinet"
    case hinet
    case baluja
    case lsb4
    case stc

    public var summary: String {
        switch self {
        case .dlvHinet: return "DLV-HiNet: HiNet's invertible network with a dual latent variable"
        case .hinet: return "HiNet: the invertible network without the latent variable"
        case .baluja: return "Baluja-style pair: a concealing CNN and a separate revealing CNN"
        case .lsb4: return "4-bit LSB: the secret's 4 high bits replace the cover's 4 low bits; reveal sets the 4 lost bits to 8, the middle of their range"
        case .stc: return "a passphrase: the secret compressed (AVIF) or any file, encrypted, and hidden in a small share of the cover's samples with HILL costs and syndrome-trellis codes"
        }
    }

    /// The method, with the learned ones loaded from `model` (a `stego train` checkpoint) or,
    /// by default, from the weights shipped in the package. `seed` draws DLV-HiNet's latent;
    /// `stc` is the passphrase method's passphrase, payload rate and constraint height.
    public func makeMethod(model: String?, seed: UInt64, stc: (passphrase: [UInt8], rate: Double, height: Int)? = nil) throws -> any StegoMethod {
        switch self {
        case .lsb4: return LSB4()
        case .stc:
            guard let stc else { throw StegoError.badInput("--method stc needs a passphrase") }
            return try STCHiding(passphrase: stc.passphrase, rate: stc.rate, height: stc.height)
        case .dlvHinet, .hinet, .baluja:
            guard let path = model ?? shippedWeights else {
                throw StegoError.badInput("no weights for \(rawValue): \(ShippedFiles.notFound(rawValue + ".safetensors")); or give --model FILE")
            }
            return self == .baluja ? try BalujaHiding(checkpoint: path)
                                   : try InvertibleHiding(checkpoint: path, dualLatent: self == .dlvHinet, seed: seed)
        }
    }

    /// Whether the method is a trained hiding network (whose weights ship with stego).
    public var isNetwork: Bool { self == .dlvHinet || self == .hinet || self == .baluja }

    /// The trained weights that ship with stego (`Sources/StegoKit/Weights`, see `ShippedFiles`).
    public var shippedWeights: String? { isNetwork ? ShippedFiles.path(rawValue + ".safetensors") : nil }
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
