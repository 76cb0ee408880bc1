import CDNNL

/// Zero padding added on each side of the input.
public struct Padding: Hashable, Sendable {
    public var top: Int, left: Int, bottom: Int, right: Int

    public init(top: Int, left: Int, bottom: Int, right: Int) {
        self.top = top; self.left = left; self.bottom = bottom; self.right = right
    }

    /// `p` on every side.
    public static func same(_ p: Int) -> Padding { Padding(top: p, left: p, bottom: p, right: p) }
}

/// 2-D convolution with bias (PyTorch's `nn.Conv2d`), computed by oneDNN on NHWC activations.
/// Parameters are kept in PyTorch's layout (`weight` [O, I, kh, kw], `bias` [O]); each call
/// reorders them into the layout the primitive chose (a few KB, negligible next to the
/// convolution). Primitives are created once per input shape and cached.
public final class Conv2D {
    public let inChannels: Int, outChannels: Int
    public let kernel: (h: Int, w: Int)
    public let stride: Int
    public let padding: Padding
    public let weight: Parameter
    public let bias: Parameter
    private var plans: [TensorShape: ConvPlan] = [:]
    /// The inputs of recorded forwards, needed by `backward` for the weight gradient.
    private var saved = SavedActivations<Tensor>()

    public convenience init(name: String, inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Padding) {
        self.init(name: name, inChannels: inChannels, outChannels: outChannels, kernelH: kernel, kernelW: kernel,
                  stride: stride, padding: padding)
    }

    public init(name: String, inChannels: Int, outChannels: Int, kernelH: Int, kernelW: Int, stride: Int = 1, padding: Padding) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        kernel = (kernelH, kernelW)
        self.stride = stride
        self.padding = padding
        weight = Parameter(name: name + ".weight", shape: [outChannels, inChannels, kernelH, kernelW])
        bias = Parameter(name: name + ".bias", shape: [outChannels])
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(_ x: TensorShape) -> TensorShape {
        TensorShape(x.n, outChannels,
                    (x.h + padding.top + padding.bottom - kernel.h) / stride + 1,
                    (x.w + padding.left + padding.right - kernel.w) / stride + 1)
    }

    /// x [N, Cin, H, W] -> y [N, Cout, H', W']. Saves x.
    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.c == inChannels, "conv expects \(inChannels) channels, got \(x.shape)")
        saved.push(x)
        let plan = self.plan(x.shape)
        let y = Tensor(plan.outputShape, zeroed: false)
        plan.forward(x: x, y: y, weight: weight.value, bias: bias.value)
        return y
    }

    /// dy [N, Cout, H', W'] -> dx [N, Cin, H, W] (nil unless `inputGradient`) for the latest
    /// recorded forward; adds the weight and bias gradients into `weight.grad` and `bias.grad`.
    public func backward(_ dy: Tensor, inputGradient: Bool = true) -> Tensor? {
        let x = saved.pop("Conv2D")
        backwardWeights(dy, input: x)
        return inputGradient ? backwardData(dy, input: x) : nil
    }

    /// Adds dL/dweight and dL/dbias, for input x and output gradient dy, to the gradients.
    public func backwardWeights(_ dy: Tensor, input x: Tensor) {
        plan(x.shape).backwardWeights(x: x, dy: dy, weightGrad: weight.grad, biasGrad: bias.grad)
    }

    /// dy [N, Cout, H', W'] -> dx [N, Cin, H, W] for an input of x's shape.
    public func backwardData(_ dy: Tensor, input x: Tensor) -> Tensor {
        let dx = Tensor(x.shape, zeroed: false)
        plan(x.shape).backwardData(dy: dy, dx: dx, weight: weight.value)
        return dx
    }

    private func plan(_ shape: TensorShape) -> ConvPlan {
        if let plan = plans[shape] { return plan }
        let plan = ConvPlan(input: shape, conv: self)
        plans[shape] = plan
        return plan
    }

    /// The name of the oneDNN implementation used for `shape` (e.g. `brgconv:avx512_core`).
    public func implementation(for shape: TensorShape) -> String { plan(shape).forwardPrimitive.implementation }
}

/// The primitives and memory objects of one convolution at one input shape. Backward
/// primitives are made on first use, so inference never builds them.
private final class ConvPlan {
    let outputShape: TensorShape
    let forwardPrimitive: DNNLPrimitive
    let src: DNNLMemory, dst: DNNLMemory, bias: DNNLMemory
    let userWeights: DNNLMemory, forwardWeights: DNNLMemory
    let toForwardWeights: Reorder?
    private let descs: ConvDescs
    private let geometry: (stride: Int, padding: Padding)
    private lazy var dataBackward = DataBackward(plan: self)
    private lazy var weightsBackward = WeightsBackward(plan: self)

