import Foundation
import StegoKit
import XCTest

final class TrainCommandTests: CLITestCase {
    func writeImages(_ sizes: [(Int, Int)], into sub: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        for (k, (w, h)) in sizes.enumerated() {
            var image = RGBImage(width: w, height: h)
            for i in image.pixels.indices { image.pixels[i] = UInt8((i * (k + 3)) % 251) }
            try OutputFile(path: "\(folder!)/\(sub)/img\(k).png", force: false, inputs: []).write(PNGCodec.encode(image))
        }
    }

    func testBadFoldersAreOneLineErrors() throws {
        try writeImages([(40, 40), (10, 40), (1, 30)], into: "data")
        let one = try stego("train", "--preset", "tiny", "--data", "data", "--out", "m.safetensors", "--crop", "32", "--steps", "1")
        XCTAssertEqual(one.status, 2)
        XCTAssertTrue(one.stderr.contains("at least two images of at least 32x32"), one.stderr)
        XCTAssertFalse(exists("m.safetensors"))

        let inside = try stego("train", "--preset", "tiny", "--data", ".", "--val", "data", "--out", "m.safetensors", "--crop", "16")
        XCTAssertEqual(inside.status, 2)
        XCTAssertTrue(inside.stderr.contains("overlaps"), inside.stderr)

        // eval with a 1-pixel-wide image: a warning, the rest evaluated.
        let eval = try stego("eval", "--data", "data", "--methods", "lsb4")
        XCTAssertEqual(eval.status, 0, eval.stderr)
        XCTAssertTrue(eval.stderr.contains("img2.png skipped"), eval.stderr)
    }

    /// average-weights writes a checkpoint hide can use; it refuses one checkpoint, mixed
    /// networks, an existing output without --force, and an input as output even with it.
    func testAverageWeights() throws {
        for (k, method) in [(1, MethodName.hinet), (2, .hinet), (3, .dlvHinet)] {
            let spec = NetworkSpec.preset("tiny", method: method)!
            let parameters = spec.make().parameters
            var rng = SeededGenerator(seed: UInt64(k))
            for p in parameters { p.initNormal(scale: 0.05, using: &rng) }
            let file = SafeTensors(tensors: Checkpoint.tensors(of: parameters), metadata: spec.metadata.merging(["step": "\(k)"]) { $1 })
            try OutputFile(path: "\(folder!)/\(k).safetensors", force: false, inputs: []).write(file.encode())
        }
        let average = try stego("average-weights", "1.safetensors", "2.safetensors", "--out", "m.safetensors")
        XCTAssertEqual(average.status, 0, average.stderr)
        XCTAssertTrue(average.stdout.contains("steps 1,2"), average.stdout)
        let hide = try stego("hide", fixture("png/rgb8.png"), fixture("png/palette4.png"), "-o", "s.png", "--method", "hinet", "--model", "m.safetensors")
        XCTAssertEqual(hide.status, 0, hide.stderr)

        let one = try stego("average-weights", "1.safetensors", "--out", "n.safetensors")
        XCTAssertEqual(one.status, 2)
        XCTAssertTrue(one.stderr.contains("at least two"), one.stderr)
        let mixed = try stego("average-weights", "1.safetensors", "3.safetensors", "--out", "n.safetensors")
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("3.safetensors: another network"), mixed.stderr)
        XCTAssertFalse(exists("n.safetensors"))
        XCTAssertEqual(try stego("average-weights", "1.safetensors", "2.safetensors", "--out", "m.safetensors").status, 2)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/1.safetensors"))
        XCTAssertEqual(try stego("average-weights", "1.safetensors", "2.safetensors", "--out", "1.safetensors", "--force").status, 2)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/1.safetensors")), before)
    }

    /// Ctrl-C stops after the step, writes a checkpoint and exits 130.
    func testInterruptWritesACheckpointAndExits130() throws {
        try writeImages([(32, 32), (32, 32), (32, 32)], into: "data")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["train", "--preset", "tiny", "--data", "data", "--out", "m.safetensors", "--crop", "16",
                             "--batch", "1", "--steps", "100000000", "--threads", "1"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let err = Pipe()
        process.standardError = err
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("training dlv-hinet") {
            seen += err.fileHandleForReading.availableData
        }
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        seen += err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, String(decoding: seen, as: UTF8.self))
        XCTAssertTrue(exists("m.safetensors") && exists("m.safetensors.state"))
    }
}
