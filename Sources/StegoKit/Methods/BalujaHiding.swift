/// Hide and reveal with a trained Baluja-style pair, on whole images of any size (in tiles,
/// like the invertible networks); the stego image is rounded to 8 bits.
public struct BalujaHiding: StegoMethod, @unchecked Sendable {
    public let network: BalujaNetwork
    public var tiling = Tiling(tile: 512, margin: 32)

    public init(network: BalujaNetwork) { self.network = network }

    /// Loads a checkpoint written by `stego train --method baluja`.
    public init(checkpoint path: String) throws {
        network = try BalujaNetwork(checkpoint: SafeTensors.read(path: path), source: path)
    }

    public func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage {
        let c = cover.paddedToEven(), s = secret.paddedToEven()
        return tiling.assemble(c.size, label: "hiding") { r in
            network.conceal(cover: c.tensor(x: r.x, y: r.y, width: r.width, height: r.height),
                            secret: s.tensor(x: r.x, y: r.y, width: r.width, height: r.height))
        }.cropped(x: 0, y: 0, size: cover.size)
    }

    public func reveal(stego: RGBImage) throws -> RGBImage {
        let s = stego.paddedToEven()
        return tiling.assemble(s.size, label: "revealing") { r in
            network.revealSecret(s.tensor(x: r.x, y: r.y, width: r.width, height: r.height))
        }.cropped(x: 0, y: 0, size: stego.size)
    }
}
