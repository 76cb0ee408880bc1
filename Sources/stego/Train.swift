import ArgumentParser
import Foundation
import StegoKit

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a hiding network on a folder of PNG photos.",
        discussion: """
            Trains on random crops (with flips) of the PNGs under --data, covers and secrets drawn \
            from different images, with HiNet's loss: reconstruction, guide and low-frequency \
            terms (baluja: MSE(stego, cover) + 0.75 MSE(revealed, secret)). Progress goes to stderr every 10 s; a checkpoint is written every \
            --checkpoint-minutes to --out (the weights, usable with 'hide --model') and \
            --out.state (optimizer state); --resume continues from them. Ctrl-C (or SIGTERM) stops after the current step and writes a checkpoint. A non-finite loss skips \
            the step, restores the last checkpointed state and halves the learning rate.
            Example: stego train --method dlv-hinet --data photos/ --out dlv.safetensors --steps 20000
            """)

    @Option(help: "Network to train: dlv-hinet, hinet or baluja.")
    var method: MethodName = .dlvHinet

    @Option(help: "Folder of training PNGs (searched recursively).")
    var data: String

    @Option(help: "Checkpoint file to write (weights); optimizer state goes to FILE.state.")
    var out: String

    @Option(help: "Network size: paper (the papers' sizes: 4.5 M parameters for dlv-hinet), small, or tiny.")
    var preset = "small"

    @Option(help: "Override the preset's number of invertible blocks (dlv-hinet, hinet).")
    var blocks: Int?

    @Option(help: "Override the preset's dense-block growth (dlv-hinet, hinet).")
    var growth: Int?

    @Option(help: "Training steps in total (a resumed run counts the steps already done).")
    var steps = 10_000

    @Option(help: "Side of the square random crops, even.")
    var crop = 128

    @Option(help: "Cover/secret pairs per step.")
    var batch = 4

    @Option(help: "Adam learning rate.")
    var lr: Float = 2e-4

    @Option(help: "Halve the learning rate every N steps (0: never).")
    var lrHalveEvery = 0

    @Option(help: "Raise the learning rate linearly over the first N steps (0: at once). Use it when starting from trained weights without their Adam state (--grow-from): a fresh Adam's first steps move every weight by the full rate.")
    var warmupSteps = 0

    @Option(help: "Clip the global gradient norm to this value.")
    var clip = 10.0

    @Option(help: "Weight of the reconstruction loss (secret vs revealed).")
    var reconstructionWeight = 5.0

    @Option(help: "Weight of the guide loss (cover vs stego).")
    var guideWeight = 1.0

    @Option(help: "Weight of an extra guide loss on luma only (0: HiNet's loss); moves the stego image's error into colour.")
    var lumaWeight = 0.0

    @Option(help: "Weight of a loss on the high-pass residual of the stego error's colour differences (R-G, B-G), the residual a steganalyst looks at (0: HiNet's loss).")
    var chromaWeight = 0.0

    @Option(help: "Weight of the low-frequency loss (LL subbands of cover vs stego).")
    var lowFrequencyWeight = 1.0

    @Flag(help: "Train (and reveal) with a Gaussian stand-in for the lost channels instead of zeros.")
    var gaussianRevealLatent = false

    @Option(help: ArgumentHelp("Start from a trained checkpoint of the same method and growth with fewer blocks: its blocks come first, the added ones start as the identity.", valueName: "file"))
    var growFrom: String?

    @Option(help: "Random seed for initialisation, crops and latents.")
    var seed: UInt64 = 1

    @Option(help: "Minutes between checkpoints.")
    var checkpointMinutes = 5.0

    @Option(help: "Folder of validation PNGs (never the training folder).")
    var val: String?

    @Option(help: "Validate every N steps (needs --val).")
    var valEvery = 1000

    @Option(help: "Side of the centre crops used for validation.")
    var valSize = 256

    @Option(help: "Every N steps add the weights to a running mean (stochastic weight averaging within this run), written with each checkpoint beside --out as NAME-average.safetensors; judge it with eval. A resumed run starts a new mean (0: off).")
    var averageEvery = 0

    @Flag(help: "Continue from --out and --out.state.")
    var resume = false

    @Flag(help: "Replace an existing --out when not resuming.")
    var force = false

    @Option(help: "Threads for the convolutions and element-wise loops.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard method != .lsb4, method != .stc else { throw ValidationError("\(method.rawValue) has nothing to train") }
        guard NetworkSpec.preset(preset, method: method) != nil else {
            throw ValidationError("unknown preset '\(preset)': use paper, small or tiny")
        }
        if blocks != nil || growth != nil {
            guard method == .dlvHinet || method == .hinet else { throw ValidationError("--blocks and --growth are for dlv-hinet and hinet") }
            guard (1...64).contains(blocks ?? 1), (1...256).contains(growth ?? 1) else {
                throw ValidationError("--blocks must be 1-64 and --growth 1-256")
            }
        }
        if growFrom != nil {
            guard method == .dlvHinet || method == .hinet else { throw ValidationError("--grow-from is for dlv-hinet and hinet") }
            guard !resume else { throw ValidationError("--grow-from starts a run; --resume continues one") }
        }
        guard crop >= 16, crop % 2 == 0 else { throw ValidationError("--crop must be even and at least 16") }
        guard batch >= 1, steps >= 1 else { throw ValidationError("--batch and --steps must be positive") }
        guard warmupSteps >= 0, lrHalveEvery >= 0, averageEvery >= 0 else {
            throw ValidationError("--warmup-steps, --lr-halve-every and --average-every must not be negative")
        }
    }

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        Threads.set(threads)
        if !resume {
            _ = try OutputFile(path: out, force: force, inputs: [])
            if averageEvery > 0 { _ = try OutputFile(path: Trainer.averagePath(for: out), force: force, inputs: []) }
        }
        var options = TrainingOptions(spec: spec)
        options.objective = HidingObjective(reconstruction: reconstructionWeight, guide: guideWeight, lowFrequency: lowFrequencyWeight, luma: lumaWeight, chroma: chromaWeight)
        options.cropSize = crop
        options.batchSize = batch
        options.steps = steps
        options.schedule = LearningRateSchedule(base: lr, factor: 0.5, every: lrHalveEvery, warmup: warmupSteps)
        options.clipNorm = clip
        options.gaussianRevealLatent = gaussianRevealLatent
        options.seed = seed
        options.grownFrom = growFrom
        options.checkpointSeconds = checkpointMinutes * 60
        options.validateEvery = val == nil ? 0 : valEvery
        options.validationSize = valSize
        options.averageEvery = averageEvery
        if let val, Self.isInside(val, data) || Self.isInside(data, val) {
            throw StegoError.badInput("--val \(val) overlaps --data \(data): validation photos must never be trained on")
        }
        let trainingData = try ImageFolder(path: data, minimumSize: crop)
        warnSkipped(trainingData.skipped, folder: data)
        guard trainingData.images.count >= 2 else {
            throw StegoError.badInput("\(data): training needs at least two images of at least \(crop)x\(crop) pixels (lower --crop?)")
        }
        let validation = try val.map { try ImageFolder(path: $0, minimumSize: 2) }
        if let validation, let val { warnSkipped(validation.skipped, folder: val) }
        let trainer = try Trainer(options: options, output: out, resume: resume)
        let size = options.spec.metadata.filter { $0.key != "method" }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        trainer.log("training \(method.rawValue) (\(preset): \(size.joined(separator: ", ")); "
                    + "\(trainer.network.parameters.map(\.count).reduce(0, +)) parameters) on \(trainingData.images.count) images, \(threads) threads")
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        try trainer.run(data: trainingData, validation: validation) { stopRequested != 0 }
        if stopRequested != 0 { throw ExitCode(130) }  // the shell's code for an interrupted command
    }

    /// The preset, with --blocks and --growth applied.
    var spec: NetworkSpec {
        let named = NetworkSpec.preset(preset, method: method)!
        guard case .hiding(var config) = named else { return named }
        config.blocks = blocks ?? config.blocks
        config.growth = growth ?? config.growth
        return .hiding(config)
    }

    /// Whether folder `inner` is `outer` or lies inside it (after resolving links).
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        let a = URL(fileURLWithPath: inner).resolvingSymlinksInPath().standardizedFileURL.path
        let b = URL(fileURLWithPath: outer).resolvingSymlinksInPath().standardizedFileURL.path
        return a == b || a.hasPrefix(b.hasSuffix("/") ? b : b + "/")
    }
}

/// Set by SIGINT/SIGTERM: the trainer finishes its step, writes a checkpoint and exits.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0
