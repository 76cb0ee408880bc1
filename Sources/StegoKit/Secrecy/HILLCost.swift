/// HILL embedding costs (Li, Wang, Huang and Ni, "A new cost function for spatial image
/// steganography", ICIP 2014), per colour channel:
///
///     ρ = (1 / (|X ⊛ KB| ⊛ L₃ + ε)) ⊛ L₁₅
///
/// KB is Ker and Böhme's 3x3 high-pass filter, L₃ and L₁₅ are 3x3 and 15x15 means, borders
/// mirrored (MATLAB's 'symmetric'). Changes are cheap where the residual is strong (texture) and
/// dear where it is weak (smooth areas); the wide mean spreads a smooth area's cost around it.
/// Samples at 0 or 255 are wet: infinite cost, so a ±1 change never clips.
public enum HILLCost {
    static let epsilon: Float = 1e-10

    /// The cost of changing each sample of `image` by ±1, in the image's sample order.
    public static func costs(_ image: RGBImage) -> [Float] {
        let (width, height) = (image.width, image.height)
        var costs = [Float](repeating: 0, count: width * height * 3)
        costs.withUnsafeMutableBufferPointer { costs in
            parallelFor(3, minimumPerThread: 1) { channel in
                let plane = (0..<width * height).map { Float(image.pixels[$0 * 3 + channel]) }
                let residual = highPass(plane, width: width, height: height).map(abs)
                let inverse = boxMean(residual, width: width, height: height, radius: 1).map { 1 / ($0 + epsilon) }
                let cost = boxMean(inverse, width: width, height: height, radius: 7)
                for i in 0..<width * height {
                    let value = image.pixels[i * 3 + channel]
                    costs[i * 3 + channel] = value == 0 || value == 255 ? .infinity : cost[i]
                }
            }
        }
        return costs
    }

    /// X ⊛ KB, KB = [[-1, 2, -1], [2, -4, 2], [-1, 2, -1]] / 4 (the 1/4 cancels in the ratio of
    /// costs, but is kept as in the paper).
    static func highPass(_ x: [Float], width: Int, height: Int) -> [Float] {
        let kernel: [Float] = [-1, 2, -1, 2, -4, 2, -1, 2, -1]
        let columns = mirrored(width, radius: 1), rows = mirrored(height, radius: 1)
        var out = [Float](repeating: 0, count: x.count)
        for y in 0..<height {
            for xx in 0..<width {
                var sum: Float = 0
                for dy in 0..<3 {
                    let row = rows[y + dy] * width
                    for dx in 0..<3 { sum += kernel[dy * 3 + dx] * x[row + columns[xx + dx]] }
                }
                out[y * width + xx] = sum / 4
            }
        }
        return out
    }

    /// The mean over the (2 radius + 1)² window around each sample: a running sum along the rows,
    /// then along the columns, in Double: a flat area's costs near 1/ε = 1e10 leave the window
    /// beside costs near 1, which a Float sum would lose.
    static func boxMean(_ x: [Float], width: Int, height: Int, radius: Int) -> [Float] {
        let scale = 1 / Double(2 * radius + 1), window = 2 * radius + 1
        let columns = mirrored(width, radius: radius), rows = mirrored(height, radius: radius)
        var horizontal = [Float](repeating: 0, count: x.count), out = horizontal
        for y in 0..<height {
            let line = y * width
            var sum = 0.0
            for k in 0..<window { sum += Double(x[line + columns[k]]) }
            for xx in 0..<width {
                horizontal[line + xx] = Float(sum * scale)
                if xx + 1 < width { sum += Double(x[line + columns[xx + window]]) - Double(x[line + columns[xx]]) }
            }
        }
        var sums = [Double](repeating: 0, count: width)
        for k in 0..<window { for xx in 0..<width { sums[xx] += Double(horizontal[rows[k] * width + xx]) } }
        for y in 0..<height {
            for xx in 0..<width { out[y * width + xx] = Float(sums[xx] * scale) }
            if y + 1 < height {
                let (entering, leaving) = (rows[y + window] * width, rows[y] * width)
                for xx in 0..<width { sums[xx] += Double(horizontal[entering + xx]) - Double(horizontal[leaving + xx]) }
            }
        }
        return out
    }

    /// For i in -radius..<n+radius (stored at i + radius): the index of a line of n samples
    /// mirrored at both ends, edge sample repeated (…, 1, 0 | 0, 1, …).
    static func mirrored(_ n: Int, radius: Int) -> [Int] {
        (-radius..<n + radius).map { i in
            var i = i
            while i < 0 || i >= n { i = i < 0 ? -i - 1 : 2 * n - i - 1 }
            return i
        }
    }
}
