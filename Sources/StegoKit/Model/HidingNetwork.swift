/// HiNet's invertible hiding network in the Haar wavelet domain, and DLV-HiNet's dual latent
/// variable (SPEC sections 1 to 3). With A = DWT(cover) and B = DWT(secret) (12 channels each),
/// DLV-HiNet appends DWT(w0) to A and DWT(w1) to B, w ~ N(0, 1) of shape [N, 2, H, W]:
///   hide:    (A', B') = blocks(A, B);  stego = IDWT(A'[0..<12]);  the rest of A' and all of B' are lost
///   reveal:  (A'', B'') = blocks⁻¹([DWT(stego), z_A], z_B);  secret = IDWT(B''[0..<12])
/// where z = (z_A, z_B) stands in for the lost channels: zero (the default) or N(0, 1).
public final class HidingNetwork {
    public let config: HidingNetworkConfig
    public let blocks: [InvertibleBlock]

    public init(config: HidingNetworkConfig) {
        self.config = config
        blocks = (1...config.blocks).map {
            InvertibleBlock(name: "inv\($0)", cover: config.branchChannels, secret: config.branchChannels,
                            growth: config.growth, clamp: config.clamp)
        }
    }

    public var parameters: [Parameter] { blocks.flatMap(\.parameters) }

    /// HiNet's initialisation: each block starts as the identity.
    public func initialize(using rng: inout some RandomNumberGenerator) {
        for block in blocks { block.initialize(using: &rng) }
    }

    /// The cover-branch output A' [N, C, H/2, W/2] for cover and secret [N, 3, H, W] in [0, 1]
    /// and, for DLV-HiNet, the latent w [N, 2, H, W]. The stego image is IDWT(A'[0..<12]).
    public func hide(cover: Tensor, secret: Tensor, latent: Tensor?) -> Tensor {
        let parts = hidingInputs(cover: cover, secret: secret, latent: latent)
        var (a, b) = (ChannelConcat.forward(parts.a), ChannelConcat.forward(parts.b))
        for block in blocks { (a, b) = block.forward(a, b) }
        return a
    }

    /// The branches A and B [N, C, H/2, W/2] that the blocks take at hide time, each as the
    /// parts whose channels it concatenates.
    func hidingInputs(cover: Tensor, secret: Tensor, latent: Tensor?) -> (a: [Tensor], b: [Tensor]) {
        let a = HaarWavelet.forward(cover), b = HaarWavelet.forward(secret)
        guard config.dualLatent else { return ([a], [b]) }
        guard let w = latent else { preconditionFailure("DLV-HiNet needs the latent w") }
        return ([a, HaarWavelet.forward(w.channels(0..<1))], [b, HaarWavelet.forward(w.channels(1..<2))])
    }

    /// The stego image [N, 3, H, W] from the cover-branch output.
    public static func stegoImage(coverBranch: Tensor) -> Tensor {
        HaarWavelet.inverse(coverBranch.channels(0..<12))
    }

    /// The revealed secret [N, 3, H, W] from a (quantized) stego image [N, 3, H, W] and the
    /// stand-in z for the lost channels: `z.cover` [N, C-12, H/2, W/2] (nil for HiNet) and
    /// `z.secret` [N, C, H/2, W/2].
    public func reveal(stego: Tensor, z: (cover: Tensor?, secret: Tensor)) -> Tensor {
        let parts = revealingInputs(stego: stego, z: z)
        var (a, b) = (ChannelConcat.forward(parts.a), ChannelConcat.forward(parts.b))
        for block in blocks.reversed() { (a, b) = block.inverse(a, b) }
        return HaarWavelet.inverse(b.channels(0..<12))
    }

    /// The branches A'' and B'' [N, C, H/2, W/2] that the inverse blocks take at reveal time,
    /// as parts (see `hidingInputs`).
    func revealingInputs(stego: Tensor, z: (cover: Tensor?, secret: Tensor)) -> (a: [Tensor], b: [Tensor]) {
        ([HaarWavelet.forward(stego)] + (z.cover.map { [$0] } ?? []), [z.secret])
    }

    /// Backward of `reveal`: d(revealed secret) -> d(stego). Pops the reveal's saved activations.
    public func revealBackward(_ gradSecret: Tensor) -> Tensor {
        let c = config.branchChannels
        let waveletGrad = HaarWavelet.forward(gradSecret)
        var gradA = Tensor(waveletGrad.shape.with(c: c))
        var gradB = Tensor(waveletGrad.shape.with(c: c))
        gradB.setChannels(0, from: waveletGrad)
        for block in blocks { (gradA, gradB) = block.inverseBackward(gradA, gradB) }
        return HaarWavelet.inverse(gradA.channels(0..<12))
    }

    /// Backward of `hide`: d(cover-branch output) -> parameter gradients (the lost secret-branch
    /// output is not in the loss, so its gradient is zero). Pops the hide's saved activations.
    public func hideBackward(_ gradCoverBranch: Tensor) {
        var gradA = gradCoverBranch, gradB = Tensor(gradCoverBranch.shape)
        for block in blocks.reversed() { (gradA, gradB) = block.backward(gradA, gradB) }
    }

