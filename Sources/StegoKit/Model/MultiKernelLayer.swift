/// Baluja's layer: parallel 3x3, 4x4 and 5x5 convolutions ("same" padding; the even kernel pads
/// one more pixel after than before), each followed by ReLU, concatenated along channels:
/// [N, Cin, H, W] -> [N, 3 * width, H, W].
public final class MultiKernelLayer {
    public let convs: [Conv2D]
    public let width: Int
    /// The outputs of recorded forwards (their sign is the ReLU's mask).
    private var saved = SavedActivations<Tensor>()

    public init(name: String, inChannels: Int, width: Int) {
        self.width = width
        convs = [3, 4, 5].map { k in
            Conv2D(name: "\(name).conv\(k)", inChannels: inChannels, outChannels: width, kernelH: k, kernelW: k,
                   padding: Padding(top: (k - 1) / 2, left: (k - 1) / 2, bottom: k / 2, right: k / 2))
        }
    }

    public var outChannels: Int { 3 * width }
    public var parameters: [Parameter] { convs.flatMap(\.parameters) }

    public func forward(_ x: Tensor) -> Tensor {
        let y = ChannelConcat.forward(convs.map { LeakyReLU.forward($0.forward(x), slope: 0) })
        saved.push(y)
        return y
    }

    /// dy [N, 3 * width, H, W] -> dx [N, Cin, H, W]; accumulates parameter gradients.
    public func backward(_ dy: Tensor) -> Tensor {
        let y = saved.pop("MultiKernelLayer")
        let grads = ChannelConcat.backward(LeakyReLU.backward(dy, y: y, slope: 0), widths: [width, width, width])
        var dx: Tensor?
        for (conv, g) in zip(convs, grads) {
            let part = conv.backward(g)!
            if let sum = dx { Arithmetic.accumulate(sum, part) } else { dx = part }
        }
        return dx!
    }
}
