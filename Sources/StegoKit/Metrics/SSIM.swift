import Foundation

/// Structural similarity (Wang et al. 2004) as scikit-image computes it with
/// `gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255`:
/// local statistics under an 11x11 Gaussian window (truncated at 3.5 sigma), averaged over the
/// positions where the whole window lies inside the image. scikit-image filters with reflected
/// borders and then drops a 5-pixel margin, so both give the same mean.
public enum SSIM {
    public static let radius = 5
    public static let window = 2 * radius + 1
    static let weights: [Double] = {
        let sigma = 1.5
        let w = (-radius...radius).map { exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }()

    /// Mean SSIM of two planes of 0...255 values; nil when a side is shorter than the window.
    public static func mean(_ a: Plane, _ b: Plane) -> Double? {
        precondition(a.width == b.width && a.height == b.height)
        let w = a.width, h = a.height
        guard w >= window, h >= window else { return nil }
        let c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255)
        let outW = w - 2 * radius, outH = h - 2 * radius
        // Horizontally filtered rows of x, y, x², y², xy, kept for the last `window` rows only.
        var ring = [[Double]](repeating: [Double](repeating: 0, count: 5 * outW), count: window)
        var total = 0.0
        var xRow = [Double](repeating: 0, count: w), yRow = xRow
        xRow.withUnsafeMutableBufferPointer { x in
            yRow.withUnsafeMutableBufferPointer { y in
                for row in 0..<h {
                    a.row(row, into: x)
                    b.row(row, into: y)
                    filterRow(x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), outWidth: outW, into: &ring[row % window])
                    guard row >= window - 1 else { continue }
                    for col in 0..<outW {
                        var m = (0.0, 0.0, 0.0, 0.0, 0.0)
                        for k in 0..<window {
                            let r = ring[(row - window + 1 + k) % window]
                            let g = weights[k]
                            m.0 += g * r[col]
                            m.1 += g * r[outW + col]
                            m.2 += g * r[2 * outW + col]
                            m.3 += g * r[3 * outW + col]
                            m.4 += g * r[4 * outW + col]
                        }
                        let (ux, uy) = (m.0, m.1)
                        let vx = m.2 - ux * ux, vy = m.3 - uy * uy, vxy = m.4 - ux * uy
                        total += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
                    }
                }
            }
        }
        return total / Double(outW * outH)
    }

    private static func filterRow(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, outWidth: Int, into out: inout [Double]) {
        for col in 0..<outWidth {
            var s = (0.0, 0.0, 0.0, 0.0, 0.0)
            for k in 0..<window {
                let g = weights[k]
                let xv = x[col + k], yv = y[col + k]
                s.0 += g * xv
                s.1 += g * yv
                s.2 += g * xv * xv
                s.3 += g * yv * yv
                s.4 += g * xv * yv
            }
            out[col] = s.0
            out[outWidth + col] = s.1
            out[2 * outWidth + col] = s.2
            out[3 * outWidth + col] = s.3
            out[4 * outWidth + col] = s.4
        }
    }
}
