extension RGBImage {
    /// One colour channel as integers, row-major (0 = R, 1 = G, 2 = B).
    func integerPlane(_ channel: Int) -> [Int32] {
        var plane = [Int32](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<plane.count { plane[i] = Int32(p[3 * i + channel]) }
        }
        return plane
    }

    /// Calls `body(u, v)` for every pair of horizontally or vertically adjacent samples of the
    /// same colour channel, in reading order.
    func forEachAdjacentPair(_ body: (Int32, Int32) -> Void) {
        for c in 0..<3 {
            let x = integerPlane(c)
            for row in 0..<height {
                let base = row * width
                for col in 0..<width {
                    let u = x[base + col]
                    if col + 1 < width { body(u, x[base + col + 1]) }
                    if row + 1 < height { body(u, x[base + width + col]) }
                }
            }
        }
    }
}

/// The smaller root in magnitude of a x² + b x + c = 0 (the root a structural detector wants:
/// the payload near zero); nil when there is no real root.
func smallerRoot(a: Double, b: Double, c: Double) -> Double? {
    guard abs(a) > 1e-12 else { return b == 0 ? nil : -c / b }
    let discriminant = b * b - 4 * a * c
    guard discriminant >= 0 else { return nil }
    let roots = [(-b - discriminant.squareRoot()) / (2 * a), (-b + discriminant.squareRoot()) / (2 * a)]
    return abs(roots[0]) <= abs(roots[1]) ? roots[0] : roots[1]
}
