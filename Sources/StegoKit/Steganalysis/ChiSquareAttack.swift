/// The chi-square attack (Westfeld and Pfitzmann 1999) on sequential LSB replacement, on pairs
/// of samples: replacing LSBs with random bits makes the four values of each LSB class
/// {2a, 2a+1} x {2b, 2b+1} of a pair of horizontally adjacent samples (same channel) equally
/// likely, while in a photo neighbours are more often equal than one apart. (The original test
/// on single-sample histograms, pairs of values (2k, 2k+1), cannot tell photos whose histograms
/// are smooth from stego images: on the test photos it gave 1.0 for half the clean ones.)
///
/// Pearson's χ² of the classes against equal counts (3 degrees of freedom per class with an
/// expected count of at least 5 per value) runs on growing prefixes of the pairs in file order
/// (row by row, R, G, B per pixel, the order in which a naive tool embeds); the payload estimate
/// is the longest prefix, in steps of 1%, whose classes still look equalized (p-value at least
/// 0.05). It does not see payload spread at random over the image: SPA and RS do.
public enum ChiSquareAttack {
    /// Fraction of the samples, from the start, that look like embedded payload (0...1).
    public static func payload(_ image: RGBImage) -> Double {
        guard image.width >= 2 else { return 0 }
        let rowSamples = image.width * 3, pairCount = image.height * (image.width - 1) * 3
        var classes = [Int](repeating: 0, count: 128 * 128 * 4)
        var added = 0, estimate = 0.0
        image.pixels.withUnsafeBufferPointer { p in
            var row = 0, offset = 0  // the next pair: first sample at row * rowSamples + offset
            for step in 1...100 {
                let end = pairCount * step / 100
                while added < end {
                    let u = Int(p[row * rowSamples + offset]), v = Int(p[row * rowSamples + offset + 3])
                    classes[((u >> 1) * 128 + (v >> 1)) * 4 + (u & 1) * 2 + (v & 1)] += 1
                    added += 1
                    offset += 1
                    if offset == rowSamples - 3 { offset = 0; row += 1 }
                }
                if let pValue = pValue(classes), pValue >= 0.05 { estimate = Double(step) / 100 }
            }
        }
        return estimate
    }

    /// The p-value that every class's four counts are equal; nil when no class has enough.
    static func pValue(_ classes: [Int]) -> Double? {
        var statistic = 0.0, used = 0
        for c in stride(from: 0, to: classes.count, by: 4) {
            let total = classes[c] + classes[c + 1] + classes[c + 2] + classes[c + 3]
            guard total >= 20 else { continue }
            let expected = Double(total) / 4
            for k in 0..<4 { statistic += (Double(classes[c + k]) - expected) * (Double(classes[c + k]) - expected) / expected }
            used += 1
        }
        guard used > 0 else { return nil }
        return ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: 3 * used)
    }
}
