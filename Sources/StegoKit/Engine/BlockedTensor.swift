import CDNNL

/// One image's activations in oneDNN's blocked layout (nChw8c on AVX2, nChw16c on AVX-512):
/// channels in groups of `block`, each group a contiguous H x W x block array. A range of whole
/// groups is therefore one contiguous slice, so a dense network's concatenations [x, x1, x2, ...]
/// are just neighbouring slices of one buffer and need no copies; and oneDNN's convolutions run
/// up to twice as fast on it as on NHWC at 32-80 input channels (docs/engine.md). Channels past
/// the logical count up to a whole group are zero.
public final class BlockedTensor: @unchecked Sendable {
    /// Channels stored (a multiple of `block`), rows, columns.
    public let channels: Int, h: Int, w: Int
    public let block: Int
    public let storage: FloatBuffer

    /// `zeroed: false` leaves the storage as the allocator gives it: for workspaces whose every
    /// channel is written (by `load` or a convolution) before it is read, which saves a
    /// single-threaded pass over hundreds of MB per large image.
    public init(channels: Int, h: Int, w: Int, block: Int, zeroed: Bool = true) {
        precondition(channels % block == 0, "\(channels) channels are not whole groups of \(block)")
        self.channels = channels; self.h = h; self.w = w; self.block = block
        storage = FloatBuffer(count: channels * h * w, zeroed: zeroed)
    }

    /// The first value of channel `c`, which must start a group.
    public func pointer(channel c: Int) -> UnsafeMutablePointer<Float> {
        precondition(c % block == 0 && c <= channels)
        return storage.pointer + c * h * w
    }

    /// The oneDNN descriptor of `channels` channels of this layout at this size.
    func desc(channels: Int) -> dnnl_memory_desc_t {
        memoryDesc4(1, channels, h, w, Self.layout(block: block))
    }

    /// oneDNN's format tag for groups of `block` channels (8 or 16).
    static func layout(block: Int) -> dnnl_format_tag_t { block == 16 ? dnnl_nChw16c : dnnl_nChw8c }

    /// Writes the channels of `parts` (image `n` of each, NHWC), one after the other, from
    /// channel `first` (which starts a group), and zeros the rest of the last group they touch;
    /// other groups stay as they are.
    public func load(_ parts: [Tensor], image n: Int = 0, at first: Int = 0) {
        precondition(first % block == 0)
        var start = first
        for part in parts {
            precondition(part.shape.h == h && part.shape.w == w && start + part.shape.c <= channels)
            let (c, src, dst, b, plane) = (part.shape.c, part.data + n * h * w * part.shape.c, storage.pointer, block, h * w * block)
            parallelFor(h * w, minimumPerThread: 4096) { p in
                for k in 0..<c {
                    let channel = start + k
                    dst[(channel / b) * plane + p * b + channel % b] = src[p * c + k]
                }
            }
            start += c
        }
        let (used, group, b, plane, dst) = (start % block, start / block, block, h * w * block, storage.pointer)
        guard used > 0 else { return }
        parallelFor(h * w, minimumPerThread: 4096) { p in
            (dst + group * plane + p * b + used).update(repeating: 0, count: b - used)
        }
    }

    /// Copies channels `range` into all channels of image `n` of `target` (NHWC).
    public func store(channels range: Range<Int>, into target: Tensor, image n: Int = 0) {
        precondition(target.shape.h == h && target.shape.w == w && target.shape.c == range.count && range.upperBound <= channels)
        let (c, lo, src, dst, b, plane) = (range.count, range.lowerBound, storage.pointer, target.data + n * h * w * range.count, block, h * w * block)
        parallelFor(h * w, minimumPerThread: 4096) { p in
            for k in 0..<c {
                let channel = lo + k
                dst[p * c + k] = src[(channel / b) * plane + p * b + channel % b]
            }
        }
    }

    /// The channel block of the compiled inference path on this CPU: the block oneDNN chooses
    /// for 3x3 convolutions when free to (jit:avx2 picks nChw8c, jit:avx512_core nChw16c), or
    /// else the first block one of its optimized kernels runs directly (brgconv on AVX-512 with
    /// bf16, e.g. AMD Zen 4, prefers NHWC but also runs nChw16c); nil when neither (then hide and
    /// reveal use the network's own passes).
    public static let preferredBlock: Int? = {
        let chosen = InferenceConv.probe(layout: dnnl_format_tag_any)!.desc(dnnl_query_src_md)
        if let block = [16, 8].first(where: { chosen.matches(memoryDesc4(1, 32, 32, 32, layout(block: $0))) }) { return block }
        return [16, 8].first { InferenceConv.probe(layout: layout(block: $0)).map { !$0.implementation.hasPrefix("ref") } ?? false }
    }()
}
