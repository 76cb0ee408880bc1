import CDNNL

/// What an `InferenceConv` does with its result, fused into oneDNN's kernel as post-ops so that
/// it costs no pass over memory of its own.
public enum ConvEpilogue: Hashable, Sendable {
    /// destination = result
    case none
    /// destination = max(result, slope * result)
    case leakyReLU(slope: Float)
    /// destination += result
    case add
    /// destination -= result
    case subtract
    /// destination = e(result) = exp(clamp * 2 * (sigmoid(result) - 0.5)), or 1 / e(result)
    /// when `reciprocal`: the scale of an invertible block's affine coupling.
    case couplingScale(clamp: Float, reciprocal: Bool)
}

/// A trained `Conv2D` compiled for inference on `BlockedTensor` channel slices: the weights are
/// copied once (inference never changes them) into the primitive's layout, with zero rows and
/// columns for the channels that pad a slice to whole groups, and the epilogue is fused.
/// Primitives are created once per image size.
///
/// With `winograd`, a 3x3 stride-1 convolution of 32 or more input channels uses oneDNN's
/// Winograd F(4x4, 3x3) kernel where this CPU has one (AVX-512): 4x fewer multiplications, about
/// twice as fast here (docs/engine.md), with float rounding of the same order as the direct
/// kernel's. That kernel fuses a sum but not a leaky ReLU, which then takes a pass of its own; at
/// 16 input channels it is slower than the direct kernel, so those stay direct.
public final class InferenceConv {
    public let inputChannels: Int, outputChannels: Int
    public let epilogue: ConvEpilogue
    private let block: Int
    private let winograd: Bool
    private let geometry: (stride: Int, padding: Padding)
    private let kernel: (h: Int, w: Int)
    /// [outputChannels, inputChannels, kh, kw] and [outputChannels], zero where padded.
    private let weights: FloatBuffer, bias: FloatBuffer
    let scratchpad: DNNLScratchpad
    /// Plans for the sizes run last, the latest first: a tiled image has at most four sizes
    /// (inner, right, bottom and corner tiles), and each plan holds its primitive's code and
    /// weights, so a run over images of many sizes would otherwise keep them all.
    private var plans: [(size: Size, plan: Plan)] = []
    private static let keptSizes = 4

    private struct Size: Equatable { var h: Int, w: Int }

    /// How many image sizes have a plan kept.
    var keptPlans: Int { plans.count }

    /// `inputSlots[i]`: the channel of the blocked input that holds the conv's input channel i.
    /// Output channel o goes to channel o; channels from `conv.outChannels` to `outputChannels`
    /// come out zero (or as the epilogue makes zero: unchanged for add and subtract).
    /// `scratchpad`: shared with the convolutions that run in turn with this one.
    public init(_ conv: Conv2D, inputChannels: Int, inputSlots: [Int], outputChannels: Int, block: Int, epilogue: ConvEpilogue,
                winograd: Bool = false, scratchpad: DNNLScratchpad) {
        precondition(inputSlots.count == conv.inChannels && inputSlots.allSatisfy { $0 < inputChannels })
        precondition(inputChannels % block == 0 && outputChannels % block == 0 && outputChannels >= conv.outChannels)
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.block = block
        self.epilogue = epilogue
        self.scratchpad = scratchpad
        self.winograd = winograd && conv.kernel == (3, 3) && conv.stride == 1 && inputChannels >= 32
        geometry = (conv.stride, conv.padding)
        kernel = conv.kernel
        let taps = kernel.h * kernel.w
        weights = FloatBuffer(count: outputChannels * inputChannels * taps)
        bias = FloatBuffer(count: outputChannels)
        // oneDNN's AVX2 kernels fuse a sum only on its own with scale 1 (a negative scale, or a
        // negation before it, falls back to the reference kernel, 100x slower), so subtraction
        // negates the weights and bias instead: exact, since -(w x + b) = (-w) x + (-b).
        let sign: Float = epilogue == .subtract ? -1 : 1
        let source = conv.weight.value.pointer
        for o in 0..<conv.outChannels {
            bias[o] = sign * conv.bias.value[o]
            for (i, slot) in inputSlots.enumerated() {
                for t in 0..<taps { weights[((o * inputChannels + slot) * taps) + t] = sign * source[(o * conv.inChannels + i) * taps + t] }
            }
        }
    }

