/// A `HidingNetwork` compiled for hide and reveal (no gradients): both branches live in one
/// blocked workspace [A, x1 ... x4, B] whose feature channels the sub-networks on A (rho, eta)
/// and on B (phi) take in turn (see `CompiledDenseSubnet`); every convolution has its
/// LeakyReLU, coupling scale, addition or subtraction fused (except the LeakyReLU of a Winograd
/// convolution, a pass of its own: see `InferenceConv`), and the only other element-wise pass is
/// the coupling's multiplication. Same results as the network's `hide` and `reveal`
/// up to float rounding; the weights are copied at compile time, so later training does not
/// reach a compiled network. Block by block:
///   forward:  A += phi(B);  S = e(rho(A));    B *= S;  B += eta(A)
///   inverse:  S = 1/e(rho(A));  B -= eta(A);  B *= S;  A -= phi(B)
public final class CompiledHidingNetwork {
    public let network: HidingNetwork
    private let block: Int
    /// Channels per branch, padded to whole groups (the padding channels stay zero).
    private let width: Int
    private let forwardCouplings: [Coupling], inverseCouplings: [Coupling]

    private struct Coupling {
        let phi: CompiledDenseSubnet, rho: CompiledDenseSubnet, eta: CompiledDenseSubnet
    }

    /// Nil when oneDNN does not prefer a blocked layout on this CPU or the growth rate is not a
    /// whole number of channel groups; the network's own passes are then the way. `winograd`:
    /// Winograd convolutions where oneDNN has them (see `InferenceConv`); false times the direct ones.
    public init?(_ network: HidingNetwork, block: Int? = BlockedTensor.preferredBlock, winograd: Bool = true) {
        guard let block, network.config.growth % block == 0 else { return nil }
        self.network = network
        self.block = block
        let width = (network.config.branchChannels + block - 1) / block * block
        self.width = width
        let scratchpad = DNNLScratchpad()  // the convolutions run one at a time
        func coupling(_ b: InvertibleBlock, inverse: Bool) -> Coupling {
            let update: ConvEpilogue = inverse ? .subtract : .add
            func compile(_ net: DenseSubnet, _ placement: CompiledDenseSubnet.Placement, _ epilogue: ConvEpilogue) -> CompiledDenseSubnet {
                CompiledDenseSubnet(net, placement: placement, inputWidth: width, outputWidth: width, block: block, epilogue: epilogue,
                                    winograd: winograd, scratchpad: scratchpad)
            }
            return Coupling(phi: compile(b.phi, .last, update),
                            rho: compile(b.rho, .first, .couplingScale(clamp: b.clamp, reciprocal: inverse)),
                            eta: compile(b.eta, .first, update))
        }
        forwardCouplings = network.blocks.map { coupling($0, inverse: false) }
        inverseCouplings = network.blocks.reversed().map { coupling($0, inverse: true) }
    }

    /// As `HidingNetwork.stegoImage(coverBranch: network.hide(...))`: the stego image [N, 3, H, W]
    /// before rounding.
    public func hide(cover: Tensor, secret: Tensor, latent: Tensor?) -> Tensor {
        let (a, b) = network.hidingInputs(cover: cover, secret: secret, latent: latent)
        return HaarWavelet.inverse(run(a, b, inverse: false))
    }

    /// As `HidingNetwork.reveal`: the revealed secret [N, 3, H, W].
    public func reveal(stego: Tensor, z: (cover: Tensor?, secret: Tensor)) -> Tensor {
        let (a, b) = network.revealingInputs(stego: stego, z: z)
        return HaarWavelet.inverse(run(a, b, inverse: true))
    }

    /// Runs the blocks (or their inverses, last block first) on the branches given as channel
    /// parts [N, c, h, w], one image at a time, and returns the 12 image channels of the branch
    /// that is kept: A' after the blocks, B'' after their inverses.
    private func run(_ a: [Tensor], _ b: [Tensor], inverse: Bool) -> Tensor {
        let shape = a[0].shape
        let features = 4 * network.config.growth, bStart = width + features
        // Each workspace channel is loaded or written by a convolution (whole groups) before it is read.
        let workspace = BlockedTensor(channels: 2 * width + features, h: shape.h, w: shape.w, block: block, zeroed: false)
        let scale = BlockedTensor(channels: width, h: shape.h, w: shape.w, block: block, zeroed: false)
        let (branchA, branchB, s) = (workspace.pointer(channel: 0), workspace.pointer(channel: bStart), scale.pointer(channel: 0))
        let out = Tensor(shape.with(c: 12), zeroed: false)
        for n in 0..<shape.n {
            workspace.load(a, image: n, at: 0)
            workspace.load(b, image: n, at: bStart)
            for coupling in inverse ? inverseCouplings : forwardCouplings {
                if inverse {
                    coupling.rho.run(workspace: workspace, destination: s)
                    coupling.eta.run(workspace: workspace, destination: branchB)
                    multiply(branchB, by: s, count: width * shape.h * shape.w)
                    coupling.phi.run(workspace: workspace, destination: branchA)
                } else {
                    coupling.phi.run(workspace: workspace, destination: branchA)
                    coupling.rho.run(workspace: workspace, destination: s)
                    multiply(branchB, by: s, count: width * shape.h * shape.w)
                    coupling.eta.run(workspace: workspace, destination: branchB)
                }
            }
            workspace.store(channels: inverse ? bStart..<bStart + 12 : 0..<12, into: out, image: n)
        }
        return out
    }

    /// Every convolution of the forward and inverse passes.
    var convolutions: [InferenceConv] { (forwardCouplings + inverseCouplings).flatMap { [$0.phi, $0.rho, $0.eta] }.flatMap(\.convs) }

    /// The oneDNN implementation of each kind of fused convolution at a wavelet-domain size,
    /// e.g. `32->16 leakyReLU(slope: 0.01): jit_wino_4x3:avx512_core`.
    public func implementations(h: Int, w: Int) -> [String] {
        var seen: [String: String] = [:]
        for conv in convolutions {
            let key = "\(conv.inputChannels)->\(conv.outputChannels) \(conv.epilogue)"
            if seen[key] == nil { seen[key] = conv.implementation(h: h, w: w) }
        }
        return seen.sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }.map { "\($0.key): \($0.value)" }
    }

    /// x[i] *= s[i] for the `count` values at x.
    private func multiply(_ x: UnsafeMutablePointer<Float>, by s: UnsafeMutablePointer<Float>, count: Int) {
        parallelChunks(count) { range in
            for i in range { x[i] *= s[i] }
        }
    }
}
