import Foundation

/// Element-wise helpers: each output element depends on the same element of the inputs, so the
/// NHWC layout does not matter and the loop is split across threads.
@inline(__always)
func mapElements(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
    let out = Tensor(x.shape, zeroed: false)
    let (src, dst) = (x.data, out.data)
    parallelChunks(x.count) { range in for i in range { dst[i] = f(src[i]) } }
    return out
}

@inline(__always)
func zipElements(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    precondition(a.shape == b.shape, "shapes differ: \(a.shape) vs \(b.shape)")
    let out = Tensor(a.shape, zeroed: false)
    let (pa, pb, dst) = (a.data, b.data, out.data)
    parallelChunks(a.count) { range in for i in range { dst[i] = f(pa[i], pb[i]) } }
    return out
}

@inline(__always)
func zipElements(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float) -> Tensor {
    precondition(a.shape == b.shape && b.shape == c.shape, "shapes differ: \(a.shape), \(b.shape), \(c.shape)")
    let out = Tensor(a.shape, zeroed: false)
    let (pa, pb, pc, dst) = (a.data, b.data, c.data, out.data)
    parallelChunks(a.count) { range in for i in range { dst[i] = f(pa[i], pb[i], pc[i]) } }
    return out
}