    /// Convolves the `inputChannels` channels at `source` into the `outputChannels` channels at
    /// `destination`, both blocked slices of an h x w image.
    public func run(source: UnsafeMutablePointer<Float>, destination: UnsafeMutablePointer<Float>, h: Int, w: Int) {
        let size = Size(h: h, w: w)
        let plan = plans.firstIndex { $0.size == size }.map { plans.remove(at: $0).plan } ?? Plan(self, size)
        plans.insert((size, plan), at: 0)
        if plans.count > Self.keptSizes { plans.removeLast() }
        plan.src.bind(source)
        plan.dst.bind(destination)
        var arguments = [(DNNL_ARG_SRC, plan.src), (DNNL_ARG_WEIGHTS, plan.weights), (DNNL_ARG_BIAS, plan.bias), (DNNL_ARG_DST, plan.dst)]
        if let (memory, bytes) = plan.scratchpad {
            memory.bind(raw: scratchpad.pointer(bytes: bytes))
            arguments.append((DNNL_ARG_SCRATCHPAD, memory))
        }
        plan.primitive.execute(arguments)
        if let slope = plan.separateLeakySlope {
            LeakyReLU.forwardInPlace(destination, count: outputChannels * h * w, slope: slope)
        }
    }

    /// The implementation oneDNN chose at an image size (e.g. `jit:avx2`).
    public func implementation(h: Int, w: Int) -> String { Plan(self, Size(h: h, w: w)).primitive.implementation }

    private final class Plan {
        let primitive: DNNLPrimitive
        let src: DNNLMemory, dst: DNNLMemory, weights: DNNLMemory, bias: DNNLMemory
        /// Where the primitive needs scratch space: its memory and size, bound to the shared buffer.
        let scratchpad: (DNNLMemory, bytes: Int)?
        /// Set when the primitive left the epilogue's leaky ReLU to a pass of its own.
        let separateLeakySlope: Float?

        init(_ conv: InferenceConv, _ size: Size) {
            let tag = BlockedTensor.layout(block: conv.block)
            let out = (h: (size.h + conv.geometry.padding.top + conv.geometry.padding.bottom - conv.kernel.h) / conv.geometry.stride + 1,
                       w: (size.w + conv.geometry.padding.left + conv.geometry.padding.right - conv.kernel.w) / conv.geometry.stride + 1)
            let userWeightsDesc = memoryDesc4(conv.outputChannels, conv.inputChannels, conv.kernel.h, conv.kernel.w, dnnl_oihw)
            var biasDesc = dnnl_memory_desc_t()
            check(stego_md1(&biasDesc, Int64(conv.outputChannels)), "bias desc")
            let descs: ConvDescs = (memoryDesc4(1, conv.inputChannels, size.h, size.w, tag),
                                    memoryDesc4(conv.outputChannels, conv.inputChannels, conv.kernel.h, conv.kernel.w, dnnl_format_tag_any),
                                    biasDesc, memoryDesc4(1, conv.outputChannels, out.h, out.w, tag))
            // Winograd where it has a kernel for the epilogue, less a leaky ReLU; else direct with all of it.
            var primitive: DNNLPrimitive?
            var separateLeakySlope: Float?
            if conv.winograd {
                if case .leakyReLU(let slope) = conv.epilogue {
                    primitive = Self.convolution(winograd: true, descs, conv.geometry, epilogue: .none).flatMap(Self.fastWinograd)
                    separateLeakySlope = primitive == nil ? nil : slope
                } else {
                    primitive = Self.convolution(winograd: true, descs, conv.geometry, epilogue: conv.epilogue).flatMap(Self.fastWinograd)
                }
            }
            guard let primitive = primitive ?? Self.convolution(winograd: false, descs, conv.geometry, epilogue: conv.epilogue) else {
                preconditionFailure("oneDNN has no inference convolution for \(conv.inputChannels)->\(conv.outputChannels) with \(conv.epilogue)")
            }
            self.separateLeakySlope = separateLeakySlope
            self.primitive = primitive
            src = DNNLMemory(descs.src, allocate: false)
            dst = DNNLMemory(descs.dst, allocate: false)
            bias = DNNLMemory(biasDesc, allocate: false)
            bias.bind(conv.bias.pointer)
            let userWeights = DNNLMemory(userWeightsDesc, allocate: false)
            userWeights.bind(conv.weights.pointer)
            let chosen = primitive.desc(dnnl_query_weights_md)
            weights = chosen.matches(userWeightsDesc) ? userWeights : DNNLMemory(chosen, allocate: true)
            Reorder(from: userWeights, to: weights)?.run()
            var scratchpadDesc = primitive.desc(dnnl_query_scratchpad_md)
            let bytes = dnnl_memory_desc_get_size(&scratchpadDesc)
            scratchpad = bytes > 0 ? (DNNLMemory(scratchpadDesc, allocate: false), bytes) : nil
        }

