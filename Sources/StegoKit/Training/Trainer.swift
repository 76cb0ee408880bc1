import Foundation

/// Everything `stego train` can set for the invertible hiding networks.
public struct TrainingOptions: Sendable {
    public var spec: NetworkSpec
    public var objective = HidingObjective()
    public var cropSize = 128
    public var batchSize = 4
    public var steps = 10_000
    public var schedule = LearningRateSchedule(base: 2e-4, factor: 0.5, every: 0)
    public var clipNorm = 10.0
    public var weightDecay: Float = 1e-5
    public var gaussianRevealLatent = false
    public var seed: UInt64 = 1
    public var checkpointSeconds = 300.0
    public var validateEvery = 0
    public var validationSize = 256
    /// Every this many steps (0: never) the weights join a running mean, written to
    /// `Trainer.averagePath` with each checkpoint; a resumed run starts a new mean.
    public var averageEvery = 0
    /// A checkpoint of the same network with fewer blocks (hinet, dlv-hinet) to start a fresh run
    /// from: its blocks become the first ones, the added blocks start as the identity.
    public var grownFrom: String?

    public init(spec: NetworkSpec) { self.spec = spec }
}

/// Trains a network: random crop pairs, its objective, Adam with clipping, recovery
/// from non-finite losses, periodic checkpoints (weights in `output`, optimizer state in
/// `output + ".state"`) and validation.
public final class Trainer {
    public let options: TrainingOptions
    public let network: TrainableNetwork
    public let adam: Adam
    public let output: String
    public private(set) var step = 0
    /// Multiplies the schedule's rate; halved after each non-finite loss.
    public private(set) var rateScale: Float = 1
    private var rng: SeededGenerator
    private var lastGood: (step: Int, values: [[Float]], moments: [[Float]])?
    private var average: WeightAveraging.Running?
    public var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(options: TrainingOptions, output: String, resume: Bool) throws {
        self.options = options
        self.output = output
        network = options.spec.make()
        adam = Adam(parameters: network.parameters, learningRate: options.schedule.base, weightDecay: options.weightDecay)
        rng = SeededGenerator(seed: options.seed)
        if resume {
            try restore()
        } else {
            network.initialize(using: &rng)
            if let grownFrom = options.grownFrom { try grow(from: grownFrom) }
        }
        if options.averageEvery > 0 { average = WeightAveraging.Running(of: network.parameters, every: options.averageEvery) }
        snapshot()
    }

    public var statePath: String { output + ".state" }

    public var averagePath: String { Self.averagePath(for: output) }

    /// Where the running mean of `options.averageEvery` goes: `run.safetensors` -> `run-average.safetensors`.
    public static func averagePath(for output: String) -> String {
        output.hasSuffix(".safetensors") ? String(output.dropLast(".safetensors".count)) + "-average.safetensors" : output + "-average"
    }

    private func restore() throws {
        let weights = try SafeTensors.read(path: output)
        let state = try SafeTensors.read(path: statePath)
        let saved = try NetworkSpec(metadata: weights.metadata)
        guard saved == options.spec else {
            throw StegoError.badInput("\(output): saved network \(saved.metadata) differs from the requested \(options.spec.metadata)")
        }
        try Checkpoint.load(weights, into: network.parameters, source: output)
        guard let stepText = state.metadata["step"], let stateStep = Int(stepText),
              let scale = state.metadata["rate_scale"].flatMap(Float.init) else {
            throw StegoError.badInput("\(statePath): no step in the training state")
        }
        // The state is written before the weights: a kill between the two leaves the weights a
        // checkpoint behind. Their moments are lost then; Adam restarts from zero at their step.
        let step = weights.metadata["step"].flatMap(Int.init) ?? stateStep
        if step == stateStep {
            try adam.restore(step: step, from: state.tensors.mapValues { FloatBuffer($0.values) })
        } else {
            try adam.restore(step: 0, from: Dictionary(uniqueKeysWithValues: adam.state.map { ($0.name, FloatBuffer(count: $0.values.count)) }))
            log("warning: \(output) is at step \(step) but \(statePath) at step \(stateStep) (a checkpoint was interrupted): "
                + "resuming from the weights with a fresh optimizer state")
        }
        self.step = step
        rateScale = scale
        // A resumed run draws different batches than a fresh one, but is reproducible from the step.
        rng = SeededGenerator(seed: options.seed &+ UInt64(step) &* 0x9E37_79B9)
        log("resumed from \(output) at step \(step)")
    }

