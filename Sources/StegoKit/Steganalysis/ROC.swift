/// The area under the ROC curve of a detector's scores, and a bootstrap interval for it.
public enum ROC {
    /// P(score of a positive > score of a negative), ties counting one half (Mann-Whitney).
    public static func auc(positives: [Double], negatives: [Double]) -> Double {
        precondition(!positives.isEmpty && !negatives.isEmpty, "AUC needs both classes")
        var wins = 0.0
        for p in positives {
            for n in negatives { wins += p > n ? 1 : p == n ? 0.5 : 0 }
        }
        return wins / Double(positives.count * negatives.count)
    }

    /// The AUC with a 95% percentile interval from a bootstrap over groups (images): every
    /// resample draws whole groups with replacement, so the quadrants of one image stay together.
    /// Each element of `groups` holds one group's (positive scores, negative scores).
    public static func aucWithInterval(groups: [(positives: [Double], negatives: [Double])],
                                       resamples: Int = 1000, seed: UInt64 = 1) -> Estimate {
        func auc(_ chosen: [Int]) -> Double? {
            let p = chosen.flatMap { groups[$0].positives }, n = chosen.flatMap { groups[$0].negatives }
            return p.isEmpty || n.isEmpty ? nil : ROC.auc(positives: p, negatives: n)
        }
        let value = auc(Array(groups.indices))!
        var rng = SeededGenerator(seed: seed)
        var values = (0..<resamples).compactMap { _ in auc(groups.indices.map { _ in Int.random(in: groups.indices, using: &rng) }) }
        values.sort()
        guard !values.isEmpty else { return Estimate(auc: value, low: value, high: value) }
        let at = { (q: Double) in values[min(values.count - 1, Int(q * Double(values.count - 1) + 0.5))] }
        return Estimate(auc: value, low: at(0.025), high: at(0.975))
    }

    public struct Estimate: Sendable, Equatable {
        public var auc: Double, low: Double, high: Double
    }
}
