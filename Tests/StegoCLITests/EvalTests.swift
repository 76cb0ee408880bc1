import Foundation
import StegoKit
import XCTest

final class EvalTests: CLITestCase {
    /// eval on tiny generated images with lsb4 and the three learned methods (tiny presets, two
    /// training steps each): the table has a row per method, and each number equals `compare` on
    /// the images eval saved.
    func testAFolderOverTheTotalLimitIsRefusedBeforeAnyWork() throws {
        let result = try stego("eval", "--data", fixture("photos"), "--methods", "lsb4", "--max-total-megapixels", "0.5")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--max-total-megapixels"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testEvalMatchesCompareOnSavedImages() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/data", withIntermediateDirectories: false)
        try fm.createDirectory(atPath: folder + "/saved", withIntermediateDirectories: false)
        let sizes = [(30, 22), (26, 28), (24, 24)]
        for (k, (w, h)) in sizes.enumerated() {
            var image = RGBImage(width: w, height: h)
            for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * (k + 5) + k * 31) % 256) }
            try OutputFile(path: folder + "/data/img\(k).png", force: false, inputs: []).write(PNGCodec.encode(image))
        }
        let learned = ["dlv-hinet", "hinet", "baluja"]
        for method in learned {
            let train = try stego("train", "--method", method, "--preset", "tiny", "--data", "data", "--out", "\(method).safetensors",
                                  "--steps", "2", "--crop", "16", "--batch", "2", "--threads", "1")
            XCTAssertEqual(train.status, 0, train.stderr)
        }

        let models = learned.flatMap { ["--\($0)-model", "\($0).safetensors"] }
        let result = try stego(["eval", "--data", "data", "--methods", "lsb4," + learned.joined(separator: ","), "--json",
                                "--save", "saved", "--csv", "table.csv"] + models)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(json["pairs"] as? Int, 3)
        let rows = json["methods"] as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["method"] as! String }, ["lsb4"] + learned)
        XCTAssertEqual(rows[0]["parameters"] as? Int, 0)
        XCTAssertEqual(rows[1]["parameters"] as? Int, HidingNetworkConfig.preset("tiny", dualLatent: true)!.parameterCount)
        XCTAssertEqual(rows[2]["parameters"] as? Int, HidingNetworkConfig.preset("tiny", dualLatent: false)!.parameterCount)
        XCTAssertEqual(rows[3]["parameters"] as? Int, BalujaNetwork(config: .preset("tiny")!).parameters.map(\.count).reduce(0, +))

        // Pairs: img0 hides img1 (common size 26x22), img1 hides img2 (24x24), img2 hides img0 (24x22).
        for row in rows {
            let method = row["method"] as! String
            for (part, kinds) in [("cover_stego", ("cover", "stego")), ("secret_recovery", ("secret", "revealed"))] {
                let direct = try (0..<3).map { k -> ImageComparison in
                    try ImageComparison(PNGCodec.read(path: "\(folder!)/saved/\(method)-img\(k)-\(kinds.0).png"),
                                        PNGCodec.read(path: "\(folder!)/saved/\(method)-img\(k)-\(kinds.1).png"))
                }
                let mean = ImageComparison.mean(direct), reported = row[part] as! [String: Any]
                for (key, value) in [("psnr_y", mean.psnrY), ("psnr_rgb", mean.psnrRGB), ("ssim_y", mean.ssimY!),
                                     ("ssim_rgb", mean.ssimRGB!), ("mae", mean.mae), ("rmse", mean.rmse)] {
                    XCTAssertEqual(reported[key] as! Double, value, accuracy: 1e-9, "\(method) \(part) \(key)")
                }
            }
        }
        for row in rows {
            let detectability = row["detectability"] as! [String: [String: Any]]
            XCTAssertEqual(Set(detectability.keys), ["spa", "rs", "chi2", "trained"])
            for estimate in detectability.values {
                let auc = estimate["auc"] as! Double, interval = estimate["ci95"] as! [Double]
                XCTAssertTrue(interval[0] <= auc && auc <= interval[1] && (0...1).contains(auc), "\(estimate)")
            }
        }
        XCTAssertEqual(try PNGCodec.read(path: folder + "/saved/lsb4-img0-stego.png").size, ImageSize(width: 26, height: 22))
        let csv = try String(contentsOfFile: folder + "/table.csv", encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 5)

        XCTAssertTrue(csv.hasPrefix("method,parameters,cs_psnr_y,cs_psnr_rgb,"))
        XCTAssertTrue(csv.contains("auc_trained_high"))

        let table = try stego("eval", "--data", "data", "--methods", "lsb4")
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("method") && lines[1].contains("PSNR-RGB") && lines[1].contains("SSIM-RGB"), table.stdout)
        XCTAssertTrue(lines[2].hasPrefix("lsb4"))
        XCTAssertTrue(lines[4].hasPrefix("detectability"))
        XCTAssertTrue(lines[6].hasPrefix("lsb4"))

        // Existing outputs need --force, a missing --save folder is refused before any pair.
        for arguments in [["--csv", "table.csv"], ["--save", "saved"], ["--save", "missing"]] {
            let again = try stego(["eval", "--data", "data", "--methods", "lsb4"] + arguments)
            XCTAssertEqual(again.status, 2, "\(arguments)")
            XCTAssertTrue(again.stderr.contains(arguments[1] == "missing" ? "does not exist" : "--force"), again.stderr)
        }
        XCTAssertEqual(try stego("eval", "--data", "data", "--methods", "lsb4", "--csv", "table.csv", "--save", "saved", "--force").status, 0)
    }
}
