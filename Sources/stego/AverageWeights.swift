import ArgumentParser
import StegoKit

struct AverageWeights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average-weights",
        abstract: "Average the weights of checkpoints from one training run.",
        discussion: """
            Writes the element-wise mean of checkpoints that 'stego train' wrote along one run \
            (stochastic weight averaging): late in training, at a steady learning rate, each \
            checkpoint is a noisy point about a better one, and their mean is often better than \
            every one of them. Judge it with 'stego eval' like any other weights. The result has \
            no optimizer state: train on from the last checkpoint, not from the average.
            Example: stego average-weights --out mean.safetensors run-1.safetensors run-2.safetensors run-3.safetensors
            """)

    @Argument(help: "Checkpoints of one network ('stego train --out' files; at least two).")
    var checkpoints: [String]

    @Option(name: [.short, .customLong("out")], help: "Weights file to write.")
    var out: String

    @Flag(help: "Replace --out if it exists (never one of the checkpoints).")
    var force = false

    func validate() throws {
        guard checkpoints.count >= 2 else { throw ValidationError("give at least two checkpoints to average") }
    }

    func run() throws {
        let output = try OutputFile(path: out, force: force, inputs: checkpoints)
        let files = try checkpoints.map { (source: $0, file: try SafeTensors.read(path: $0)) }
        let mean = try WeightAveraging.average(files)
        try output.write(mean.encode())
        print("averaged \(checkpoints.count) checkpoints (steps \(mean.metadata["averaged_steps"]!)): \(out)")
    }
}
