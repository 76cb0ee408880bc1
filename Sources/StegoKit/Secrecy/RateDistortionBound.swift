import Foundation

/// The least expected cost of embedding `messageBits` bits by flipping bits of the given costs,
/// over all codes (Filler, Judas and Fridrich 2011, section III): flip sample i with probability
/// p_i = 1 / (1 + e^(λ ρ_i)), λ chosen so that the entropy Σ h(p_i) equals the message length.
/// Infinite costs are never flipped. A code's distortion divided by this is its coding loss + 1.
public func distortionBound(costs: [Float], messageBits: Int) -> Double {
    let finite = costs.filter(\.isFinite).map(Double.init)
    precondition(Double(messageBits) < Double(finite.count), "more message bits than changeable samples")
    func flipProbabilities(_ lambda: Double) -> [Double] { finite.map { 1 / (1 + exp(lambda * $0)) } }
    func entropy(_ lambda: Double) -> Double {
        flipProbabilities(lambda).reduce(0) { sum, p in
            p <= 0 || p >= 1 ? sum : sum - p * log2(p) - (1 - p) * log2(1 - p)
        }
    }
    // The entropy falls as λ grows: bisect on log λ.
    var (low, high) = (-30.0, 30.0)
    for _ in 0..<64 {
        let middle = (low + high) / 2
        if entropy(exp(middle)) > Double(messageBits) { low = middle } else { high = middle }
    }
    return zip(flipProbabilities(exp((low + high) / 2)), finite).reduce(0) { $0 + $1.0 * $1.1 }
}
