import ArgumentParser
import Foundation
import StegoKit

/// How far a method is from going undetected, where `stego eval` only says AUC 1.00: the stego
/// images' change from their covers is scaled down (stego = cover + s (stego - cover), rounded)
/// until the detectors lose it. The scale at which the trained detector's AUC falls to a target
/// tells how much weaker the embedding's noise would have to be, a figure that moves with
/// training long before the AUC itself does. A proxy: a network at that fidelity would not make
/// the same pattern, only a weaker one.
struct DetectabilityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detectability",
        abstract: "Detector AUCs of a method's stego images (from 'stego eval --save DIR') with their change from the cover scaled down.")

    @Option(help: "The folder 'stego eval --save' wrote (METHOD-PAIR-cover.png and METHOD-PAIR-stego.png).")
    var pairs: String

    @Option(help: "The method whose pairs to read.")
    var method = "dlv-hinet"

    @Option(parsing: .upToNextOption, help: "Scales of the stego images' change from the cover.")
    var scales = [1.0, 0.5, 0.25, 0.125, 0.0625]

    @Option(help: "The trained detector's AUC whose scale to find (the detectability issue's target).")
    var target = 0.75

    @Option(help: "At each scale, also print the N residual features that give the stego images away best on their own (0: none).")
    var features = 0

    @Option(help: "Threads.")
    var threads = 2

    func run() throws {
        Threads.set(threads)
        let names = try Evaluation.savedPairs(folder: pairs, method: method)
        guard names.count >= 2 else { throw ValidationError("\(pairs): fewer than two \(method)-*-cover.png (stego eval --save writes them)") }
        func read(_ kind: String) throws -> [RGBImage] {
            try names.map { try Evaluation.readSaved(folder: pairs, method: method, pair: $0, kind: kind) }
        }
        let covers = try read("cover"), stegos = try read("stego")
        let coverSamples = covers.map(Detectability.Sample.init)
        print("\(names.count) pairs of \(method) in \(pairs)")
        var trained: [(scale: Double, auc: Double)] = []
        print("scale    cover/stego Y / RGB dB   " + Detectability.detectors.map { $0.padding(toLength: 20, withPad: " ", startingAt: 0) }.joined())
        for scale in scales {
            let scaled = zip(covers, stegos).map { cover, stego in
                RGBImage(width: cover.width, height: cover.height, pixels: zip(cover.pixels, stego.pixels).map { c, s in
                    UInt8(min(max((Double(c) + scale * (Double(s) - Double(c))).rounded(), 0), 255))
                })
            }
            let fidelity = ImageComparison.mean(try zip(covers, scaled).map { try ImageComparison($0, $1) })
            let stegoSamples = scaled.map(Detectability.Sample.init)
            let detectability = Detectability(covers: coverSamples, stegos: stegoSamples)
            print(String(format: "%-8.4g %6.2f / %6.2f          ", scale, fidelity.psnrY, fidelity.psnrRGB)
                  + detectability.estimates.map { String(format: "%.2f [%.2f, %.2f]   ", $0.auc, $0.low, $0.high) }.joined())
            if features > 0 {
                let ranked = Detectability.singleFeatures(covers: coverSamples.map(\.quadrantFeatures),
                                                          stegos: stegoSamples.map(\.quadrantFeatures))
                for (name, e) in ranked.prefix(features) {
                    print("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0)
                          + String(format: "%.2f [%.2f, %.2f]", e.auc, e.low, e.high))
                }
            }
            trained.append((scale, detectability.estimates[Detectability.detectors.firstIndex(of: "trained")!].auc))
        }
        // The first fall through the target, interpolated linearly in log(scale).
        let sorted = trained.sorted { $0.scale > $1.scale }
        if let i = sorted.indices.dropLast().first(where: { sorted[$0].auc > target && sorted[$0 + 1].auc <= target }) {
            let (a, b) = (sorted[i], sorted[i + 1])
            let scale = exp(log(a.scale) + (a.auc - target) / (a.auc - b.auc) * (log(b.scale) - log(a.scale)))
            print(String(format: "trained detector at AUC %.2f: scale %.3f (the change %.1f dB weaker)", target, scale, -20 * log10(scale)))
        }
    }
}
