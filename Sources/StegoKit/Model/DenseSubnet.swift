/// HiNet's dense sub-network (`ResidualDenseBlock_out`), used for phi, rho and eta:
///   x1 = lrelu(conv1(x))
///   x2 = lrelu(conv2([x, x1]))
///   x3 = lrelu(conv3([x, x1, x2]))
///   x4 = lrelu(conv4([x, x1, x2, x3]))
///   out = conv5([x, x1, x2, x3, x4])
/// 3x3 convolutions with bias, padding 1; LeakyReLU slope 0.01; no residual add.
public final class DenseSubnet {
    public static let slope: Float = 0.01
    public let inChannels: Int, outChannels: Int, growth: Int
    public let convs: [Conv2D]
    /// For each recorded forward, the concatenated inputs of conv1...conv5 (conv k's input has
    /// C + (k-1) * growth channels); their last `growth` channels are the LeakyReLU outputs
    /// that backward needs.
    private var saved = SavedActivations<[Tensor]>()

    public init(name: String, inChannels: Int, outChannels: Int, growth: Int = 32) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.growth = growth
        convs = (1...5).map { k in
            Conv2D(name: "\(name).conv\(k)", inChannels: inChannels + (k - 1) * growth,
                   outChannels: k == 5 ? outChannels : growth, kernel: 3, padding: .same(1))
        }
    }

    public var parameters: [Parameter] { convs.flatMap(\.parameters) }

    /// HiNet's initialisation: every parameter 0.01 * N(0, 1), conv5 all zeros, so that a fresh
    /// sub-network outputs 0 and a fresh invertible block is the identity.
    public func initialize(using rng: inout some RandomNumberGenerator) {
        for conv in convs.dropLast() { for p in conv.parameters { p.initNormal(scale: 0.01, using: &rng) } }
        for p in convs[4].parameters { p.value.fill(0) }
    }

    /// x [N, Cin, H, W] -> [N, Cout, H, W]. Saves the five concatenated conv inputs.
    public func forward(_ x: Tensor) -> Tensor {
        var input = x
        var inputs = [x]
        for conv in convs.dropLast() {
            let features = conv.forward(input)
            LeakyReLU.forwardInPlace(features, slope: Self.slope)
            input = ChannelConcat.forward([input, features])
            inputs.append(input)
        }
        saved.push(inputs)
        return convs[4].forward(input)
    }

    /// dOut [N, Cout, H, W] -> dx [N, Cin, H, W]; accumulates the parameter gradients.
    public func backward(_ gradOut: Tensor) -> Tensor {
        let inputs = saved.pop("DenseSubnet")
        // Gradient with respect to the widest concatenation; earlier ones are its prefixes.
        let grad = convs[4].backward(gradOut)!
        for k in stride(from: 3, through: 0, by: -1) {
            let width = inputs[k].shape.c
            let features = inputs[k + 1].channels(width..<width + growth)
            let gradFeatures = LeakyReLU.backward(grad.channels(width..<width + growth), y: features, slope: Self.slope)
            grad.addChannels(0, from: convs[k].backward(gradFeatures)!)
        }
        return grad.channels(0..<inChannels)
    }
}