    /// Copies a trained network with fewer blocks into the first blocks. The added blocks keep
    /// HiNet's initialisation, whose last convolution is zero: each is the identity, so the
    /// grown network hides and reveals exactly as the smaller one until training changes it.
    private func grow(from path: String) throws {
        let file = try SafeTensors.read(path: path)
        guard case .hiding(let target) = options.spec, case .hiding(let saved) = try NetworkSpec(metadata: file.metadata),
              saved.dualLatent == target.dualLatent, saved.growth == target.growth, saved.clamp == target.clamp,
              saved.blocks <= target.blocks else {
            throw StegoError.badInput("\(path): cannot grow \(file.metadata["method"] ?? "?") \(file.metadata["blocks"] ?? "?") blocks, growth "
                                      + "\(file.metadata["growth"] ?? "?") into \(options.spec.metadata): same method and growth, no more blocks")
        }
        // Every parameter of the saved network must be in the file, as in any checkpoint load.
        let savedNames = Set(HidingNetwork(config: saved).parameters.map(\.name))
        try Checkpoint.load(file, into: network.parameters.filter { savedNames.contains($0.name) }, source: path)
        log("grown from \(path): \(saved.blocks) blocks copied, \(target.blocks - saved.blocks) added as the identity")
    }

    /// Runs until `options.steps`, or until `shouldStop` says so (checked between steps).
    public func run(data: ImageFolder, validation: ImageFolder?, shouldStop: () -> Bool = { false }) throws {
        let start = Date()
        var lastCheckpoint = Date(), lastReport = Date.distantPast
        let startStep = step
        var recent: [StepReport] = []
        var failures = 0
        while step < options.steps && !shouldStop() {
            adam.learningRate = options.schedule.rate(at: step) * rateScale
            adam.zeroGradients()
            let (cover, secret) = data.randomPairs(count: options.batchSize, size: options.cropSize, using: &rng)
            let result = network.step(cover: cover, secret: secret, options: options, using: &rng)
            let norm = adam.clipGradients(maxNorm: options.clipNorm)
            guard result.total.isFinite, norm.isFinite else {
                failures += 1
                guard failures < 20 else {
                    throw StegoError.runtime("20 non-finite losses in a row at step \(step): giving up (check the data and --lr)")
                }
                recoverFromNonFinite(loss: result.total)
                continue
            }
            failures = 0
            adam.update()
            step += 1
            if options.averageEvery > 0, step % options.averageEvery == 0 { average?.add(network.parameters, step: step) }
            recent.append(result)
            let now = Date()
            if now.timeIntervalSince(lastReport) >= 10 || step == options.steps {
                report(recent, elapsed: now.timeIntervalSince(start), steps: step - startStep)
                recent = []
                lastReport = now
            }
            if now.timeIntervalSince(lastCheckpoint) >= options.checkpointSeconds {
                try saveCheckpoint()
                lastCheckpoint = now
            }
            if let validation, options.validateEvery > 0, step % options.validateEvery == 0 {
                log(Self.describe(try validate(on: validation), step: step) + String(format: " (%.3f h into this run)", Date().timeIntervalSince(start) / 3600))
            }
        }
        try saveCheckpoint()
    }

    private func recoverFromNonFinite(loss: Double) {
        rateScale *= 0.5
        if let good = lastGood {
            for (p, values) in zip(network.parameters, good.values) { values.withUnsafeBufferPointer { p.value.pointer.update(from: $0.baseAddress!, count: p.count) } }
            try? adam.restore(step: good.step, from: Dictionary(uniqueKeysWithValues: zip(adam.state.map(\.name), good.moments.map { FloatBuffer($0) })))
            step = good.step
        }
        // The weights before a diverging step are suspect: the mean starts again from the restored state.
        if let every = average?.every { average = WeightAveraging.Running(of: network.parameters, every: every) }
        log("step \(step): non-finite loss (\(loss)); restored the state of step \(step), learning rate now x\(rateScale)")
    }

