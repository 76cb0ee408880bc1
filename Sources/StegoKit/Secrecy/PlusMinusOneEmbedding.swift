import Foundation

/// ±1 embedding as two binary syndrome-trellis layers (Filler, Judas and Fridrich 2011, section V,
/// the multi-layered construction). A sample x may become x - 1, x or x + 1 at costs ρ-, 0, ρ+;
/// for a payload of m bits the least costly change probabilities are
///     p± = e^(-λ ρ±) / Z,   Z = 1 + e^(-λ ρ+) + e^(-λ ρ-),   λ such that H(p+, p-, 1 - p+ - p-) summed is m,
/// and the direction of a change carries information as well as its place: about 15-30% less
/// cost than flipping least significant bits at the same payload.
///
/// Of x - 1 and x + 1 exactly one flips bit 1 of x (x - 1 when x is even): call it the flip f and the
/// other the keep k. Layer 2 embeds in bit 1: flipping it is the change f, probability p_f, flip cost
/// ln((1 - p_f) / p_f) = λ ρ_f + ln(1 + e^(-λ ρ_k)). Layer 1 then embeds in bit 0: where bit 1
/// flipped, bit 0 has flipped with it (f is ±1); elsewhere flipping bit 0 is the change k, with
/// probability p_k / (1 - p_f) and flip cost λ ρ_k. The message splits between the layers as the
/// entropies do; the extractor reads bit 1 and bit 0 and needs only the split.
public struct PlusMinusOneEmbedding: Sendable {
    public let code: SyndromeTrellisCode

    public init(code: SyndromeTrellisCode) { self.code = code }

    /// The optimal change probabilities of one sample at λ.
    struct Change {
        var probabilityUp: Double, probabilityDown: Double
        /// The ternary entropy in bits.
        var entropy: Double

        init(up: Float, down: Float, lambda: Double) {
            let (a, b) = (lambda * Double(up), lambda * Double(down))
            let (ta, tb) = (exp(-a), exp(-b))  // 0 for infinite costs
            let z = 1 + ta + tb, logZ = log(z)
            probabilityUp = ta / z
            probabilityDown = tb / z
            func surprise(_ cost: Double, _ t: Double) -> Double { t == 0 ? 0 : cost * t / z }  // -p ln p less its ln Z part
            entropy = (logZ + surprise(a, ta) + surprise(b, tb)) / M_LN2
        }
    }

    /// λ for a payload of `messageBits` bits (payload-limited sender), from every `stride`-th
    /// sample (the samples come in a random order; the entropy is scaled up to all of them).
    static func lambda(up: [Float], down: [Float], messageBits: Int, stride: Int = 1) -> Double {
        let count = (up.count + stride - 1) / stride
        return solveLambda(where: { lambda in
            parallelSum(count) { Change(up: up[$0 * stride], down: down[$0 * stride], lambda: lambda).entropy }
        }, equals: Double(messageBits) * Double(count) / Double(up.count))
    }

    /// Costs of +1 and -1 for samples of `values` (1...254) with change cost `costs`: 1 never falls
    /// and 254 never rises, so no change makes a 0 or a 255 (which stc never uses).
    public static func directionCosts(values: [UInt8], costs: [Float]) -> (up: [Float], down: [Float]) {
        (zip(values, costs).map { $0 == 254 ? .infinity : $1 }, zip(values, costs).map { $0 == 1 ? .infinity : $1 })
    }

    /// How a payload splits between the layers: λ, and the message bits that go into layer 2.
    public struct Plan: Equatable, Sendable {
        let lambda: Double
        public let layer2Bits: Int

        /// Everything in bit 0, each change in a random allowed direction (±1 "LSB matching"), as
        /// every plan with no layer-2 bits embeds: stc's first version, the header, and the fallback
        /// when the layers do not fit.
        public static let bit0Only = Plan(lambda: 1, layer2Bits: 0)
    }

    /// Whether +1 is the change that flips bit 1 of `value` (odd values; -1 for even ones). The
    /// other change, the keep, flips bit 0 only.
    static func upFlipsBit1(_ value: UInt8) -> Bool { value & 1 == 1 }

    /// The costs of the change that flips bit 1 of `value` and of the keep.
    static func flipAndKeep(_ value: UInt8, up: Float, down: Float) -> (flip: Double, keep: Double) {
        upFlipsBit1(value) ? (Double(up), Double(down)) : (Double(down), Double(up))
    }