    /// Zero stand-ins for the lost channels, for a stego image of `shape` [N, 3, H, W].
    public func zeroLatent(for shape: TensorShape) -> (cover: Tensor?, secret: Tensor) {
        let half = TensorShape(shape.n, config.branchChannels, shape.h / 2, shape.w / 2)
        return (config.dualLatent ? Tensor(half.with(c: config.branchChannels - 12)) : nil, Tensor(half))
    }

    /// N(0, 1) stand-ins for the lost channels.
    public func gaussianLatent(for shape: TensorShape, using rng: inout some RandomNumberGenerator) -> (cover: Tensor?, secret: Tensor) {
        let z = zeroLatent(for: shape)
        for t in [z.cover, z.secret].compactMap({ $0 }) { fillGaussian(t, using: &rng) }
        return z
    }

    /// The window (x, y, width, height, in pixels of the stego image, even) of what
    /// `gaussianLatent(for: [1, 3, H, fullWidth], using: &origin)` would draw, without drawing the
    /// rest: tile by tile, the stand-ins do not depend on the tiling.
    func gaussianLatent(window: (x: Int, y: Int, width: Int, height: Int), fullSize: ImageSize,
                        origin: SeededGenerator) -> (cover: Tensor?, secret: Tensor) {
        let z = zeroLatent(for: TensorShape(1, 3, window.height, window.width))
        var start = origin
        for t in [z.cover, z.secret].compactMap({ $0 }) {
            let field = TensorShape(1, t.shape.c, fullSize.height / 2, fullSize.width / 2)
            fillGaussian(t, window: (window.x / 2, window.y / 2), of: field, from: start)
            start.skip(samples: field.count)
        }
        return z
    }
}

extension HidingNetwork {
    /// Loads a network saved by `stego train`, building it from the checkpoint's metadata;
    /// `expected` (hinet or dlv-hinet) guards against loading another method's weights.
    public convenience init(checkpoint file: SafeTensors, source: String, expectedDualLatent: Bool?) throws {
        let config = try HidingNetworkConfig(metadata: file.metadata)
        if let expected = expectedDualLatent, expected != config.dualLatent {
            throw StegoError.badInput("\(source): a \(config.metadata["method"]!) checkpoint, not \(expected ? "dlv-hinet" : "hinet")")
        }
        // Metadata alone must not make us allocate a network the file cannot hold.
        let stored = file.tensors.values.reduce(0) { $0 + $1.values.count }
        guard stored >= config.parameterCount else {
            throw StegoError.badInput("\(source): holds \(stored) values, but its metadata describes a network of \(config.parameterCount) parameters")
        }
        self.init(config: config)
        try Checkpoint.load(file, into: parameters, source: source)
    }

    /// The weights with the configuration in the metadata.
    public func checkpoint(extraMetadata: [String: String] = [:]) -> SafeTensors {
        SafeTensors(tensors: Checkpoint.tensors(of: parameters), metadata: config.metadata.merging(extraMetadata) { $1 })
    }
}

/// Fills with N(0, 1) samples.
public func fillGaussian(_ t: Tensor, using rng: inout some RandomNumberGenerator) {
    for i in 0..<t.count { t.data[i] = Float(Gaussian.sample(using: &rng)) }
}

/// The same samples as the generic version, drawn on all threads (a 1024x1024 latent is 2 M
/// samples, about 50 ms on one core): a SeededGenerator's state after k draws is its seed plus
/// k increments and each sample takes two draws, so every chunk starts its own generator where
/// the sequence would be. (`HidingNetworkTests` checks that the two agree.)
public func fillGaussian(_ t: Tensor, using rng: inout SeededGenerator) {
    let (start, dst) = (rng, t.data)
    parallelChunks(t.count, minimumPerThread: 65_536) { range in
        start.gaussians(range, into: dst + range.lowerBound)
    }
    rng.skip(samples: t.count)
}

/// Fills `t` [1, C, h, w] with the window at `corner` of the samples that `fillGaussian` would
/// draw from `origin` into a whole tensor of shape `field` [1, C, H, W] (NHWC, so each window
/// row is a run of w * C consecutive samples).
func fillGaussian(_ t: Tensor, window corner: (x: Int, y: Int), of field: TensorShape, from origin: SeededGenerator) {
    let (c, w) = (t.shape.c, t.shape.w)
    precondition(field.n == 1 && t.shape.n == 1 && field.c == c && corner.x + w <= field.w && corner.y + t.shape.h <= field.h)
    let dst = t.data
    parallelChunks(t.shape.h, minimumPerThread: 16) { rows in
        for row in rows {
            let first = ((corner.y + row) * field.w + corner.x) * c
            origin.gaussians(first..<first + w * c, into: dst + row * w * c)
        }
    }
}

extension SeededGenerator {
    /// Moves on past `samples` Gaussian samples (`Gaussian.sample` takes two draws each).
    mutating func skip(samples: Int) { state &+= UInt64(2 * samples) &* Self.increment }

    /// Writes the Gaussian samples `indices` of the sequence this generator would draw.
    func gaussians(_ indices: Range<Int>, into dst: UnsafeMutablePointer<Float>) {
        var rng = self
        rng.skip(samples: indices.lowerBound)
        for i in 0..<indices.count { dst[i] = Float(Gaussian.sample(using: &rng)) }
    }
}