    init(input: TensorShape, conv: Conv2D) {
        outputShape = conv.outputShape(input)
        geometry = (conv.stride, conv.padding)
        let srcDesc = memoryDesc4(input.n, input.c, input.h, input.w, dnnl_nhwc)
        let dstDesc = memoryDesc4(outputShape.n, outputShape.c, outputShape.h, outputShape.w, dnnl_nhwc)
        let anyWeights = memoryDesc4(conv.outChannels, conv.inChannels, conv.kernel.h, conv.kernel.w, dnnl_format_tag_any)
        var biasDesc = dnnl_memory_desc_t()
        check(stego_md1(&biasDesc, Int64(conv.outChannels)), "bias desc")
        descs = (srcDesc, anyWeights, biasDesc, dstDesc)
        forwardPrimitive = convolutionPrimitive(kind: 0, descs: descs, geometry: geometry, hint: nil)!
        src = DNNLMemory(srcDesc, allocate: false)
        dst = DNNLMemory(dstDesc, allocate: false)
        bias = DNNLMemory(biasDesc, allocate: false)
        userWeights = DNNLMemory(memoryDesc4(conv.outChannels, conv.inChannels, conv.kernel.h, conv.kernel.w, dnnl_oihw), allocate: false)
        let chosen = forwardPrimitive.desc(dnnl_query_weights_md)
        forwardWeights = chosen.matches(userWeights.desc) ? userWeights : DNNLMemory(chosen, allocate: true)
        toForwardWeights = Reorder(from: userWeights, to: forwardWeights)
    }

    func forward(x: Tensor, y: Tensor, weight: FloatBuffer, bias biasValues: FloatBuffer) {
        userWeights.bind(weight.pointer)
        toForwardWeights?.run()
        src.bind(x.data)
        dst.bind(y.data)
        bias.bind(biasValues.pointer)
        forwardPrimitive.execute([(DNNL_ARG_SRC, src), (DNNL_ARG_WEIGHTS, forwardWeights), (DNNL_ARG_BIAS, bias), (DNNL_ARG_DST, dst)])
    }

    func backwardData(dy: Tensor, dx: Tensor, weight: FloatBuffer) {
        userWeights.bind(weight.pointer)
        let b = dataBackward
        b.toWeights?.run()
        dst.bind(dy.data)
        src.bind(dx.data)
        b.primitive.execute([(DNNL_ARG_DIFF_DST, dst), (DNNL_ARG_WEIGHTS, b.weights), (DNNL_ARG_DIFF_SRC, src)])
    }

    func backwardWeights(x: Tensor, dy: Tensor, weightGrad: FloatBuffer, biasGrad: FloatBuffer) {
        let b = weightsBackward
        src.bind(x.data)
        dst.bind(dy.data)
        b.primitive.execute([(DNNL_ARG_SRC, src), (DNNL_ARG_DIFF_DST, dst), (DNNL_ARG_DIFF_WEIGHTS, b.diffWeights),
                             (DNNL_ARG_DIFF_BIAS, b.diffBias)])
        b.toUserLayout?.run()
        // oneDNN overwrites; gradients accumulate (a layer may run several times per step).
        accumulate(weightGrad, b.userDiffWeights.pointer)
        accumulate(biasGrad, b.diffBias.pointer)
    }

    private func accumulate(_ grad: FloatBuffer, _ source: UnsafeMutablePointer<Float>) {
        for i in 0..<grad.count { grad.pointer[i] += source[i] }
    }

    final class DataBackward {
        let primitive: DNNLPrimitive
        let weights: DNNLMemory
        let toWeights: Reorder?

        init(plan: ConvPlan) {
            primitive = convolutionPrimitive(kind: 1, descs: plan.descs, geometry: plan.geometry, hint: plan.forwardPrimitive)!
            let chosen = primitive.desc(dnnl_query_weights_md)
            weights = chosen.matches(plan.userWeights.desc) ? plan.userWeights : DNNLMemory(chosen, allocate: true)
            toWeights = Reorder(from: plan.userWeights, to: weights)
        }
    }

    final class WeightsBackward {
        let primitive: DNNLPrimitive
        let diffWeights: DNNLMemory, userDiffWeights: DNNLMemory, diffBias: DNNLMemory
        let toUserLayout: Reorder?

        init(plan: ConvPlan) {
            primitive = convolutionPrimitive(kind: 2, descs: plan.descs, geometry: plan.geometry, hint: plan.forwardPrimitive)!
            diffWeights = DNNLMemory(primitive.desc(dnnl_query_diff_weights_md), allocate: true)
            userDiffWeights = diffWeights.desc.matches(plan.userWeights.desc)
                ? diffWeights : DNNLMemory(plan.userWeights.desc, allocate: true)
            toUserLayout = Reorder(from: diffWeights, to: userDiffWeights)
            diffBias = DNNLMemory(plan.descs.bias, allocate: true)
        }
    }
}
