import Foundation

/// HiNet's affine coupling block (`INV_block`) on two branches, x1 (cover side, C1 channels)
/// and x2 (secret side, C2 channels):
///   forward:  y1 = x1 + phi(x2);            y2 = e(rho(y1)) * x2 + eta(y1)
///   inverse:  x2 = (y2 - eta(y1)) / e(rho(y1));   x1 = y1 - phi(x2)
/// with e(s) = exp(clamp * 2 * (sigmoid(s) - 0.5)), so the scale stays in [e^-clamp, e^clamp].
/// Both directions are differentiable: training hides with `forward` and reveals with `inverse`.
public final class InvertibleBlock {
    public let phi: DenseSubnet, rho: DenseSubnet, eta: DenseSubnet
    public let clamp: Float

    /// Per recorded pass: its direction, the secret-side input x2 (forward) or output x2
    /// (inverse), the scale e(s) and sigmoid(s).
    private struct Saved {
        var inverse: Bool
        var x2: Tensor, scale: Tensor, sigmoid: Tensor
    }

    private var saved = SavedActivations<Saved>()

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
        saved.push(Saved(inverse: false, x2: x2, scale: scale, sigmoid: sigmoid))
        return (y1, y2)
    }

    /// (y1, y2) -> (x1, x2), exactly undoing `forward` up to rounding.
    public func inverse(_ y1: Tensor, _ y2: Tensor) -> (Tensor, Tensor) {
        let sigmoid = Sigmoid.forward(rho.forward(y1))
        let scale = couplingScale(sigmoid)
        let x2 = Arithmetic.divide(Arithmetic.subtract(y2, eta.forward(y1)), scale)
        let x1 = Arithmetic.subtract(y1, phi.forward(x2))
        saved.push(Saved(inverse: true, x2: x2, scale: scale, sigmoid: sigmoid))
        return (x1, x2)
    }

    /// (dy1, dy2) -> (dx1, dx2) for the latest recorded `forward`; accumulates parameter gradients.
    public func backward(_ dy1: Tensor, _ dy2: Tensor) -> (Tensor, Tensor) {
        let s = saved.pop("InvertibleBlock")
        precondition(!s.inverse, "InvertibleBlock.backward: the latest recorded pass was an inverse")
        // y2 = scale * x2 + eta(y1), with scale = e(rho(y1))
        let gradLogit = logitGradient(zipElements(dy2, s.x2, s.scale) { g, x, e in g * x * e }, s)
        let gradY1 = dy1.copy()
        Arithmetic.accumulate(gradY1, rho.backward(gradLogit))
        Arithmetic.accumulate(gradY1, eta.backward(dy2))
        // y1 = x1 + phi(x2)
        let gradX2 = Arithmetic.multiply(dy2, s.scale)
        Arithmetic.accumulate(gradX2, phi.backward(gradY1))
        return (gradY1, gradX2)
    }

    /// (dx1, dx2) -> (dy1, dy2) for the latest recorded `inverse`; accumulates parameter gradients.
    public func inverseBackward(_ dx1: Tensor, _ dx2: Tensor) -> (Tensor, Tensor) {
        let s = saved.pop("InvertibleBlock")
        precondition(s.inverse, "InvertibleBlock.inverseBackward: the latest recorded pass was a forward")
        // x1 = y1 - phi(x2)
        let gradX2 = dx2.copy()
        Arithmetic.accumulate(gradX2, phi.backward(Arithmetic.scale(dx1, -1)))
        // x2 = (y2 - eta(y1)) / scale, with scale = e(rho(y1))
        let gradY2 = Arithmetic.divide(gradX2, s.scale)
        let gradLogit = logitGradient(zipElements(gradX2, s.x2) { g, x in -g * x }, s)
        let gradY1 = dx1.copy()
        Arithmetic.accumulate(gradY1, rho.backward(gradLogit))
        Arithmetic.accumulate(gradY1, eta.backward(Arithmetic.scale(gradY2, -1)))
        return (gradY1, gradY2)
    }

    /// From dL/dscale * scale to dL/d(rho output): d scale / d logit = scale * 2 clamp * s (1 - s),
    /// where the scale factor is already folded into `gradTimesScale`.
    private func logitGradient(_ gradTimesScale: Tensor, _ s: Saved) -> Tensor {
        let twoClamp = 2 * clamp
        return zipElements(gradTimesScale, s.sigmoid) { g, sig in g * twoClamp * sig * (1 - sig) }
    }

    private func couplingScale(_ sigmoid: Tensor) -> Tensor {
        let twoClamp = 2 * clamp
        return mapElements(sigmoid) { exp(twoClamp * ($0 - 0.5)) }
    }
}
