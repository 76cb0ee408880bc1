import Foundation

extension RGBImage {
    /// Resamples to `size` with a separable Lanczos-3 filter. When shrinking, the filter is
    /// stretched by the scale factor so that it averages over the source pixels it covers
    /// (no aliasing); results are rounded and clamped to 0...255.
    public func resized(to size: ImageSize) -> RGBImage {
        if size == self.size { return self }
        let horizontal = Self.resampleWeights(from: width, to: size.width)
        let vertical = Self.resampleWeights(from: height, to: size.height)
        // Rows first (height x newWidth), then columns.
        var temp = [Double](repeating: 0, count: height * size.width * 3)
        for y in 0..<height {
            for x in 0..<size.width {
                let tap = horizontal[x]
                for c in 0..<3 {
                    var s = 0.0
                    for (k, w) in tap.weights.enumerated() { s += w * Double(pixels[(y * width + tap.first + k) * 3 + c]) }
                    temp[(y * size.width + x) * 3 + c] = s
                }
            }
        }
        var out = [UInt8](repeating: 0, count: size.width * size.height * 3)
        for y in 0..<size.height {
            let tap = vertical[y]
            for x in 0..<size.width {
                for c in 0..<3 {
                    var s = 0.0
                    for (k, w) in tap.weights.enumerated() { s += w * temp[((tap.first + k) * size.width + x) * 3 + c] }
                    out[(y * size.width + x) * 3 + c] = UInt8(max(0, min(255, s.rounded())))
                }
            }
        }
        return RGBImage(width: size.width, height: size.height, pixels: out)
    }

    private struct Taps {
        var first: Int
        var weights: [Double]
    }

    private static func lanczos3(_ x: Double) -> Double {
        if x == 0 { return 1 }
        if abs(x) >= 3 { return 0 }
        let px = Double.pi * x
        return 3 * sin(px) * sin(px / 3) / (px * px)
    }

    /// For each output index, the first source index and the normalized weights of its taps.
    private static func resampleWeights(from source: Int, to target: Int) -> [Taps] {
        let scale = Double(target) / Double(source)
        let stretch = max(1, 1 / scale)
        let support = 3 * stretch
        return (0..<target).map { i in
            let center = (Double(i) + 0.5) / scale - 0.5
            let lo = max(0, Int((center - support).rounded(.up)))
            let hi = min(source - 1, Int((center + support).rounded(.down)))
            var weights = (lo...hi).map { lanczos3((Double($0) - center) / stretch) }
            let total = weights.reduce(0, +)
            weights = weights.map { $0 / total }
            return Taps(first: lo, weights: weights)
        }
    }
}
