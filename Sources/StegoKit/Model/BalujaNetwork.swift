/// A Baluja-style pair (Baluja 2017, "Hiding Images in Plain Sight"): a concealing CNN (a
/// preparation network on the secret, then a hiding network on [cover, prepared secret]) and a
/// separate revealing CNN, sharing no parameters. Every layer is a `MultiKernelLayer`; each CNN
/// ends with a 1x1 convolution to 3 channels. Unlike Baluja's, the concealing CNN outputs a
/// residual added to the cover: it starts at stego = cover instead of first having to learn the
/// identity, which on this CPU's budget decides whether the pair trains at all.
public final class BalujaNetwork {
    public struct Config: Equatable, Sendable {
        public var width: Int
        public var prepLayers: Int, hideLayers: Int, revealLayers: Int

        public init(width: Int, prepLayers: Int, hideLayers: Int, revealLayers: Int) {
            self.width = width
            self.prepLayers = prepLayers
            self.hideLayers = hideLayers
            self.revealLayers = revealLayers
        }

        /// Baluja's widths are 50 per branch with 2 prep and 5 hide/reveal layers; `small` is
        /// what trains on a 2-core CPU, `tiny` is for tests.
        public static func preset(_ name: String) -> Config? {
            switch name {
            case "paper": return Config(width: 50, prepLayers: 2, hideLayers: 5, revealLayers: 5)
            case "small": return Config(width: 16, prepLayers: 2, hideLayers: 4, revealLayers: 4)
            case "tiny": return Config(width: 4, prepLayers: 1, hideLayers: 1, revealLayers: 1)
            default: return nil
            }
        }

        public var metadata: [String: String] {
            ["method": "baluja", "width": "\(width)", "prep_layers": "\(prepLayers)", "hide_layers": "\(hideLayers)",
             "reveal_layers": "\(revealLayers)"]
        }

        public init(metadata: [String: String]) throws {
            guard metadata["method"] == "baluja", let width = metadata["width"].flatMap(Int.init),
                  let prep = metadata["prep_layers"].flatMap(Int.init), let hide = metadata["hide_layers"].flatMap(Int.init),
                  let reveal = metadata["reveal_layers"].flatMap(Int.init) else {
                throw StegoError.badInput("checkpoint metadata does not describe a baluja network")
            }
            guard (1...64).contains(width), [prep, hide, reveal].allSatisfy({ (1...8).contains($0) }) else {
                throw StegoError.badInput("checkpoint metadata out of range: width \(width) (1-64), layers \(prep)/\(hide)/\(reveal) (1-8 each)")
            }
            self.init(width: width, prepLayers: prep, hideLayers: hide, revealLayers: reveal)
        }
    }

    public let config: Config
    let prep: [MultiKernelLayer], hide: [MultiKernelLayer], reveal: [MultiKernelLayer]
    let hideOut: Conv2D, revealOut: Conv2D

    public init(config: Config) {
        self.config = config
        let w3 = 3 * config.width
        prep = (0..<config.prepLayers).map { MultiKernelLayer(name: "prep.\($0)", inChannels: $0 == 0 ? 3 : w3, width: config.width) }
        hide = (0..<config.hideLayers).map { MultiKernelLayer(name: "hide.\($0)", inChannels: $0 == 0 ? 3 + w3 : w3, width: config.width) }
        reveal = (0..<config.revealLayers).map { MultiKernelLayer(name: "reveal.\($0)", inChannels: $0 == 0 ? 3 : w3, width: config.width) }
        hideOut = Conv2D(name: "hide.out", inChannels: w3, outChannels: 3, kernel: 1, padding: .same(0))
        revealOut = Conv2D(name: "reveal.out", inChannels: w3, outChannels: 3, kernel: 1, padding: .same(0))
    }

    public var parameters: [Parameter] {
        (prep + hide).flatMap(\.parameters) + hideOut.parameters + reveal.flatMap(\.parameters) + revealOut.parameters
    }

