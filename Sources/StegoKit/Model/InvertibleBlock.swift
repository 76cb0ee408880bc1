import Foundation

/// HiNet's affine coupling block (`INV_block`) on two branches, x1 (cover side, C1 channels)
/// and x2 (secret side, C2 channels):
///   forward:  y1 = x1 + phi(x2);            y2 = e(rho(y1)) * x2 + eta(y1)
///   inverse:  x2 = (y2 - eta(y1)) / e(rho(y1));   x1 = y1 - phi(x2)
/// with e(s) = exp(clamp * 2 * (sigmoid(s) - 0.5)), so the scale stays in [e^-clamp, e^clamp].
public final class InvertibleBlock {
    public let phi: DenseSubnet, rho: DenseSubnet, eta: DenseSubnet
    public let clamp: Float
    /// From the last forward: x2, the scale e(s) and sigmoid(s), for backward.
    private var cache: (x2: Tensor, scale: Tensor, sigmoid: Tensor)?

    /// `name` is the state_dict prefix (`inv3`); sub-networks are `f`, `r`, `y` as in HiNet.
    public init(name: String, cover: Int, secret: Int, growth: Int = 32, clamp: Float = 2) {
        phi = DenseSubnet(name: name + ".f", inChannels: secret, outChannels: cover, growth: growth)
        rho = DenseSubnet(name: name + ".r", inChannels: cover, outChannels: secret, growth: growth)
        eta = DenseSubnet(name: name + ".y", inChannels: cover, outChannels: secret, growth: growth)
        self.clamp = clamp
    }

    /// In HiNet's state_dict order: r, y, f.
    public var parameters: [Parameter] { rho.parameters + eta.parameters + phi.parameters }

    public func initialize(using rng: inout some RandomNumberGenerator) {
        for net in [rho, eta, phi] { net.initialize(using: &rng) }
    }

    /// (x1 [N, C1, H, W], x2 [N, C2, H, W]) -> (y1, y2), same shapes.
    public func forward(_ x1: Tensor, _ x2: Tensor) -> (Tensor, Tensor) {
        let y1 = Arithmetic.add(x1, phi.forward(x2))
        let sigmoid = Sigmoid.forward(rho.forward(y1))
        let scale = couplingScale(sigmoid)
        let y2 = Arithmetic.add(Arithmetic.multiply(scale, x2), eta.forward(y1))
        cache = (x2, scale, sigmoid)
        return (y1, y2)
    }

    /// (y1, y2) -> (x1, x2), exactly undoing `forward` up to rounding.
    public func inverse(_ y1: Tensor, _ y2: Tensor) -> (Tensor, Tensor) {
        let scale = couplingScale(Sigmoid.forward(rho.forward(y1)))
        let x2 = Arithmetic.divide(Arithmetic.subtract(y2, eta.forward(y1)), scale)
        let x1 = Arithmetic.subtract(y1, phi.forward(x2))
        return (x1, x2)
    }

    /// (dy1, dy2) -> (dx1, dx2); accumulates the parameter gradients.
    public func backward(_ dy1: Tensor, _ dy2: Tensor) -> (Tensor, Tensor) {
        guard let (x2, scale, sigmoid) = cache else { preconditionFailure("InvertibleBlock.backward before forward") }
        cache = nil
        // y2 = scale * x2 + eta(y1), scale = exp(2 clamp (sigmoid(s) - 1/2)), s = rho(y1)
        let twoClamp = 2 * clamp
        let gradS = zipElements(dy2, x2, scale) { g, x, e in g * x * e * twoClamp }
        let gradLogit = Arithmetic.multiply(gradS, mapElements(sigmoid) { $0 * (1 - $0) })
        let gradY1 = dy1.copy()
        Arithmetic.accumulate(gradY1, rho.backward(gradLogit))
        Arithmetic.accumulate(gradY1, eta.backward(dy2))
        // y1 = x1 + phi(x2)
        let gradX2 = Arithmetic.multiply(dy2, scale)
        Arithmetic.accumulate(gradX2, phi.backward(gradY1))
        return (gradY1, gradX2)
    }

    private func couplingScale(_ sigmoid: Tensor) -> Tensor {
        let twoClamp = 2 * clamp
        return mapElements(sigmoid) { exp(twoClamp * ($0 - 0.5)) }
    }
}
