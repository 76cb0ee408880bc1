/// RS analysis (Fridrich, Goljan and Du 2001): estimates the fraction of samples whose least
/// significant bit was replaced by payload, from how flipping LSBs changes the smoothness of
/// small groups.
///
/// Groups are 4 horizontally adjacent samples of one channel, smoothness f = Σ|x(i+1) - x(i)|,
/// mask M = [0, 1, 1, 0]. F1 flips an LSB (0 <-> 1), F-1 is the shifted flip (-1 <-> 0, 1 <-> 2).
/// A group is Regular if flipping under M raises f and Singular if it lowers it; R_M, S_M with
/// F1 and R_-M, S_-M with F-1, measured on the image and on the image with every LSB flipped,
/// give the quadratic of the paper,
///   2(d1 + d0) x² + (d-0 - d-1 - d1 - 3 d0) x + d0 - d-0 = 0,  payload = x / (x - 1/2),
/// with d0 = R_M - S_M and d-0 = R_-M - S_-M on the image, d1 and d-1 on the flipped image.
public enum RSAnalysis {
    /// The estimated payload: about 0 for a clean image, 1 when every LSB carries payload.
    public static func payload(_ image: RGBImage) -> Double {
        let original = differences(image, flipAll: false), flipped = differences(image, flipAll: true)
        let (d0, dn0) = original, (d1, dn1) = flipped
        guard let x = smallerRoot(a: 2 * (d1 + d0), b: dn0 - dn1 - d1 - 3 * d0, c: d0 - dn0), x != 0.5 else { return 1 }
        return x / (x - 0.5)
    }

    /// (R_M - S_M, R_-M - S_-M) as fractions of the groups.
    private static func differences(_ image: RGBImage, flipAll: Bool) -> (Double, Double) {
        let mask: [Int32] = [0, 1, 1, 0]
        var regular = 0, singular = 0, regularNeg = 0, singularNeg = 0, groups = 0
        let groupsPerRow = image.width / 4
        var g = [Int32](repeating: 0, count: 4), p = g, n = g
        func smoothness(_ x: [Int32]) -> Int32 { abs(x[1] - x[0]) + abs(x[2] - x[1]) + abs(x[3] - x[2]) }
        for c in 0..<3 {
            let plane = image.integerPlane(c)
            for row in 0..<image.height {
                for k in 0..<groupsPerRow {
                    for i in 0..<4 {
                        let x = plane[row * image.width + 4 * k + i] ^ (flipAll ? 1 : 0)
                        g[i] = x
                        p[i] = mask[i] == 1 ? x ^ 1 : x
                        n[i] = mask[i] == 1 ? ((x + 1) ^ 1) - 1 : x
                    }
                    let f = smoothness(g), fp = smoothness(p), fn = smoothness(n)
                    if fp > f { regular += 1 } else if fp < f { singular += 1 }
                    if fn > f { regularNeg += 1 } else if fn < f { singularNeg += 1 }
                    groups += 1
                }
            }
        }
        let total = Double(max(groups, 1))
        return (Double(regular - singular) / total, Double(regularNeg - singularNeg) / total)
    }
}
