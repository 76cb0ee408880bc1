import Foundation

/// Residual features for the trained detector, in the spirit of the spatial rich model (Fridrich
/// and Kodovsky 2012), small enough to train on a few dozen images. 131 numbers per image:
///
/// - 5 sources: R, G, B and the colour differences R - G and B - G (hiding that moves its error
///   into colour shows there first);
/// - 5 high-pass residuals of each, with their quantization step q: first order horizontal and
///   vertical (q 1), second order horizontal and vertical (q 2), and the 3x3 KB kernel
///   [-1 2 -1; 2 -4 2; -1 2 -1] (q 4);
/// - per source and residual, 5 numbers: log(mean |r| + 0.001) (the residual's energy), and the
///   co-occurrence of two neighbouring residuals along the kernel's direction (horizontal for
///   the KB kernel) after quantizing round(r / q) and truncating to -1...1, as four classes
///   closed under sign change: (0,0); (1,1) and (-1,-1); (1,-1) and (-1,1); one zero and one not;
/// - 6 parity numbers, the asymmetry of LSB replacement: per channel, for the first-order
///   horizontal difference r = x(j+1) - x(j), P(r = +1 | x(j) even) - P(r = +1 | x(j) odd) and
///   the same for r = -1 (about 0 in clean images).
/// Every feature is a mean over the image, so images of any size are comparable.
public enum ResidualFeatures {
    public static let count = 5 * 5 * 5 + 6

    private struct Kernel {
        let name: String
        let taps: [(dy: Int, dx: Int, w: Int32)]
        let quantization: Int32
        /// The neighbour whose residual pairs with this one in the co-occurrence.
        let step: (dy: Int, dx: Int)
        /// How far the taps reach: residuals exist for rows reach.top..<height-reach.bottom etc.
        var reach: (top: Int, bottom: Int, left: Int, right: Int) {
            (-taps.map(\.dy).min()!, taps.map(\.dy).max()!, -taps.map(\.dx).min()!, taps.map(\.dx).max()!)
        }
    }

    private static let kernels: [Kernel] = [
        Kernel(name: "h1", taps: [(0, 0, -1), (0, 1, 1)], quantization: 1, step: (0, 1)),
        Kernel(name: "v1", taps: [(0, 0, -1), (1, 0, 1)], quantization: 1, step: (1, 0)),
        Kernel(name: "h2", taps: [(0, -1, 1), (0, 0, -2), (0, 1, 1)], quantization: 2, step: (0, 1)),
        Kernel(name: "v2", taps: [(-1, 0, 1), (0, 0, -2), (1, 0, 1)], quantization: 2, step: (1, 0)),
        Kernel(name: "kb", taps: [(-1, -1, -1), (-1, 0, 2), (-1, 1, -1), (0, -1, 2), (0, 0, -4), (0, 1, 2),
                                  (1, -1, -1), (1, 0, 2), (1, 1, -1)], quantization: 4, step: (0, 1)),
    ]

    private static let sourceNames = ["R", "G", "B", "R-G", "B-G"], channelNames = ["R", "G", "B"]

    /// What each feature of `of` is, in its order, e.g. "R-G kb energy", "B h1 cooc(1,-1)",
    /// "G parity -1".
    public static let names: [String] =
        sourceNames.flatMap { source in
            kernels.flatMap { kernel in
                ["energy", "cooc(0,0)", "cooc(1,1)", "cooc(1,-1)", "cooc(1,0)"].map { "\(source) \(kernel.name) \($0)" }
            }
        } + channelNames.flatMap { ["\($0) parity +1", "\($0) parity -1"] }

    /// The 131 features of `image` (at least 4x4 pixels).
    public static func of(_ image: RGBImage) -> [Double] {
        precondition(image.width >= 4 && image.height >= 4, "residual features need at least 4x4 pixels")
        let r = image.integerPlane(0), g = image.integerPlane(1), b = image.integerPlane(2)
        let sources = [r, g, b, zip(r, g).map { $0 - $1 }, zip(b, g).map { $0 - $1 }]
        var features: [Double] = []
        features.reserveCapacity(count)
        for source in sources {
            for kernel in kernels { features += statistics(source, width: image.width, height: image.height, kernel) }
        }
        for channel in [r, g, b] { features += parity(channel, width: image.width, height: image.height) }
        return features
    }

    /// Energy and the four co-occurrence classes of one residual of one plane.
    private static func statistics(_ x: [Int32], width: Int, height: Int, _ kernel: Kernel) -> [Double] {
        let reach = kernel.reach
        let rows = reach.top..<(height - reach.bottom), cols = reach.left..<(width - reach.right)
        let offsets = kernel.taps.map { $0.dy * width + $0.dx }, weights = kernel.taps.map(\.w)
        let pairOffset = kernel.step.dy * width + kernel.step.dx
        var residual = [Int32](repeating: 0, count: width * height)
        var absSum = 0.0
        x.withUnsafeBufferPointer { x in
            residual.withUnsafeMutableBufferPointer { r in
                for y in rows {
                    for i in (y * width + cols.lowerBound)..<(y * width + cols.upperBound) {
                        var v: Int32 = 0
                        for t in 0..<offsets.count { v += weights[t] * x[i + offsets[t]] }
                        r[i] = v
                        absSum += Double(abs(v))
                    }
                }
            }
        }
        // round(r / q), halves away from 0, truncated to -1...1: nonzero when |r| >= q / 2.
        let q = kernel.quantization
        func truncated(_ v: Int32) -> Int { 2 * abs(v) >= q ? (v > 0 ? 1 : -1) : 0 }
        var classes = [Double](repeating: 0, count: 4), pairs = 0.0
        residual.withUnsafeBufferPointer { r in
            for y in rows where rows.contains(y + kernel.step.dy) {
                for xx in cols where cols.contains(xx + kernel.step.dx) {
                    let i = y * width + xx
                    let a = truncated(r[i]), b = truncated(r[i + pairOffset])
                    classes[a == 0 && b == 0 ? 0 : a == b ? 1 : a == -b ? 2 : 3] += 1
                    pairs += 1
                }
            }
        }
        return [log(absSum / Double(rows.count * cols.count) + 0.001)] + classes.map { $0 / max(pairs, 1) }
    }

    /// P(r = +1 | even) - P(r = +1 | odd) and the same for -1, r the horizontal first difference.
    private static func parity(_ x: [Int32], width: Int, height: Int) -> [Double] {
        var counts = [[Double]](repeating: [0, 0, 0], count: 2)  // [parity][n, r = +1, r = -1]
        for y in 0..<height {
            for col in 0..<(width - 1) {
                let u = x[y * width + col], r = x[y * width + col + 1] - u
                let p = Int(u & 1)
                counts[p][0] += 1
                if r == 1 { counts[p][1] += 1 } else if r == -1 { counts[p][2] += 1 }
            }
        }
        func rate(_ p: Int, _ k: Int) -> Double { counts[p][k] / max(counts[p][0], 1) }
        return [rate(0, 1) - rate(1, 1), rate(0, 2) - rate(1, 2)]
    }
}