    private func snapshot() {
        lastGood = (step, network.parameters.map(\.value.array), adam.state.map(\.values.array))
    }

    public func saveCheckpoint() throws {
        snapshot()
        let meta = ["step": "\(step)", "crop": "\(options.cropSize)", "batch": "\(options.batchSize)",
                    "reveal_latent": options.gaussianRevealLatent ? "gaussian" : "zero"]
        let weights = SafeTensors(tensors: Checkpoint.tensors(of: network.parameters), metadata: options.spec.metadata.merging(meta) { $1 })
        let state = SafeTensors(tensors: Dictionary(uniqueKeysWithValues: adam.state.map { ($0.name, SafeTensors.Entry(shape: $0.shape, values: $0.values.array)) }),
                                metadata: ["step": "\(step)", "rate_scale": "\(rateScale)"])
        try OutputFile(path: statePath, force: true, inputs: []).write(state.encode())
        try OutputFile(path: output, force: true, inputs: []).write(weights.encode())
        log("step \(step): checkpoint written to \(output)")
        if let average, average.count > 0 {
            let mean = average.weights(of: network.parameters, metadata: weights.metadata)
            try OutputFile(path: averagePath, force: true, inputs: []).write(mean.encode())
            log("step \(step): mean of \(average.count) weights (steps \(mean.metadata["averaged_steps"]!)) written to \(averagePath)")
        }
    }

    private func report(_ results: [StepReport], elapsed: TimeInterval, steps: Int) {
        guard !results.isEmpty else { return }
        func mean(_ key: (StepReport) -> Double) -> Double { results.map(key).reduce(0, +) / Double(results.count) }
        let rate = Double(steps * options.batchSize) / max(elapsed, 1e-9)
        let left = Double(options.steps - step) * Double(options.batchSize) / max(rate, 1e-9)
        let parts = results[0].parts.indices.map { k in
            String(format: "%@ %.4g", results[0].parts[k].name, mean { $0.parts[k].value })
        }.joined(separator: ", ")
        log(String(format: "step %d/%d  loss %.4g (%@)  PSNR stego %.2f dB, secret %.2f dB  %.2f pairs/s  lr %.2g  left %@",
                   step, options.steps, mean(\.total), parts, mean(\.stegoPSNR), mean(\.secretPSNR), rate,
                   Double(adam.learningRate), Self.duration(left)))
    }

    /// Mean comparisons over validation pairs (image i hides image i+1), center-cropped.
    public func validate(on folder: ImageFolder) throws -> (stego: ImageComparison, secret: ImageComparison) {
        let method = network.method(options: options)
        var stegoResults: [ImageComparison] = [], secretResults: [ImageComparison] = []
        for i in 0..<folder.images.count {
            let size = ImageSize(width: min(options.validationSize, folder.images[i].width, folder.images[(i + 1) % folder.images.count].width) / 2 * 2,
                                 height: min(options.validationSize, folder.images[i].height, folder.images[(i + 1) % folder.images.count].height) / 2 * 2)
            let cover = folder.images[i].centerCropped(to: size), secret = folder.images[(i + 1) % folder.images.count].centerCropped(to: size)
            let stego = try method.hide(cover: cover, secret: secret)
            stegoResults.append(try ImageComparison(cover, stego))
            secretResults.append(try ImageComparison(secret, try method.reveal(stego: stego)))
        }
        return (ImageComparison.mean(stegoResults), ImageComparison.mean(secretResults))
    }

    static func describe(_ v: (stego: ImageComparison, secret: ImageComparison), step: Int) -> String {
        String(format: "step %d validation: cover/stego Y-PSNR %.2f SSIM %.4f MAE %.3f RMSE %.3f | secret/recovery Y-PSNR %.2f SSIM %.4f MAE %.3f RMSE %.3f",
               step, v.stego.psnrY, v.stego.ssimY ?? .nan, v.stego.mae, v.stego.rmse,
               v.secret.psnrY, v.secret.ssimY ?? .nan, v.secret.mae, v.secret.rmse)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : "\(s / 60)m\(s % 60)s"
    }
}
