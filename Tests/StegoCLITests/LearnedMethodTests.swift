import Foundation
import StegoKit
import XCTest

final class LearnedMethodTests: CLITestCase {
    /// `stego train` on tiny generated images, then hide/reveal with that checkpoint.
    func testTrainThenHideAndReveal() throws {
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: false)
        for k in 0..<3 {
            var image = RGBImage(width: 24, height: 24)
            for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * (k + 3)) % 256) }
            try OutputFile(path: folder + "/data/\(k).png", force: false, inputs: []).write(PNGCodec.encode(image))
        }
        let train = try stego("train", "--method", "dlv-hinet", "--preset", "tiny", "--data", "data", "--out", "m.safetensors",
                              "--steps", "3", "--crop", "16", "--batch", "2", "--threads", "1")
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(exists("m.safetensors") && exists("m.safetensors.state"))
        XCTAssertTrue(train.stderr.contains("step 3"), train.stderr)
        let again = try stego("train", "--preset", "tiny", "--data", "data", "--out", "m.safetensors", "--steps", "3", "--crop", "16")
        XCTAssertEqual(again.status, 2, "an existing checkpoint needs --resume or --force")

        let cover = fixture("png/rgb8.png"), secret = fixture("png/palette4.png")
        XCTAssertEqual(try stego("hide", cover, secret, "-o", "s.png", "--model", "m.safetensors").status, 0)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/s.png").size, ImageSize(width: 13, height: 7))
        XCTAssertEqual(try stego("reveal", "s.png", "-o", "r.png", "--model", "m.safetensors").status, 0)
        // The latent is drawn afresh for every hide unless a seed is given.
        XCTAssertEqual(try stego("hide", cover, secret, "-o", "s2.png", "--model", "m.safetensors").status, 0)
        XCTAssertNotEqual(try PNGCodec.read(path: folder + "/s.png"), try PNGCodec.read(path: folder + "/s2.png"), "a fresh latent each time")
        for name in ["s3.png", "s4.png"] {
            XCTAssertEqual(try stego("hide", cover, secret, "-o", name, "--model", "m.safetensors", "--seed", "7").status, 0)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/s3.png")),
                       try Data(contentsOf: URL(fileURLWithPath: folder + "/s4.png")), "same seed, same stego")

        let wrong = try stego("reveal", "s.png", "-o", "r2.png", "--method", "hinet", "--model", "m.safetensors")
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("not hinet"), wrong.stderr)
        let notCheckpoint = try stego("reveal", "s.png", "-o", "r2.png", "--model", cover)
        XCTAssertEqual(notCheckpoint.status, 2)
        XCTAssertTrue(notCheckpoint.stderr.contains("safetensors"), notCheckpoint.stderr)
        XCTAssertFalse(exists("r2.png"))
    }
}
