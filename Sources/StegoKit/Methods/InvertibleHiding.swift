/// Hide and reveal with a trained HiNet or DLV-HiNet network, on whole images of any size.
/// Odd sides are padded by one replicated row or column for the wavelet transform and cropped
/// again, so the stego image has the cover's exact size; the stego image is rounded to 8 bits
/// (as in training) and the reveal's stand-in for the lost channels is zero, or N(0, 1) for
/// networks trained that way. Images are processed in overlapping tiles (`tiling`) so that
/// memory stays bounded whatever their size.
public struct InvertibleHiding: StegoMethod, @unchecked Sendable {
    public let network: HidingNetwork
    /// The network compiled for inference where this CPU allows (the fast path), else nil.
    public var compiled: CompiledHidingNetwork?
    public let gaussianRevealLatent: Bool
    /// Seeds the latent w drawn at hide time (and a Gaussian stand-in at reveal).
    public let seed: UInt64
    public var tiling = Tiling(tile: 1024, margin: 32)

    public init(network: HidingNetwork, gaussianRevealLatent: Bool, seed: UInt64) {
        self.network = network
        compiled = CompiledHidingNetwork(network)
        self.gaussianRevealLatent = gaussianRevealLatent
        self.seed = seed
    }

    /// Loads a checkpoint written by `stego train`.
    public init(checkpoint path: String, dualLatent: Bool, seed: UInt64) throws {
        let file = try SafeTensors.read(path: path)
        self.init(network: try HidingNetwork(checkpoint: file, source: path, expectedDualLatent: dualLatent),
                  gaussianRevealLatent: file.metadata["reveal_latent"] == "gaussian", seed: seed)
    }

    public func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage {
        let c = cover.paddedToEven(), s = secret.paddedToEven()
        // One latent for the whole image, drawn tile by tile, so that the result does not depend
        // on the tiling; only the tile being computed is ever in floats.
        let latent = TensorShape(1, 2, c.height, c.width), origin = SeededGenerator(seed: seed)
        let stego = tiling.assemble(c.size, label: "hiding") { r in
            let tile = (cover: c.tensor(x: r.x, y: r.y, width: r.width, height: r.height),
                        secret: s.tensor(x: r.x, y: r.y, width: r.width, height: r.height),
                        latent: network.config.dualLatent ? Tensor(TensorShape(1, 2, r.height, r.width), zeroed: false) : nil)
            if let w = tile.latent { fillGaussian(w, window: (r.x, r.y), of: latent, from: origin) }
            return compiled?.hide(cover: tile.cover, secret: tile.secret, latent: tile.latent)
                ?? HidingNetwork.stegoImage(coverBranch: network.hide(cover: tile.cover, secret: tile.secret, latent: tile.latent))
        }
        return stego.cropped(x: 0, y: 0, size: cover.size)
    }

    public func reveal(stego: RGBImage) throws -> RGBImage {
        let s = stego.paddedToEven()
        let secret = tiling.assemble(s.size, label: "revealing") { r in
            let tile = s.tensor(x: r.x, y: r.y, width: r.width, height: r.height)
            let z = gaussianRevealLatent
                ? network.gaussianLatent(window: r, fullSize: s.size, origin: SeededGenerator(seed: seed &+ 1))
                : network.zeroLatent(for: tile.shape)
            return compiled?.reveal(stego: tile, z: z) ?? network.reveal(stego: tile, z: z)
        }
        return secret.cropped(x: 0, y: 0, size: stego.size)
    }
}

extension RGBImage {
    /// Even width and height, by repeating the last column and row where needed.
    func paddedToEven() -> RGBImage {
        let size = ImageSize(width: (width + 1) / 2 * 2, height: (height + 1) / 2 * 2)
        if size == self.size { return self }
        var out = RGBImage(width: size.width, height: size.height)
        for y in 0..<size.height { for x in 0..<size.width { for c in 0..<3 {
            out[x, y, c] = self[min(x, width - 1), min(y, height - 1), c]
        } } }
        return out
    }
}
