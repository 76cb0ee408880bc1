import Foundation

/// Adam as PyTorch's `torch.optim.Adam` computes it, weight decay included (added to the
/// gradient, which is what HiNet trains with), plus global gradient-norm clipping.
public final class Adam {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    public private(set) var step = 0
    /// First and second moment estimates, one pair per parameter.
    let m: [FloatBuffer], v: [FloatBuffer]

    public init(parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = parameters.map { FloatBuffer(count: $0.count) }
        v = parameters.map { FloatBuffer(count: $0.count) }
    }

    /// The L2 norm of all gradients together.
    public func gradientNorm() -> Double {
        var total = 0.0
        for p in parameters { for i in 0..<p.count { total += Double(p.grad[i]) * Double(p.grad[i]) } }
        return total.squareRoot()
    }

    /// Scales all gradients so that their global norm is at most `maxNorm` (PyTorch's
    /// `clip_grad_norm_`); returns the norm before clipping.
    @discardableResult
    public func clipGradients(maxNorm: Double) -> Double {
        let norm = gradientNorm()
        let factor = Float(maxNorm / (norm + 1e-6))
        if factor < 1 { for p in parameters { for i in 0..<p.count { p.grad[i] *= factor } } }
        return norm
    }

    /// One update from the current gradients.
    public func update() {
        step += 1
        let c1 = 1 - pow(beta1, Float(step)), c2 = 1 - pow(beta2, Float(step))
        let stepSize = learningRate / c1
        for (k, p) in parameters.enumerated() {
            let (w, g, m, v) = (p.value.pointer, p.grad.pointer, m[k].pointer, v[k].pointer)
            for i in 0..<p.count {
                let grad = g[i] + weightDecay * w[i]
                m[i] = beta1 * m[i] + (1 - beta1) * grad
                v[i] = beta2 * v[i] + (1 - beta2) * grad * grad
                w[i] -= stepSize * m[i] / ((v[i] / c2).squareRoot() + epsilon)
            }
        }
    }

    public func zeroGradients() { for p in parameters { p.zeroGrad() } }

    /// Optimizer state for checkpoints: moments named `<param>.adam_m` / `.adam_v`, and the step.
    public var state: [(name: String, shape: [Int], values: FloatBuffer)] {
        parameters.indices.flatMap { k in
            [(parameters[k].name + ".adam_m", parameters[k].shape, m[k]), (parameters[k].name + ".adam_v", parameters[k].shape, v[k])]
        }
    }

    public func restore(step: Int, from tensors: [String: FloatBuffer]) throws {
        for (k, p) in parameters.enumerated() {
            for (suffix, buffer) in [(".adam_m", m[k]), (".adam_v", v[k])] {
                guard let saved = tensors[p.name + suffix], saved.count == p.count else {
                    throw StegoError.badInput("checkpoint has no optimizer state \(p.name + suffix) of \(p.count) values")
                }
                buffer.copy(from: saved)
            }
        }
        self.step = step
    }
}

/// Learning rate as a function of the step: constant, or multiplied by `factor` every
/// `every` steps (HiNet's MultiStepLR-like halving), and raised linearly over the first `warmup`
/// steps. A fresh Adam's first steps move every weight by about the full rate whatever its
/// gradient (m / sqrt(v) is ±1), which undoes a trained network that training starts from.
public struct LearningRateSchedule: Sendable, Equatable {
    public var base: Float
    public var factor: Float
    public var every: Int
    public var warmup: Int

    public init(base: Float, factor: Float = 0.5, every: Int = 0, warmup: Int = 0) {
        self.base = base
        self.factor = factor
        self.every = every
        self.warmup = warmup
    }

    public func rate(at step: Int) -> Float {
        let decayed = every > 0 ? base * pow(factor, Float(step / every)) : base
        return step < warmup ? decayed * Float(step + 1) / Float(warmup) : decayed
    }
}
