/// The logical shape of an image batch, in PyTorch's order: N images, C channels, H rows, W columns.
public struct TensorShape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var n: Int, c: Int, h: Int, w: Int

    public init(_ n: Int, _ c: Int, _ h: Int, _ w: Int) {
        self.n = n; self.c = c; self.h = h; self.w = w
    }

    public var count: Int { n * c * h * w }
    public var pixels: Int { n * h * w }
    public var description: String { "[\(n), \(c), \(h), \(w)]" }

    public func with(c: Int) -> TensorShape { TensorShape(n, c, h, w) }
}

/// A float32 image batch. The logical shape is (N, C, H, W) as in PyTorch, but the samples are
/// stored channels-last (NHWC): on this CPU oneDNN's convolutions run 4 to 10 times faster on
/// NHWC than on NCHW (docs/engine.md), and element-wise ops do not care. Channel ranges are
/// copied out and in (`channels`, `setChannels`): oneDNN falls back to its reference kernels on
/// strided sub-tensors, so zero-copy channel views would cost far more than the copies.
public final class Tensor: @unchecked Sendable {
    public let shape: TensorShape
    public let storage: FloatBuffer
    public var data: UnsafeMutablePointer<Float> { storage.pointer }
    public var count: Int { storage.count }

    public init(_ shape: TensorShape, zeroed: Bool = true) {
        self.shape = shape
        storage = FloatBuffer(count: shape.count, zeroed: zeroed)
    }

    /// Wraps NHWC-ordered values.
    public init(_ shape: TensorShape, nhwc values: [Float]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.shape = shape
        storage = FloatBuffer(values)
    }

    /// Builds from values in PyTorch's NCHW order.
    public convenience init(_ shape: TensorShape, nchw values: [Float]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.init(shape, zeroed: false)
        let (c, hw) = (shape.c, shape.h * shape.w)
        for n in 0..<shape.n { for ch in 0..<c { for p in 0..<hw {
            data[(n * hw + p) * c + ch] = values[(n * c + ch) * hw + p]
        } } }
    }

    /// The values in PyTorch's NCHW order.
    public var nchw: [Float] {
        let (c, hw) = (shape.c, shape.h * shape.w)
        var out = [Float](repeating: 0, count: count)
        for n in 0..<shape.n { for ch in 0..<c { for p in 0..<hw {
            out[(n * c + ch) * hw + p] = data[(n * hw + p) * c + ch]
        } } }
        return out
    }

    @inline(__always) public func offset(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Int {
        ((n * shape.h + y) * shape.w + x) * shape.c + c
    }

    public subscript(n: Int, c: Int, y: Int, x: Int) -> Float {
        get { data[offset(n, c, y, x)] }
        set { data[offset(n, c, y, x)] = newValue }
    }

    public func copy() -> Tensor {
        let out = Tensor(shape, zeroed: false)
        out.storage.copy(from: storage)
        return out
    }

    /// A new tensor holding channels `range` of every pixel.
    public func channels(_ range: Range<Int>) -> Tensor {
        let out = Tensor(shape.with(c: range.count), zeroed: false)
        copyChannels(from: self, range.lowerBound, to: out, 0, count: range.count)
        return out
    }

    /// Overwrites channels starting at `start` with all channels of `source`.
    public func setChannels(_ start: Int, from source: Tensor) {
        copyChannels(from: source, 0, to: self, start, count: source.shape.c)
    }

    /// Adds all channels of `source` into channels starting at `start`.
    public func addChannels(_ start: Int, from source: Tensor) {
        precondition(source.shape.pixels == shape.pixels && start + source.shape.c <= shape.c)
        let (sc, dc) = (source.shape.c, shape.c)
        let (src, dst) = (source.data, data)
        parallelChunks(shape.pixels, minimumPerThread: 1024) { pixels in
            for p in pixels {
                for k in 0..<sc { dst[p * dc + start + k] += src[p * sc + k] }
            }
        }
    }
}

/// Copies `count` channels of every pixel between tensors of the same N, H, W.
func copyChannels(from source: Tensor, _ sourceStart: Int, to target: Tensor, _ targetStart: Int, count: Int) {
    precondition(source.shape.pixels == target.shape.pixels, "pixel counts differ: \(source.shape) vs \(target.shape)")
    precondition(sourceStart + count <= source.shape.c && targetStart + count <= target.shape.c)
    let (sc, tc) = (source.shape.c, target.shape.c)
    let (src, dst) = (source.data + sourceStart, target.data + targetStart)
    parallelChunks(source.shape.pixels, minimumPerThread: 1024) { pixels in
        for p in pixels { (dst + p * tc).update(from: src + p * sc, count: count) }
    }
}
