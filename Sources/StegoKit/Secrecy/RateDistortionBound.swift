import Foundation

/// The least expected cost of embedding `messageBits` bits by flipping bits of the given costs,
/// over all codes (Filler, Judas and Fridrich 2011, section III): flip sample i with probability
/// p_i = 1 / (1 + e^(λ ρ_i)), λ chosen so that the entropy Σ h(p_i) equals the message length.
/// Infinite costs are never flipped. A code's distortion divided by this is its coding loss + 1.
public func distortionBound(costs: [Float], messageBits: Int) -> Double {
    let flips = BinaryFlips(costs: costs)
    precondition(Double(messageBits) < Double(flips.costs.count), "more message bits than changeable samples")
    return flips.distortion(solveLambda(where: flips.entropy, equals: Double(messageBits)))
}

/// The most bits any code could embed by flipping bits of these costs at expected cost
/// `distortion` (the distortion-limited sender). Filler, Judas and Fridrich measure a code by it:
/// their coding loss is 1 - m / payloadBound(its distortion), the share of the payload lost at
/// equal cost, which is smaller than the share of extra cost at equal payload.
public func payloadBound(costs: [Float], distortion: Double) -> Double {
    let flips = BinaryFlips(costs: costs)
    return flips.entropy(solveLambda(where: flips.distortion, equals: distortion))
}

/// The optimal flip probabilities p = 1 / (1 + e^(λ ρ)) of binary embedding, summed.
private struct BinaryFlips {
    let costs: [Double]
    init(costs: [Float]) { self.costs = costs.filter(\.isFinite).map(Double.init) }
    func probability(_ lambda: Double, _ cost: Double) -> Double { 1 / (1 + exp(lambda * cost)) }
    func entropy(_ lambda: Double) -> Double {
        costs.reduce(0) { sum, cost in
            let p = probability(lambda, cost)
            return p <= 0 || p >= 1 ? sum : sum - p * log2(p) - (1 - p) * log2(1 - p)
        }
    }
    func distortion(_ lambda: Double) -> Double { costs.reduce(0) { $0 + probability(lambda, $1) * $1 } }
}

/// The same bound for ±1 changes, each sample with a cost for +1 (`up`) and for -1 (`down`):
/// p± = e^(-λ ρ±) / (1 + e^(-λ ρ+) + e^(-λ ρ-)), λ chosen so that the ternary entropy is the
/// message length. Lower than the binary bound of the same costs: the direction carries a bit too.
public func plusMinusOneDistortionBound(up: [Float], down: [Float], messageBits: Int) -> Double {
    plusMinusOneDistortion(up: up, down: down, lambda: PlusMinusOneEmbedding.lambda(up: up, down: down, messageBits: messageBits))
}

/// The most bits any ±1 code could embed with these costs at expected cost `distortion`.
public func plusMinusOnePayloadBound(up: [Float], down: [Float], distortion: Double) -> Double {
    let lambda = solveLambda(where: { plusMinusOneDistortion(up: up, down: down, lambda: $0) }, equals: distortion)
    return parallelSum(up.count) { PlusMinusOneEmbedding.Change(up: up[$0], down: down[$0], lambda: lambda).entropy }
}

private func plusMinusOneDistortion(up: [Float], down: [Float], lambda: Double) -> Double {
    parallelSum(up.count) { i in
        let change = PlusMinusOneEmbedding.Change(up: up[i], down: down[i], lambda: lambda)
        return (change.probabilityUp > 0 ? change.probabilityUp * Double(up[i]) : 0)
            + (change.probabilityDown > 0 ? change.probabilityDown * Double(down[i]) : 0)
    }
}

/// λ > 0 at which `sum(λ)`, a sum that falls as λ grows (the entropy of the optimal changes for
/// the payload-limited sender, their expected cost for the distortion-limited one), equals
/// `target` to 1 part in 10^5: bisection on log λ.
func solveLambda(where sum: (Double) -> Double, equals target: Double) -> Double {
    var (low, high) = (-30.0, 30.0)
    for _ in 0..<64 {
        let middle = (low + high) / 2
        let value = sum(exp(middle))
        if abs(value - target) < 1e-5 * target { return exp(middle) }
        if value > target { low = middle } else { high = middle }
    }
    return exp((low + high) / 2)
}
