/// The shape of an invertible hiding network: HiNet (no latent) or DLV-HiNet (a 2-channel
/// Gaussian latent w, one channel joining each branch).
public struct HidingNetworkConfig: Equatable, Sendable {
    public var dualLatent: Bool
    public var blocks: Int
    public var growth: Int
    public var clamp: Float = 2

    public init(dualLatent: Bool, blocks: Int, growth: Int, clamp: Float = 2) {
        self.dualLatent = dualLatent
        self.blocks = blocks
        self.growth = growth
        self.clamp = clamp
    }

    /// Channels per branch in the wavelet domain: 12 image channels (3 colours x 4 subbands),
    /// plus the 4 subbands of one latent channel for DLV-HiNet.
    public var branchChannels: Int { dualLatent ? 16 : 12 }

    /// The paper's DLV-HiNet: 16 blocks, 16 channels per branch, growth 32 (about 4.54 M parameters).
    public static let dlvHiNetPaper = HidingNetworkConfig(dualLatent: true, blocks: 16, growth: 32)
    /// HiNet-dagger: no latent, 18 blocks to match DLV-HiNet's parameter count (about 4.56 M).
    public static let hiNetPaper = HidingNetworkConfig(dualLatent: false, blocks: 18, growth: 32)

    /// Named sizes: `paper` (above), `small` and `tiny` for this CPU and for tests. HiNet's
    /// block count is raised to match DLV-HiNet's parameter count, as in the paper's ablation.
    public static func preset(_ name: String, dualLatent: Bool) -> HidingNetworkConfig? {
        switch (name, dualLatent) {
        case ("paper", true): return dlvHiNetPaper
        case ("paper", false): return hiNetPaper
        case ("small", true): return HidingNetworkConfig(dualLatent: true, blocks: 4, growth: 16)
        case ("small", false): return HidingNetworkConfig(dualLatent: false, blocks: 5, growth: 16)
        case ("tiny", true): return HidingNetworkConfig(dualLatent: true, blocks: 2, growth: 8)
        case ("tiny", false): return HidingNetworkConfig(dualLatent: false, blocks: 3, growth: 8)
        default: return nil
        }
    }

    public var parameterCount: Int {
        let c = branchChannels, g = growth
        let perSubnet = (0..<5).map { k in
            let cin = c + k * g, cout = k == 4 ? c : g
            return cout * cin * 9 + cout
        }.reduce(0, +)
        return blocks * 3 * perSubnet
    }

    /// Convolution FLOPs of one pass (hide or reveal) per image pixel: 3 sub-networks per block
    /// at a quarter of the pixels, 2 FLOPs per multiply-add.
    public var flopsPerPixel: Double {
        let c = branchChannels, g = growth
        let macs = (0..<5).map { k in (k == 4 ? c : g) * (c + k * g) * 9 }.reduce(0, +)
        return Double(blocks * 3 * macs * 2) / 4
    }

    /// Checkpoint metadata (safetensors `__metadata__`).
    public var metadata: [String: String] {
        ["method": dualLatent ? "dlv-hinet" : "hinet", "blocks": "\(blocks)", "growth": "\(growth)",
         "clamp": "\(clamp)", "branch_channels": "\(branchChannels)"]
    }

    public init(metadata: [String: String]) throws {
        guard let method = metadata["method"], method == "dlv-hinet" || method == "hinet",
              let blocks = metadata["blocks"].flatMap(Int.init), let growth = metadata["growth"].flatMap(Int.init),
              let clamp = metadata["clamp"].flatMap(Float.init) else {
            throw StegoError.badInput("checkpoint metadata does not describe a hinet or dlv-hinet network")
        }
        guard (1...64).contains(blocks), (1...256).contains(growth), clamp.isFinite, clamp > 0, clamp <= 20 else {
            throw StegoError.badInput("checkpoint metadata out of range: blocks \(blocks) (1-64), growth \(growth) (1-256), clamp \(clamp) (0-20]")
        }
        self.init(dualLatent: method == "dlv-hinet", blocks: blocks, growth: growth, clamp: clamp)
    }
}
