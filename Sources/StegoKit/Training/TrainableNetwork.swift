/// Which network `stego train` trains, and its size: one of the invertible hiding networks
/// (HiNet, DLV-HiNet) or a Baluja-style pair.
public enum NetworkSpec: Equatable, Sendable {
    case hiding(HidingNetworkConfig)
    case baluja(BalujaNetwork.Config)

    public var metadata: [String: String] {
        switch self {
        case .hiding(let c): return c.metadata
        case .baluja(let c): return c.metadata
        }
    }

    /// Reads the spec back from checkpoint metadata.
    public init(metadata: [String: String]) throws {
        self = metadata["method"] == "baluja" ? .baluja(try BalujaNetwork.Config(metadata: metadata))
                                              : .hiding(try HidingNetworkConfig(metadata: metadata))
    }

    /// The preset `name` for `method` (dlv-hinet, hinet or baluja).
    public static func preset(_ name: String, method: MethodName) -> NetworkSpec? {
        switch method {
        case .dlvHinet, .hinet: return HidingNetworkConfig.preset(name, dualLatent: method == .dlvHinet).map { .hiding($0) }
        case .baluja: return BalujaNetwork.Config.preset(name).map { .baluja($0) }
        case .lsb4, .stc: return nil
        }
    }

    public func make() -> TrainableNetwork {
        switch self {
        case .hiding(let c): return .hiding(HidingNetwork(config: c))
        case .baluja(let c): return .baluja(BalujaNetwork(config: c))
        }
    }
}

/// The loss parts and image quality of one training step.
public struct StepReport: Sendable {
    public var total: Double
    /// Named loss terms, in display order.
    public var parts: [(name: String, value: Double)]
    /// PSNR in dB of the 8-bit stego against the cover, and of the revealed secret.
    public var stegoPSNR: Double, secretPSNR: Double
}

/// A network under training.
public enum TrainableNetwork {
    case hiding(HidingNetwork)
    case baluja(BalujaNetwork)

    public var parameters: [Parameter] {
        switch self {
        case .hiding(let n): return n.parameters
        case .baluja(let n): return n.parameters
        }
    }

    public func initialize(using rng: inout some RandomNumberGenerator) {
        switch self {
        case .hiding(let n): n.initialize(using: &rng)
        case .baluja(let n): n.initialize(using: &rng)
        }
    }

    /// One forward and backward pass on a batch; adds the parameter gradients.
    public func step(cover: Tensor, secret: Tensor, options: TrainingOptions, using rng: inout some RandomNumberGenerator) -> StepReport {
        switch self {
        case .hiding(let n):
            var w: Tensor?
            if n.config.dualLatent {
                w = Tensor(cover.shape.with(c: 2))
                fillGaussian(w!, using: &rng)
            }
            let z = options.gaussianRevealLatent ? n.gaussianLatent(for: cover.shape, using: &rng) : n.zeroLatent(for: cover.shape)
            let r = options.objective.step(n, cover: cover, secret: secret, latent: w, z: z)
            let luma = options.objective.lumaWeight != 0 ? [("luma", r.luma)] : []
            let chroma = options.objective.chromaWeight != 0 ? [("chroma", r.chroma)] : []
            return StepReport(total: r.total, parts: [("recon", r.reconstruction), ("guide", r.guide), ("low", r.lowFrequency)] + luma + chroma,
                              stegoPSNR: r.stegoPSNR, secretPSNR: r.secretPSNR)
        case .baluja(let n):
            let r = n.trainingStep(cover: cover, secret: secret)
            return StepReport(total: r.total, parts: [("cover mse", r.coverMSE), ("secret mse", r.secretMSE)],
                              stegoPSNR: r.stegoPSNR, secretPSNR: r.secretPSNR)
        }
    }

    /// The network as a hide/reveal method, for validation.
    public func method(options: TrainingOptions) -> any StegoMethod {
        switch self {
        case .hiding(let n): return InvertibleHiding(network: n, gaussianRevealLatent: options.gaussianRevealLatent, seed: options.seed)
        case .baluja(let n): return BalujaHiding(network: n)
        }
    }
}
