import Foundation
/// A trainable array with its gradient, named as in the PyTorch state_dict
/// (`inv3.f.conv2.weight`), in PyTorch's layout (conv weights OIHW).
public final class Parameter: @unchecked Sendable {
    public let name: String
    public let shape: [Int]
    public let value: FloatBuffer
    public let grad: FloatBuffer

    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
        let count = shape.reduce(1, *)
        value = FloatBuffer(count: count)
        grad = FloatBuffer(count: count)
    }

    public var count: Int { value.count }

    public func zeroGrad() { grad.fill(0) }

    /// Fills with `scale` * N(0, 1) draws.
    public func initNormal(scale: Float, using rng: inout some RandomNumberGenerator) {
        for i in 0..<count { value[i] = scale * Float(Gaussian.sample(using: &rng)) }
    }
}

/// Standard normal samples (Box-Muller), so results depend only on the generator's seed.
public enum Gaussian {
    public static func sample(using rng: inout some RandomNumberGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
