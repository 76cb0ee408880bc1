import ArgumentParser
import Foundation
import StegoKit

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look for hidden data in images (steganalysis).",
        discussion: """
            For each image: the payload estimates of three classic detectors of LSB replacement, \
            as the fraction of samples that seem to carry payload (SPA: sample pair analysis; RS: \
            RS analysis; chi2: the chi-square attack, which sees only payload written from the \
            start of the image), the probability from a detector trained on the shipped \
            dlv-hinet's stego images (residual features, logistic regression; see 'stego \
            train-detector'), a score of the low four bits ("low bits": \(RevealCheck.threshold(for: .lsb4)) or less when they \
            hold an image of their own, as 4-bit LSB substitution such as 'stego hide --method \
            lsb4' leaves them), and a one-line verdict. Clean photos give \
            estimates near 0 (a few hundredths). The detectors can miss; a clean verdict is not \
            a proof.
            Example: stego analyze suspect.png --json
            """)

    @Argument(help: "PNG images to examine.")
    var images: [String]

    @Option(help: "Detector file made by 'stego train-detector' (default: the shipped detector).")
    var detector: String?

    @Flag(help: "Print JSON: one object per image with spa, rs, chi2, probability, low_bits and verdict.")
    var json = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        guard let path = detector ?? TrainedDetector.shippedPath else {
            throw StegoError.badInput("no detector: \(ShippedFiles.notFound("detector.safetensors")); or make one with 'stego train-detector' and give --detector FILE")
        }
        let model = try TrainedDetector.read(path: path)
        let results = try images.map { ($0, ImageAnalysis(try ImageDecoder.read(path: $0), detector: model)) }
        if json {
            print(try ComparisonReport.json(results.map { name, analysis in
                analysis.jsonObject.merging(["image": name]) { a, _ in a }
            }))
            return
        }
        let width = max(5, results.map(\.0.count).max() ?? 0)
        print("image".padding(toLength: width, withPad: " ", startingAt: 0)
              + ["spa", "rs", "chi2", "p(stego)", "low bits"].map { $0.rightAligned(9) }.joined() + "  verdict")
        for (name, a) in results {
            let figures = [a.spa, a.rs, a.chi2, a.probability].map { String(format: "%.3f", $0) } + [a.lowBits.map { String(format: "%.3f", $0) } ?? "n/a"]
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + figures.map { $0.rightAligned(9) }.joined() + "  " + a.verdict)
        }
    }
}
