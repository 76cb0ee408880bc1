/// The area under the ROC curve of a detector's scores, and a bootstrap interval for it.
public enum ROC {
    /// P(score of a positive > score of a negative), ties counting one half (Mann-Whitney), from
    /// the positives' rank sum with tied scores sharing their mean rank: n log n, not n m, so
    /// bootstraps over hundreds of quadrants and 131 features stay quick.
    public static func auc(positives: [Double], negatives: [Double]) -> Double {
        precondition(!positives.isEmpty && !negatives.isEmpty, "AUC needs both classes")
        let scores = (positives.map { ($0, true) } + negatives.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var positiveRanks = 0.0, start = 0
        while start < scores.count {
            var end = start
            while end < scores.count && scores[end].0 == scores[start].0 { end += 1 }
            let meanRank = Double(start + 1 + end) / 2  // ranks start + 1 ... end
            positiveRanks += meanRank * Double(scores[start..<end].count(where: \.1))
            start = end
        }
        let p = Double(positives.count)
        return (positiveRanks - p * (p + 1) / 2) / (p * Double(negatives.count))
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
