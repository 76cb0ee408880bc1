/// Stochastic weight averaging (Izmailov et al., "Averaging Weights Leads to Wider Optima and
/// Better Generalization", 2018): late in a run, at a steady learning rate, each checkpoint is a
/// noisy point in the basin Adam wanders in, and their mean lies nearer its centre than any one of
/// them. Measured on the HiNet's round of session 31 (docs/training.md), the mean of its four
/// checkpoints was level with or ahead of each on the secret, and ahead of the round's start on all
/// four PSNR figures.
public enum WeightAveraging {
    /// The element-wise mean of `checkpoints` (each with the name it is reported by), which must
    /// be the same network: one spec, one reveal latent, the same tensors with the same shapes,
    /// every value finite.
    /// The result carries the network's metadata and the steps it was averaged over.
    public static func average(_ checkpoints: [(source: String, file: SafeTensors)]) throws -> SafeTensors {
        guard let (firstSource, first) = checkpoints.first else {
            throw StegoError.badInput("no checkpoints to average")
        }
        let spec = try network(of: first, source: firstSource)
        let revealLatent = first.metadata["reveal_latent"]
        for (source, file) in checkpoints.dropFirst() {
            guard try network(of: file, source: source) == spec,
                  file.metadata["reveal_latent"] == revealLatent else {
                throw StegoError.badInput("\(source): another network than \(firstSource) (\(file.metadata["method"] ?? "?"), "
                                          + "\(file.metadata["blocks"] ?? "?") blocks, growth \(file.metadata["growth"] ?? "?")): "
                                          + "average checkpoints of one run")
            }
            guard Set(file.tensors.keys) == Set(first.tensors.keys) else {
                throw StegoError.badInput("\(source): its tensors are not those of \(firstSource)")
            }
            for (name, entry) in file.tensors where entry.shape != first.tensors[name]!.shape {
                throw StegoError.badInput("\(source): \(name) has shape \(entry.shape), \(firstSource) \(first.tensors[name]!.shape)")
            }
        }
        // One diverged checkpoint would make the whole mean NaN, found only when `hide` loads it.
        for (source, file) in checkpoints {
            for (name, entry) in file.tensors.sorted(by: { $0.key < $1.key }) {
                try Checkpoint.requireFinite(entry, name: name, source: source)
            }
        }
        var mean: [String: SafeTensors.Entry] = [:]
        for (name, entry) in first.tensors {
            var sum = [Double](repeating: 0, count: entry.values.count)
            for (_, file) in checkpoints {
                for (i, v) in file.tensors[name]!.values.enumerated() { sum[i] += Double(v) }
            }
            mean[name] = SafeTensors.Entry(shape: entry.shape, values: Self.mean(sum, count: checkpoints.count))
        }
        // A running mean (`Running`) has no step but the range it was sampled over.
        let steps = checkpoints.map { $0.file.metadata["step"] ?? $0.file.metadata["averaged_steps"].map { "[\($0)]" } ?? "?" }
            .joined(separator: ",")
        var metadata = spec.metadata
        metadata["reveal_latent"] = revealLatent
        metadata["averaged_steps"] = steps
        return SafeTensors(tensors: mean, metadata: metadata)
    }

    /// Sums of `count` weights divided back to single precision.
    static func mean(_ sums: [Double], count: Int) -> [Float] {
        sums.map { Float($0 / Double(count)) }
    }

    /// The network `file`'s metadata describes, or an error that names the file.
    private static func network(of file: SafeTensors, source: String) throws -> NetworkSpec {
        do {
            return try NetworkSpec(metadata: file.metadata)
        } catch let StegoError.badInput(message) {
            throw StegoError.badInput("\(source): \(message)")
        }
    }
}

extension WeightAveraging {
    /// The mean of a run's weights sampled as it trains (`stego train --average-every`): the same
    /// averaging as `average`, over a point every few steps instead of one every few minutes.
    public struct Running {
        public let every: Int
        public private(set) var count = 0
        private var sums: [[Double]]
        private var firstStep = 0, lastStep = 0

        public init(of parameters: [Parameter], every: Int) {
            self.every = every
            sums = parameters.map { [Double](repeating: 0, count: $0.count) }
        }

        /// Adds the weights as they are after `step`.
        public mutating func add(_ parameters: [Parameter], step: Int) {
            for (k, p) in parameters.enumerated() {
                for i in 0..<p.count { sums[k][i] += Double(p.value.pointer[i]) }
            }
            if count == 0 { firstStep = step }
            lastStep = step
            count += 1
        }

        /// The mean as weights of `parameters`' network, described by `metadata`; like `average`'s
        /// result it has no step, since it is not a point to resume from.
        public func weights(of parameters: [Parameter], metadata: [String: String]) -> SafeTensors {
            precondition(count > 0, "no weights added to the running mean")
            let tensors = zip(parameters, sums).map { p, sum in
                (p.name, SafeTensors.Entry(shape: p.shape, values: WeightAveraging.mean(sum, count: count)))
            }
            var metadata = metadata
            metadata["step"] = nil
            metadata["averaged_steps"] = "\(firstStep)-\(lastStep) every \(every)"
            return SafeTensors(tensors: Dictionary(uniqueKeysWithValues: tensors), metadata: metadata)
        }
    }
}