    /// He-style initialisation for the ReLU layers, zero biases.
    public func initialize(using rng: inout some RandomNumberGenerator) {
        for layer in prep + hide + reveal {
            for conv in layer.convs {
                let fanIn = Float(conv.inChannels * conv.kernel.h * conv.kernel.w)
                conv.weight.initNormal(scale: (2 / fanIn).squareRoot(), using: &rng)
                conv.bias.value.fill(0)
            }
        }
        // The residual starts small so that the first stegos are close to their covers.
        for (conv, gain) in [(hideOut, Float(0.1)), (revealOut, Float(1))] {
            conv.weight.initNormal(scale: gain * (1 / Float(conv.inChannels)).squareRoot(), using: &rng)
            conv.bias.value.fill(0)
        }
    }

    /// cover, secret [N, 3, H, W] -> stego = cover + residual [N, 3, H, W] (before 8-bit rounding).
    public func conceal(cover: Tensor, secret: Tensor) -> Tensor {
        var p = secret
        for layer in prep { p = layer.forward(p) }
        var h = ChannelConcat.forward([cover, p])
        for layer in hide { h = layer.forward(h) }
        return Arithmetic.add(cover, hideOut.forward(h))
    }

    /// Backward of `conceal`: parameter gradients from d(stego) (which is also d(residual)); input
    /// gradients are not needed.
    public func concealBackward(_ gradStego: Tensor) {
        var g = hideOut.backward(gradStego)!
        for layer in hide.reversed() { g = layer.backward(g) }
        g = ChannelConcat.backward(g, widths: [3, 3 * config.width])[1]
        for layer in prep.reversed() { g = layer.backward(g) }
    }

    /// stego [N, 3, H, W] -> revealed secret [N, 3, H, W].
    public func revealSecret(_ stego: Tensor) -> Tensor {
        var r = stego
        for layer in reveal { r = layer.forward(r) }
        return revealOut.forward(r)
    }

    /// Backward of `revealSecret`: d(revealed) -> d(stego).
    public func revealBackward(_ gradSecret: Tensor) -> Tensor {
        var g = revealOut.backward(gradSecret)!
        for layer in reveal.reversed() { g = layer.backward(g) }
        return g
    }

    /// Baluja's loss, MSE(stego, cover) + beta * MSE(revealed, secret), with the stego rounded
    /// to 8 bits before reveal (straight-through gradient for the rounding); adds the gradients
    /// and returns (total, cover MSE, secret MSE, stego PSNR, secret PSNR).
    public func trainingStep(cover: Tensor, secret: Tensor, beta: Double = 0.75)
        -> (total: Double, coverMSE: Double, secretMSE: Double, stegoPSNR: Double, secretPSNR: Double) {
        let stego = conceal(cover: cover, secret: secret)
        let quantized = Quantize8Bit.forward(stego)
        let revealed = revealSecret(quantized)
        let coverLoss = Loss.meanSquaredError(stego, cover), secretLoss = Loss.meanSquaredError(revealed, secret)
        let gradStego = Quantize8Bit.backward(revealBackward(Arithmetic.scale(secretLoss.grad, Float(beta))), x: stego)
        Arithmetic.accumulate(gradStego, coverLoss.grad)
        concealBackward(gradStego)
        return (coverLoss.value + beta * secretLoss.value, coverLoss.value, secretLoss.value,
                unitPSNR(Loss.meanSquaredError(quantized, cover).value),
                unitPSNR(Loss.meanSquaredError(Quantize8Bit.forward(revealed), secret).value))
    }
}

extension BalujaNetwork {
    /// Loads a network saved by `stego train --method baluja`, built from the checkpoint's metadata.
    public convenience init(checkpoint file: SafeTensors, source: String) throws {
        self.init(config: try Config(metadata: file.metadata))
        try Checkpoint.load(file, into: parameters, source: source)
    }
}
