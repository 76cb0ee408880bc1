import ArgumentParser
import Foundation
import StegoKit

struct TrainDetector: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-detector",
        abstract: "Train the steganalysis detector that 'stego analyze' uses.",
        discussion: """
            Pairs the PNGs under --data as 'stego eval' does (image i hides image i+1, centre-\
            cropped to their common size, at most --size), hides with --method, and fits a \
            regularized logistic regression on the residual features of the four quadrants of \
            every cover (clean) and stego image. The file is small; 'stego analyze --detector' \
            reads it. The shipped detector was made with:
            stego train-detector --data ../shared/data/train --method dlv-hinet --out detector.safetensors
            """)

    @Option(help: "Folder of PNG photos (searched recursively; at least two).")
    var data: String

    @Option(help: "Method whose stego images the detector learns to find.")
    var method: MethodName = .dlvHinet

    @Option(help: "Weights for --method (default: the shipped weights).")
    var model: String?

    @Option(help: "Largest side of the centre crops hidden into (even).")
    var size = 512

    @Option(help: "Seed for DLV-HiNet's latent.")
    var seed: UInt64 = 0

    @Option(name: [.short, .customLong("out")], help: "Detector file to write.")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        guard size >= 16, size % 2 == 0 else { throw ValidationError("--size must be even and at least 16") }
    }

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        let output = try OutputFile(path: out, force: force, inputs: [data] + [model].compactMap { $0 })
        let hiding = try method.makeMethod(model: model, seed: seed)
        let evaluation = try Evaluation(folder: data, size: nil)
        let progress = Progress(label: "train-detector", total: evaluation.images.count)
        var covers: [[Double]] = [], stegos: [[Double]] = []
        for i in evaluation.images.indices {
            progress.update(i, detail: evaluation.images[i].name)
            let p = evaluation.pair(i)
            let side = ImageSize(width: min(size, p.cover.width), height: min(size, p.cover.height))
            guard min(side.width, side.height) >= Detectability.Sample.minimumSide else { continue }
            let cover = p.cover.centerCropped(to: side)
            let stego = try hiding.hide(cover: cover, secret: p.secret.centerCropped(to: side))
            covers += TrainedDetector.quadrants(cover).map(ResidualFeatures.of)
            stegos += TrainedDetector.quadrants(stego).map(ResidualFeatures.of)
        }
        progress.finish()
        let detector = TrainedDetector.train(
            positives: stegos, negatives: covers,
            description: "\(method.rawValue) stego images vs covers, \(covers.count / 4) pairs from \(FilePath.name(of: data))",
            method: method)
        try output.write(detector.encode())
        print("trained on \(covers.count / 4) covers and their \(method.rawValue) stego images (4 quadrants each): \(out)")
    }
}
