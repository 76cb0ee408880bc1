import ArgumentParser
import Foundation
import StegoKit

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how close two images are: PSNR, SSIM, MAE, RMSE.",
        discussion: """
            PSNR and SSIM are given on the luma channel Y (BT.601, as in the paper's tables) and \
            on RGB (PSNR over all samples, SSIM averaged over channels); MAE and RMSE are over \
            RGB samples on the 0-255 scale. SSIM uses an 11x11 Gaussian window (sigma 1.5) and \
            is n/a for images smaller than that. Identical images have PSNR inf (null in JSON, which has no infinity).
            With two folders, files with the same name are paired and the mean is printed last.
            Example: stego compare cover.png stego.png
            """)

    @Argument(help: "The reference PNG, or a folder of PNGs.")
    var a: String

    @Argument(help: "The PNG to compare with it, or a folder of PNGs with the same names.")
    var b: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        var isFolderA: ObjCBool = false, isFolderB: ObjCBool = false
        let existsA = FileManager.default.fileExists(atPath: a, isDirectory: &isFolderA)
        let existsB = FileManager.default.fileExists(atPath: b, isDirectory: &isFolderB)
        if existsA && existsB && isFolderA.boolValue && isFolderB.boolValue {
            try compareFolders()
        } else if existsA && existsB && isFolderA.boolValue != isFolderB.boolValue {
            throw StegoError.badInput("cannot compare a folder with a file: give two PNG files or two folders")
        } else {
            let comparison = try ImageComparison(ImageDecoder.read(path: a), ImageDecoder.read(path: b))
            if json {
                var object = ComparisonReport.jsonObject(comparison)
                object["a"] = a
                object["b"] = b
                print(try ComparisonReport.json(object))
            } else {
                print(ComparisonReport.table([(name: FilePath.name(of: b), comparison: comparison)]))
            }
        }
    }

    private func compareFolders() throws {
        let result = try FolderComparison(folderA: a, folderB: b, showProgress: true)
        for name in result.unmatched {
            FileHandle.standardError.write(Data("stego: warning: \(name) is in only one folder, skipped\n".utf8))
        }
        for failure in result.failures {
            FileHandle.standardError.write(Data("stego: error: \(failure.name): \(failure.reason)\n".utf8))
        }
        if json {
            let pairs = result.pairs.map { pair -> [String: Any] in
                var object = ComparisonReport.jsonObject(pair.comparison)
                object["name"] = pair.name
                return object
            }
            print(try ComparisonReport.json(["pairs": pairs, "mean": result.mean.map(ComparisonReport.jsonObject) ?? NSNull(),
                                             "failed": result.failures.map { ["name": $0.name, "reason": $0.reason] }]))
        } else if let mean = result.mean {
            print(ComparisonReport.table(result.pairs.map { (name: $0.name, comparison: $0.comparison) } + [(name: "mean", comparison: mean)]))
        }
        if !result.failures.isEmpty {
            throw StegoError.runtime("\(result.failures.count) of \(result.failures.count + result.pairs.count) pairs could not be compared")
        }
    }
}
