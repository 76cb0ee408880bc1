import Foundation
import StegoKit
import XCTest

final class CompareTests: CLITestCase {
    func testFoldersArePairedByNameWithMean() throws {
        let fm = FileManager.default
        for side in ["a", "b"] { try fm.createDirectory(atPath: folder + "/" + side, withIntermediateDirectories: false) }
        for i in 0..<3 {
            try fm.copyItem(atPath: fixture("metrics/case\(i)_a.png"), toPath: folder + "/a/img\(i).png")
            try fm.copyItem(atPath: fixture("metrics/case\(i)_b.png"), toPath: folder + "/b/img\(i).png")
        }
        try fm.copyItem(atPath: fixture("png/rgb8.png"), toPath: folder + "/a/only-in-a.png")

        let result = try stego("compare", "a", "b", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("only-in-a.png"), result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let pairs = json["pairs"] as! [[String: Any]]
        XCTAssertEqual(pairs.map { $0["name"] as! String }, ["img0.png", "img1.png", "img2.png"])
        let direct = try (0..<3).map {
            try ImageComparison(PNGCodec.read(path: fixture("metrics/case\($0)_a.png")),
                                PNGCodec.read(path: fixture("metrics/case\($0)_b.png")))
        }
        let mean = json["mean"] as! [String: Any]
        XCTAssertEqual(mean["psnr_y"] as! Double, direct.map(\.psnrY).reduce(0, +) / 3, accuracy: 1e-9)
        XCTAssertEqual(mean["mae"] as! Double, direct.map(\.mae).reduce(0, +) / 3, accuracy: 1e-9)

        let table = try stego("compare", "a", "b")
        XCTAssertEqual(table.stdout.split(separator: "\n").count, 5)  // header, 3 pairs, mean
        XCTAssertTrue(table.stdout.split(separator: "\n").last!.hasPrefix("mean"))
    }

    func testDifferentSizesNameBothSizes() throws {
        let result = try stego("compare", fixture("png/rgb8.png"), fixture("png/one_pixel.png"))
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "stego: error: images differ in size: 13x7 and 1x1\n")
    }
}