        /// Only oneDNN's F(4x4, 3x3) kernel (`jit_wino_4x3`) pays: on an Intel Xeon with AVX-512
        /// oneDNN 2.6 offers its F(2x2, 3x3) kernel (`jit_fp32_wino_2x3`) instead, and hide +
        /// reveal of a 1024x1024 pair with the 8-block network took 11.1 s with it against 8.0 s
        /// direct (session 12; on Zen 4, `jit_wino_4x3`: 2.08 s against 3.19 s for 4 blocks).
        static func fastWinograd(_ primitive: DNNLPrimitive) -> DNNLPrimitive? {
            primitive.implementation.contains("wino_4x3") ? primitive : nil
        }

        /// A forward-inference convolution with `epilogue` fused as post-ops, or nil when oneDNN
        /// has no such kernel.
        static func convolution(winograd: Bool, _ descs: ConvDescs, _ geometry: (stride: Int, padding: Padding),
                                epilogue: ConvEpilogue) -> DNNLPrimitive? {
            var attributes: dnnl_primitive_attr_t?
            check(dnnl_primitive_attr_create(&attributes), "attr_create")
            defer { dnnl_primitive_attr_destroy(attributes) }
            var postOps: dnnl_post_ops_t?
            check(dnnl_post_ops_create(&postOps), "post_ops_create")
            defer { dnnl_post_ops_destroy(postOps) }
            switch epilogue {
            case .none: break
            case .leakyReLU(let slope):
                check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_relu, slope, 0), "leaky relu post-op")
            case .add, .subtract:
                // Subtraction adds the result of the negated weights (see init).
                check(dnnl_post_ops_append_sum(postOps, 1), "sum post-op")
            case .couplingScale(let clamp, let reciprocal):
                let sign: Float = reciprocal ? -1 : 1
                check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_logistic, 0, 0), "sigmoid post-op")
                check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_linear, sign * 2 * clamp, -sign * clamp), "linear post-op")
                check(dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_exp, 0, 0), "exp post-op")
            }
            check(dnnl_primitive_attr_set_post_ops(attributes, postOps), "set_post_ops")
            check(dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user), "set_scratchpad_mode")
            return convolutionPrimitive(kind: winograd ? 4 : 3, descs: descs, geometry: geometry, hint: nil, attributes: attributes)
        }
    }

    /// A 32-channel 3x3 forward-inference convolution with source and destination in `layout`
    /// (`dnnl_format_tag_any`: oneDNN chooses), or nil when oneDNN has no implementation for it.
    static func probe(layout: dnnl_format_tag_t) -> DNNLPrimitive? {
        var biasDesc = dnnl_memory_desc_t()
        check(stego_md1(&biasDesc, 32), "bias desc")
        let descs: ConvDescs = (memoryDesc4(1, 32, 32, 32, layout), memoryDesc4(32, 32, 3, 3, dnnl_format_tag_any),
                                biasDesc, memoryDesc4(1, 32, 32, 32, layout))
        return convolutionPrimitive(kind: 3, descs: descs, geometry: (1, .same(1)), hint: nil)
    }
}
