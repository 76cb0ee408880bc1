import ArgumentParser
import Foundation
import StegoKit

/// How reveal's "does not look like a hidden image" warning (`RevealCheck`) sorts one method's
/// reveals: the real secrets of `stego eval --save`'s stego images, which should score at most the
/// threshold, and the reveals of their clean covers, which should score above it. Prints every
/// score and the two rates at a range of thresholds, to choose the threshold on one set of photos
/// and measure it on another (docs/steganalysis.md).
struct RevealCheckBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal-check",
        abstract: "Reveal-warning scores of a method's real secrets and of its reveals of clean covers.")

    @Option(help: "The folder 'stego eval --save' wrote (METHOD-PAIR-{cover,stego,revealed}.png).")
    var pairs: String

    @Option(help: "The method whose pairs to read: lsb4, hinet or dlv-hinet.")
    var method = "dlv-hinet"

    @Option(help: "The weights the pairs were made with (default: the shipped ones).")
    var model: String?

    @Option(parsing: .upToNextOption, help: "Thresholds to report the rates at.")
    var thresholds = [0.4, 0.45, 0.5, 0.55, 0.6]

    @Option(help: "Threads.")
    var threads = 2

    func run() throws {
        Threads.set(threads)
        guard let name = MethodName(rawValue: method), RevealCheck.methods.contains(name) else {
            throw ValidationError("--method: one of \(RevealCheck.methods.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        let hiding = try name.makeMethod(model: model, seed: 0)
        let names = try Evaluation.savedPairs(folder: pairs, method: method)
        guard !names.isEmpty else { throw ValidationError("\(pairs): no \(method)-*-cover.png (stego eval --save writes them)") }
        func read(_ pair: String, _ kind: String) throws -> RGBImage {
            try Evaluation.readSaved(folder: pairs, method: method, pair: pair, kind: kind)
        }
        let width = names.map(\.count).max()! + 2
        print("pair".padding(toLength: width, withPad: " ", startingAt: 0) + " secret   clean")
        var secrets: [Double] = [], cleans: [Double] = []
        for pair in names {
            let cover = try read(pair, "cover"), stego = try read(pair, "stego")
            guard let secret = RevealCheck.centreScore(revealed: try read(pair, "revealed"), stego: stego),
                  let clean = RevealCheck.centreScore(revealed: try hiding.reveal(stego: cover), stego: cover) else { continue }
            secrets.append(secret)
            cleans.append(clean)
            print(pair.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "%7.3f %7.3f", secret, clean))
        }
        print("threshold   secrets warned   clean covers warned   (in use: \(RevealCheck.threshold(for: name)))")
        for threshold in thresholds {
            print(String(format: "%-11.3g %4d / %-9d %4d / %d", threshold, secrets.filter { $0 > threshold }.count, secrets.count,
                         cleans.filter { $0 > threshold }.count, cleans.count))
        }
    }
}
