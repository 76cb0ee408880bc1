/// The orthonormal Haar wavelet transform in HiNet's convention (SPEC section 1). For each 2x2
/// block a b / c d of each input channel k:
///   LL = (a+b+c+d)/2, HL = (b+d-a-c)/2, LH = (c+d-a-b)/2, HH = (a+d-b-c)/2,
/// written to output channels k, C+k, 2C+k, 3C+k (subband-major, colour-minor).
/// The transform is orthonormal, so its inverse is its transpose: `inverse` is also the
/// backward of `forward`, and `forward` the backward of `inverse`.
public enum HaarWavelet {
    /// [N, C, H, W] -> [N, 4C, H/2, W/2]; H and W must be even.
    public static func forward(_ x: Tensor) -> Tensor {
        let s = x.shape
        precondition(s.h % 2 == 0 && s.w % 2 == 0, "Haar transform needs even sides, got \(s)")
        let out = Tensor(TensorShape(s.n, 4 * s.c, s.h / 2, s.w / 2), zeroed: false)
        let (c, src, dst) = (s.c, x.data, out.data)
        let (oh, ow) = (s.h / 2, s.w / 2)
        parallelFor(s.n * oh, minimumPerThread: 8) { row in
            let (n, y) = (row / oh, row % oh)
            for xo in 0..<ow {
                let a = src + x.offset(n, 0, 2 * y, 2 * xo), b = a + c
                let cc = a + s.w * c, d = cc + c
                let o = dst + out.offset(n, 0, y, xo)
                for k in 0..<c {
                    let (va, vb, vc, vd) = (a[k], b[k], cc[k], d[k])
                    o[k] = 0.5 * (va + vb + vc + vd)
                    o[c + k] = 0.5 * (vb + vd - va - vc)
                    o[2 * c + k] = 0.5 * (vc + vd - va - vb)
                    o[3 * c + k] = 0.5 * (va + vd - vb - vc)
                }
            }
        }
        return out
    }

    /// [N, 4C, H, W] -> [N, C, 2H, 2W].
    public static func inverse(_ x: Tensor) -> Tensor {
        let s = x.shape
        precondition(s.c % 4 == 0, "inverse Haar transform needs 4k channels, got \(s)")
        let c = s.c / 4
        let out = Tensor(TensorShape(s.n, c, 2 * s.h, 2 * s.w), zeroed: false)
        let (src, dst) = (x.data, out.data)
        parallelFor(s.n * s.h, minimumPerThread: 8) { row in
            let (n, y) = (row / s.h, row % s.h)
            for xi in 0..<s.w {
                let i = src + x.offset(n, 0, y, xi)
                let a = dst + out.offset(n, 0, 2 * y, 2 * xi), b = a + c
                let cc = a + 2 * s.w * c, d = cc + c
                for k in 0..<c {
                    let (ll, hl, lh, hh) = (i[k], i[c + k], i[2 * c + k], i[3 * c + k])
                    a[k] = 0.5 * (ll - hl - lh + hh)
                    b[k] = 0.5 * (ll + hl - lh - hh)
                    cc[k] = 0.5 * (ll - hl + lh - hh)
                    d[k] = 0.5 * (ll + hl + lh + hh)
                }
            }
        }
        return out
    }
}