    /// The split of `messageBits` bits (a multiple of the code's segment count for `values.count`
    /// samples) for cover `values` with costs `up` and `down` (infinite: never).
    public func plan(values: [UInt8], up: [Float], down: [Float], messageBits: Int) -> Plan {
        precondition(values.count == up.count && values.count == down.count)
        let n = values.count
        // About 2^18 samples give λ to a fraction of a percent: it only sets the split and the
        // layers' costs; the whole message is embedded whatever it is.
        let lambda = Self.lambda(up: up, down: down, messageBits: messageBits, stride: max(1, n >> 18))
        let layer2Entropy = parallelSum(n) { i in
            let change = Change(up: up[i], down: down[i], lambda: lambda)
            let p = Self.upFlipsBit1(values[i]) ? change.probabilityUp : change.probabilityDown  // bit 1 flips
            return p <= 0 || p >= 1 ? 0 : (-p * log(p) - (1 - p) * log1p(-p)) / M_LN2
        }
        let segments = code.layout(samples: n).segments
        return Plan(lambda: lambda, layer2Bits: min(messageBits, Int((layer2Entropy / Double(segments)).rounded()) * segments))
    }

    /// The stego values (each changed by +1 or -1, never at an infinite cost) that carry `message`
    /// (0 or 1 each), its first `plan.layer2Bits` bits in bit 1 and the rest in bit 0. Throws when
    /// a layer cannot be embedded (too many samples that may not change).
    public func embed(values: [UInt8], up: [Float], down: [Float], message: [UInt8], plan: Plan) throws -> [UInt8] {
        precondition(values.count == up.count && values.count == down.count && (0...message.count).contains(plan.layer2Bits))
        let n = values.count, lambda = plan.lambda
        var stego = values
        if plan.layer2Bits == 0 {
            let cover = values.map { $0 & 1 }
            let bits = try code.embed(cover: cover, costs: zip(up, down).map { min($0, $1) }, message: message)
            var random = SystemRandomNumberGenerator()
            for i in 0..<n where bits[i] != cover[i] {
                stego[i] = down[i] == .infinity || (up[i].isFinite && Bool.random(using: &random)) ? values[i] + 1 : values[i] - 1
            }
            return stego
        }
        var bit1Flipped = [Bool](repeating: false, count: n)
        if plan.layer2Bits > 0 {
            var flipCost = [Float](repeating: 0, count: n)
            flipCost.withUnsafeMutableBufferPointer { flipCost in
                parallelFor(n) { i in
                    let (f, k) = Self.flipAndKeep(values[i], up: up[i], down: down[i])
                    flipCost[i] = Float(lambda * f + log1p(exp(-lambda * k)))
                }
            }
            // Layer 2 runs over the samples in reverse: its changes fall in a pattern set by the
            // code's columns, and in the same order they would leave layer 1 wet in that pattern
            // (a payload of 0.8 bits per sample then did not fit at h = 10; reversed it does).
            let cover = values.map { $0 >> 1 & 1 }
            let bits = Array(try code.embed(cover: cover.reversed(), costs: flipCost.reversed(), message: Array(message[..<plan.layer2Bits])).reversed())
            for i in 0..<n where bits[i] != cover[i] {
                bit1Flipped[i] = true
                stego[i] = Self.upFlipsBit1(values[i]) ? values[i] + 1 : values[i] - 1
            }
        }
        // Layer 1, bit 0: where bit 1 flipped, bit 0 flipped with it and stays.
        if plan.layer2Bits < message.count {
            let cover = stego.map { $0 & 1 }
            let flipCost = (0..<n).map { i in bit1Flipped[i] ? Float.infinity : Float(lambda * Self.flipAndKeep(values[i], up: up[i], down: down[i]).keep) }
            let bits = try code.embed(cover: cover, costs: flipCost, message: Array(message[plan.layer2Bits...]))
            for i in 0..<n where bits[i] != cover[i] {
                stego[i] = Self.upFlipsBit1(values[i]) ? values[i] - 1 : values[i] + 1
            }
        }
        return stego
    }

    /// The `messageBits` bits that stego `values` carry, `layer2Bits` of them in bit 1.
    public func extract(values: [UInt8], messageBits: Int, layer2Bits: Int) throws -> [UInt8] {
        precondition((0...messageBits).contains(layer2Bits))
        let layer2 = layer2Bits == 0 ? [] : try code.extract(stego: values.reversed().map { $0 >> 1 & 1 }, messageBits: layer2Bits)
        let layer1 = layer2Bits == messageBits ? [] : try code.extract(stego: values.map { $0 & 1 }, messageBits: messageBits - layer2Bits)
        return layer2 + layer1
    }
}
