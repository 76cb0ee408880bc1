/// Sample Pair Analysis (Dumitrescu, Wu and Wang 2003), in Ker's trace-set form: estimates the
/// fraction of samples whose least significant bit was replaced by payload.
///
/// For adjacent samples (u, v) with d = v - u, E_d and O_d are the pairs with u even or odd.
/// Flipping LSBs moves pairs only among E_2m, E_2m+1, O_2m-1, O_2m, and natural images have
/// |E_d| = |O_d| for odd d > 0. If every LSB is flipped with probability f (payload p = 2f),
/// undoing the flips in the observed counts and asking for that equality gives
///   (D + S + Z) f² - (2D + Z) f + D = 0,
/// with D = E_odd - O_odd (odd d > 0), S = O_-1 + O_odd - E_odd + E_1, Z = pairs with d = 0.
/// Both orders of every horizontally and vertically adjacent pair of each channel are counted.
public enum SamplePairAnalysis {
    /// The estimated payload: about 0 for a clean image, 1 when every LSB carries payload.
    public static func payload(_ image: RGBImage) -> Double {
        var eOdd = 0, oOdd = 0, e1 = 0, oMinus1 = 0, z = 0
        func count(_ u: Int32, _ v: Int32) {
            let d = v - u
            let uEven = u & 1 == 0
            if d > 0, d & 1 == 1 { if uEven { eOdd += 1 } else { oOdd += 1 } }
            if d == 1, uEven { e1 += 1 }
            if d == -1, !uEven { oMinus1 += 1 }
        }
        image.forEachAdjacentPair { u, v in
            if u == v { z += 2; return }
            count(u, v)
            count(v, u)
        }
        let d = Double(eOdd - oOdd), s = Double(oMinus1 + oOdd - eOdd + e1)
        guard let f = smallerRoot(a: d + s + Double(z), b: -(2 * d + Double(z)), c: d) else { return 1 }
        return 2 * f
    }
}
