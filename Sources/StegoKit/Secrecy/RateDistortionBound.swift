import Foundation

/// The least expected cost of embedding `messageBits` bits by flipping bits of the given costs,
/// over all codes (Filler, Judas and Fridrich 2011, section III): flip sample i with probability
/// p_i = 1 / (1 + e^(λ ρ_i)), λ chosen so that the entropy Σ h(p_i) equals the message length.
/// Infinite costs are never flipped. A code's distortion divided by this is its coding loss + 1.
public func distortionBound(costs: [Float], messageBits: Int) -> Double {
    let finite = costs.filter(\.isFinite).map(Double.init)
    precondition(Double(messageBits) < Double(finite.count), "more message bits than changeable samples")
    func flipProbabilities(_ lambda: Double) -> [Double] { finite.map { 1 / (1 + exp(lambda * $0)) } }
    let lambda = payloadLimitedLambda(bits: Double(messageBits)) { lambda in
        flipProbabilities(lambda).reduce(0) { sum, p in
            p <= 0 || p >= 1 ? sum : sum - p * log2(p) - (1 - p) * log2(1 - p)
        }
    }
    return zip(flipProbabilities(lambda), finite).reduce(0) { $0 + $1.0 * $1.1 }
}

/// The same bound for ±1 changes, each sample with a cost for +1 (`up`) and for -1 (`down`):
/// p± = e^(-λ ρ±) / (1 + e^(-λ ρ+) + e^(-λ ρ-)), λ chosen so that the ternary entropy is the
/// message length. Lower than the binary bound of the same costs: the direction carries a bit too.
public func plusMinusOneDistortionBound(up: [Float], down: [Float], messageBits: Int) -> Double {
    let lambda = PlusMinusOneEmbedding.lambda(up: up, down: down, messageBits: messageBits)
    return parallelSum(up.count) { i in
        let change = PlusMinusOneEmbedding.Change(up: up[i], down: down[i], lambda: lambda)
        return (change.probabilityUp > 0 ? change.probabilityUp * Double(up[i]) : 0)
            + (change.probabilityDown > 0 ? change.probabilityDown * Double(down[i]) : 0)
    }
}

/// λ > 0 at which `entropy(λ)` (in bits; it falls as λ grows) equals `bits` to 1 part in 10^5:
/// bisection on log λ.
func payloadLimitedLambda(bits: Double, entropy: (Double) -> Double) -> Double {
    var (low, high) = (-30.0, 30.0)
    for _ in 0..<64 {
        let middle = (low + high) / 2
        let h = entropy(exp(middle))
        if abs(h - bits) < 1e-5 * bits { return exp(middle) }
        if h > bits { low = middle } else { high = middle }
    }
    return exp((low + high) / 2)
}
