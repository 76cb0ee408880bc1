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

    /// One corrupt file and one pair of different sizes: every other pair is still compared, the
    /// failures are listed, exit 1; identical images give a null PSNR in JSON, never a string.
    func testFolderFailuresAreListedAndTheRestCompared() throws {
        let fm = FileManager.default
        for side in ["a", "b"] { try fm.createDirectory(atPath: folder + "/" + side, withIntermediateDirectories: false) }
        for side in ["a", "b"] { try fm.copyItem(atPath: fixture("png/rgb8.png"), toPath: folder + "/\(side)/same.png") }
        try fm.copyItem(atPath: fixture("png/rgb8.png"), toPath: folder + "/a/sizes.png")
        try fm.copyItem(atPath: fixture("png/one_pixel.png"), toPath: folder + "/b/sizes.png")
        try fm.copyItem(atPath: fixture("png/rgb8.png"), toPath: folder + "/a/corrupt.png")
        try fm.copyItem(atPath: fixture("png/truncated.png"), toPath: folder + "/b/corrupt.png")

        let result = try stego("compare", "a", "b", "--json")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("sizes.png: images differ in size"), result.stderr)
        XCTAssertTrue(result.stderr.contains("corrupt.png"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("stego: error: 2 of 3 pairs could not be compared\n"), result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let pair = (json["pairs"] as! [[String: Any]])[0]
        XCTAssertEqual(pair["name"] as? String, "same.png")
        XCTAssertTrue(pair["psnr_y"] is NSNull && pair["psnr_rgb"] is NSNull, "\(pair)")
        XCTAssertEqual((json["failed"] as! [[String: String]]).map { $0["name"]! }, ["corrupt.png", "sizes.png"])
    }

    func testDifferentSizesNameBothSizes() throws {
        let result = try stego("compare", fixture("png/rgb8.png"), fixture("png/one_pixel.png"))
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "stego: error: images differ in size: 13x7 and 1x1\n")
    }
}
