/// A `DenseSubnet` compiled for inference on a blocked workspace that holds its input x (padded
/// to whole channel groups) next to room for its four feature groups x1 ... x4: conv k reads x
/// and the features before it as one contiguous slice and writes x_k, LeakyReLU fused, next to
/// that slice, so the concatenations cost nothing; conv5 reads x and all features and writes the
/// sub-network's output to a destination with a fused epilogue.
///
/// Where x sits decides the order: `.first` is [x, x1, x2, x3, x4] (the features after x),
/// `.last` is [x4, x3, x2, x1, x] (the features before it, in reverse), so that two
/// sub-networks, one on each end of a workspace [A, features, B], share the feature channels.
final class CompiledDenseSubnet {
    enum Placement { case first, last }

    let convs: [InferenceConv]
    let placement: Placement
    /// Channels of the workspace holding x (its logical channels padded to whole groups).
    let inputWidth: Int
    let growth: Int

    /// `outputWidth`: channels of the destination (the output's channels padded to whole groups);
    /// `winograd` and `scratchpad`: see `InferenceConv`.
    init(_ net: DenseSubnet, placement: Placement, inputWidth: Int, outputWidth: Int, block: Int, epilogue: ConvEpilogue,
         winograd: Bool, scratchpad: DNNLScratchpad) {
        precondition(net.growth % block == 0 && inputWidth % block == 0 && inputWidth >= net.inChannels)
        self.placement = placement
        self.inputWidth = inputWidth
        growth = net.growth
        convs = net.convs.enumerated().map { k, conv in
            // Where, within conv k's source slice ([x, x1 ... xk] or [xk ... x1, x]), x and each
            // feature group x_(j+1) start: the weights' input channels are placed there.
            let xStart = placement == .first ? 0 : k * net.growth
            let features = (0..<k).map { j in placement == .first ? inputWidth + j * net.growth : (k - 1 - j) * net.growth }
            let slots = (0..<net.inChannels).map { xStart + $0 } + features.flatMap { start in (0..<net.growth).map { start + $0 } }
            return InferenceConv(conv, inputChannels: inputWidth + k * net.growth, inputSlots: slots,
                                 outputChannels: k == 4 ? outputWidth : net.growth, block: block,
                                 epilogue: k == 4 ? epilogue : .leakyReLU(slope: DenseSubnet.slope), winograd: winograd,
                                 scratchpad: scratchpad)
        }
    }

    /// Channels of x and its features, whichever side of them x is on.
    var span: Int { inputWidth + 4 * growth }

    /// Runs on the x held at the start (`.first`) or the end (`.last`) of `workspace`: x is left
    /// intact, the feature channels next to it are overwritten, and the epilogue is applied to
    /// `destination`.
    func run(workspace: BlockedTensor, destination: UnsafeMutablePointer<Float>) {
        precondition(span <= workspace.channels)
        let start = placement == .first ? 0 : workspace.channels - span
        let (h, w) = (workspace.h, workspace.w)
        for (k, conv) in convs.enumerated() {
            // Conv k's source slice and, for k < 4, the channel it writes x_(k+1) to.
            let (source, output) = placement == .first
                ? (start, start + inputWidth + k * growth)
                : (start + (4 - k) * growth, start + (3 - k) * growth)
            conv.run(source: workspace.pointer(channel: source),
                     destination: k == 4 ? destination : workspace.pointer(channel: output), h: h, w: w)
        }
    }
}
