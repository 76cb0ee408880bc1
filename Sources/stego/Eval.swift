import ArgumentParser
import Foundation
import StegoKit

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare methods on a folder of PNGs, in the layout of the DLV paper's Table 5.",
        discussion: """
            The images of the folder (sorted by name, searched recursively) are paired cyclically: \
            image i hides image i+1, and the last hides the first. Each pair is center-cropped to \
            --size, or by default to the pair's common size rounded down to even sides. For each \
            method the table gives cover/stego and secret/recovery PSNR and SSIM on Y, MAE and \
            RMSE on RGB (0-255), the learned parameters, and hide+reveal seconds per pair; the \
            same figures as 'stego compare' on the images --save writes. stc hides with the \
            passphrase "stego eval" at --rate; its secret comes back at the quality of its \
            compressed form (AVIF at the best quality that fits).
            Example: stego eval --data photos/ --methods lsb4,dlv-hinet
            """)

    @Option(help: "Folder of PNGs to evaluate on (at least two).")
    var data: String

    @Option(help: "Comma-separated methods, from: \(MethodName.allCases.map(\.rawValue).joined(separator: ", ")) (default: lsb4, stc and every method whose weights ship with stego).")
    var methods: String?

    @Option(help: "Center-crop every pair to WIDTHxHEIGHT (or N for NxN).")
    var size: String?

    @Option(help: "Weights for dlv-hinet (default: the shipped weights).")
    var dlvHinetModel: String?

    @Option(help: "Weights for hinet (default: the shipped weights).")
    var hinetModel: String?

    @Option(help: "Weights for baluja (default: the shipped weights).")
    var balujaModel: String?

    @Option(help: "Seed for DLV-HiNet's latent.")
    var seed: UInt64 = 0

    @Option(help: "Payload of stc in bits per colour sample.")
    var rate = 0.1

    @Flag(help: "Print JSON instead of the table.")
    var json = false

    @Option(help: "Also write the table as CSV to this file.")
    var csv: String?

    @Option(help: "Write every pair's cover, secret, stego and revealed PNGs into this folder (an existing folder).")
    var save: String?

    @Flag(help: "Replace existing --csv and --save files.")
    var force = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        let available = MethodName.allCases.filter { $0 == .lsb4 || $0 == .stc || $0.shippedWeights != nil }.map(\.rawValue)
        let names = try (methods ?? available.joined(separator: ",")).split(separator: ",").map { name -> MethodName in
            guard let m = MethodName(rawValue: String(name)) else { throw StegoError.badInput("unknown method '\(name)'") }
            return m
        }
        let csvFile = try csv.map { try OutputFile(path: $0, force: force, inputs: []) }
        let evaluation = try Evaluation(folder: data, size: try size.map(parseSize))
        warnSkipped(evaluation.skipped, folder: data)
        if let save {  // every file checked before the first pair is computed
            for name in names {
                for path in evaluation.savedFiles(method: name.rawValue, folder: save) { _ = try OutputFile(path: path, force: force, inputs: []) }
            }
        }
        var rows: [Evaluation.Row] = []
        for name in names {
            let model = [MethodName.dlvHinet: dlvHinetModel, .hinet: hinetModel, .baluja: balujaModel][name] ?? nil
            let method = try name.makeMethod(model: model, seed: seed, stc: (Array("stego eval".utf8), rate, 10))
            rows.append(try evaluation.run(name.rawValue, method, parameters: method.parameterCount, saveTo: save, force: force,
                                           progress: Progress(label: "eval", total: evaluation.images.count)))
        }
        print(json ? try ComparisonReport.json(["pairs": evaluation.images.count, "methods": rows.map(Evaluation.jsonObject)])
                   : Evaluation.table(rows))
        try csvFile?.write(Array(Evaluation.csv(rows).utf8))
    }

    private func parseSize(_ text: String) throws -> ImageSize {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy({ $0 >= 2 && $0 % 2 == 0 }) else {
            throw StegoError.badInput("--size \(text): expected even WIDTHxHEIGHT or N")
        }
        return ImageSize(width: parts[0], height: parts.last!)
    }
}
