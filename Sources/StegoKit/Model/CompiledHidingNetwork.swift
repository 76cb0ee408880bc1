/// A `HidingNetwork` compiled for hide and reveal (no gradients): both branches live in
/// blocked workspaces [branch, x1 ... x4] (see `CompiledDenseSubnet`), every convolution has its
/// LeakyReLU, coupling scale, addition or subtraction fused, and the only element-wise pass of
/// its own is the coupling's multiplication. Same results as the network's `hide` and `reveal`
/// up to float rounding; the weights are copied at compile time, so later training does not
/// reach a compiled network. With A in workspace WA and B in WB, block by block:
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
    /// whole number of channel groups; the network's own passes are then the way.
    public init?(_ network: HidingNetwork, block: Int? = BlockedTensor.preferredBlock) {
        guard let block, network.config.growth % block == 0 else { return nil }
        self.network = network
        self.block = block
        let width = (network.config.branchChannels + block - 1) / block * block
        self.width = width
        func coupling(_ b: InvertibleBlock, inverse: Bool) -> Coupling {
            let update: ConvEpilogue = inverse ? .subtract : .add
            func compile(_ net: DenseSubnet, _ epilogue: ConvEpilogue) -> CompiledDenseSubnet {
                CompiledDenseSubnet(net, inputWidth: width, outputWidth: width, block: block, epilogue: epilogue)
            }
            return Coupling(phi: compile(b.phi, update), rho: compile(b.rho, .couplingScale(clamp: b.clamp, reciprocal: inverse)),
                            eta: compile(b.eta, update))
        }
        forwardCouplings = network.blocks.map { coupling($0, inverse: false) }
        inverseCouplings = network.blocks.reversed().map { coupling($0, inverse: true) }
    }

    /// As `HidingNetwork.hide`: the cover-branch output A' [N, C, H/2, W/2].
    public func hide(cover: Tensor, secret: Tensor, latent: Tensor?) -> Tensor {
        let (a, b) = network.hidingInputs(cover: cover, secret: secret, latent: latent)
        return run(a, b, inverse: false).a
    }

    /// As `HidingNetwork.reveal`: the revealed secret [N, 3, H, W].
    public func reveal(stego: Tensor, z: (cover: Tensor?, secret: Tensor)) -> Tensor {
        let (a, b) = network.revealingInputs(stego: stego, z: z)
        return HaarWavelet.inverse(run(a, b, inverse: true).b.channels(0..<12))
    }

    /// Runs the blocks (or their inverses, last block first) on branches [N, C, h, w], one
    /// image at a time.
    private func run(_ a: Tensor, _ b: Tensor, inverse: Bool) -> (a: Tensor, b: Tensor) {
        let (h, w, c) = (a.shape.h, a.shape.w, a.shape.c)
        let subnetWidth = forwardCouplings[0].phi.workspaceWidth
        // Each workspace channel is loaded or written by a convolution (whole groups) before it is read.
        let wa = BlockedTensor(channels: subnetWidth, h: h, w: w, block: block, zeroed: false)
        let wb = BlockedTensor(channels: subnetWidth, h: h, w: w, block: block, zeroed: false)
        let scale = BlockedTensor(channels: width, h: h, w: w, block: block, zeroed: false)
        let out = (a: Tensor(a.shape, zeroed: false), b: Tensor(b.shape, zeroed: false))
        for n in 0..<a.shape.n {
            wa.load([a], image: n)
            wb.load([b], image: n)
            for coupling in inverse ? inverseCouplings : forwardCouplings {
                if inverse {
                    coupling.rho.run(workspace: wa, destination: scale.pointer(channel: 0))
                    coupling.eta.run(workspace: wa, destination: wb.pointer(channel: 0))
                    multiply(wb, by: scale)
                    coupling.phi.run(workspace: wb, destination: wa.pointer(channel: 0))
                } else {
                    coupling.phi.run(workspace: wb, destination: wa.pointer(channel: 0))
                    coupling.rho.run(workspace: wa, destination: scale.pointer(channel: 0))
                    multiply(wb, by: scale)
                    coupling.eta.run(workspace: wa, destination: wb.pointer(channel: 0))
                }
            }
            wa.store(channels: 0..<c, into: out.a, image: n)
            wb.store(channels: 0..<c, into: out.b, image: n)
        }
        return out
    }

    /// The oneDNN implementation of each kind of fused convolution at a wavelet-domain size,
    /// e.g. `leakyReLU(slope: 0.01): jit:avx2`.
    public func implementations(h: Int, w: Int) -> [String] {
        let convs = (forwardCouplings + inverseCouplings).flatMap { [$0.phi, $0.rho, $0.eta] }.flatMap(\.convs)
        var seen: [String: String] = [:]
        for conv in convs where seen["\(conv.epilogue)"] == nil { seen["\(conv.epilogue)"] = conv.implementation(h: h, w: w) }
        return seen.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    }

    /// The first `width` channels of `workspace` times `scale`, in place.
    private func multiply(_ workspace: BlockedTensor, by scale: BlockedTensor) {
        let (x, s) = (workspace.pointer(channel: 0), scale.pointer(channel: 0))
        parallelFor(width * workspace.h * workspace.w) { i in x[i] *= s[i] }
    }
}
