/// A `DenseSubnet` compiled for inference on a blocked workspace [x, x1, x2, x3, x4] (x padded to
/// whole channel groups): conv k reads the workspace's first channels and writes x_k, LeakyReLU
/// fused, right after them, so the concatenations cost nothing; conv5 reads all of it and
/// writes the sub-network's output to a destination with a fused epilogue.
final class CompiledDenseSubnet {
    let convs: [InferenceConv]
    /// Channels of the workspace holding x (its logical channels padded to whole groups).
    let inputWidth: Int
    let growth: Int

    /// `outputWidth`: channels of the destination (the output's channels padded to whole groups).
    init(_ net: DenseSubnet, inputWidth: Int, outputWidth: Int, block: Int, epilogue: ConvEpilogue) {
        precondition(net.growth % block == 0 && inputWidth % block == 0 && inputWidth >= net.inChannels)
        self.inputWidth = inputWidth
        growth = net.growth
        // Workspace channel of each logical channel of [x, x1, x2, x3, x4].
        let slots = Array(0..<net.inChannels) + (0..<4 * net.growth).map { inputWidth + $0 }
        convs = net.convs.enumerated().map { k, conv in
            InferenceConv(conv, inputChannels: inputWidth + k * net.growth, inputSlots: Array(slots.prefix(conv.inChannels)),
                          outputChannels: k == 4 ? outputWidth : net.growth, block: block,
                          epilogue: k == 4 ? epilogue : .leakyReLU(slope: DenseSubnet.slope))
        }
    }

    /// The workspace channels: x and the four feature groups.
    var workspaceWidth: Int { inputWidth + 4 * growth }

    /// Runs on the x held in the first `inputWidth` channels of `workspace` (left intact; the
    /// channels after it are overwritten) and applies the epilogue to `destination`.
    func run(workspace: BlockedTensor, destination: UnsafeMutablePointer<Float>) {
        precondition(workspace.channels == workspaceWidth)
        let (h, w) = (workspace.h, workspace.w)
        for (k, conv) in convs.enumerated() {
            conv.run(source: workspace.pointer(channel: 0),
                     destination: k == 4 ? destination : workspace.pointer(channel: inputWidth + k * growth), h: h, w: w)
        }
    }
}
