import Foundation
import StegoKit
import XCTest

final class AnalyzeTests: CLITestCase {
    /// A detector trained on lsb4 stego images of the fixture photos, then analyze on a clean
    /// photo, on a 1-bit LSB stego image of it and on its lsb4 stego image: JSON fields; the
    /// structural estimates find the first, the low bits the second.
    func testAnalyzeReportsEstimatesAndProbability() throws {
        let photos = fixture("photos")
        let trained = try stego("train-detector", "--data", photos, "--method", "lsb4", "--size", "128", "--out", "det.safetensors")
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let again = try stego("train-detector", "--data", photos, "--method", "lsb4", "--out", "det.safetensors")
        XCTAssertEqual(again.status, 2, "an existing detector is replaced only with --force")

        let clean = try PNGCodec.read(path: photos + "/kphotoalbum_blackie.png")
        var stego = clean
        var rng = SeededGenerator(seed: 5)
        for i in stego.pixels.indices { stego.pixels[i] = stego.pixels[i] & 0xFE | UInt8.random(in: 0...1, using: &rng) }
        try OutputFile(path: folder + "/clean.png", force: false, inputs: []).write(PNGCodec.encode(clean))
        try OutputFile(path: folder + "/lsb.png", force: false, inputs: []).write(PNGCodec.encode(stego))
        let secret = try PNGCodec.read(path: photos + "/kphotoalbum_donna.png")
        try OutputFile(path: folder + "/lsb4.png", force: false, inputs: []).write(PNGCodec.encode(try LSB4().hide(cover: clean, secret: secret)))

        let result = try self.stego("analyze", "clean.png", "lsb.png", "lsb4.png", "--detector", "det.safetensors", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let objects = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(objects.map { $0["image"] as! String }, ["clean.png", "lsb.png", "lsb4.png"])
        for object in objects {
            for key in ["spa", "rs", "chi2", "probability", "low_bits"] { XCTAssertNotNil(object[key] as? Double, key) }
            XCTAssertNotNil(object["verdict"] as? String)
        }
        XCTAssertLessThan(objects[0]["spa"] as! Double, 0.05)
        XCTAssertGreaterThan(objects[1]["spa"] as! Double, 0.9)
        XCTAssertGreaterThan(objects[1]["chi2"] as! Double, 0.9)
        XCTAssertEqual(objects[0]["verdict"] as? String, "no sign of hidden data")
        XCTAssertTrue((objects[1]["verdict"] as! String).contains("LSB replacement likely"), objects[1]["verdict"] as! String)
        XCTAssertTrue((objects[2]["verdict"] as! String).hasPrefix("4-bit LSB substitution likely"), objects[2]["verdict"] as! String)

        let table = try self.stego("analyze", "lsb.png", "--detector", "det.safetensors")
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("LSB replacement likely"), table.stdout)
    }

    func testBadInputsGiveOneLineErrors() throws {
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: folder + "/bad.png"))
        for arguments in [["analyze", "bad.png"], ["analyze", "missing.png"],
                          ["analyze", fixture("photos/kphotoalbum_blackie.png"), "--detector", fixture("engine/conv3x3.safetensors")]] {
            let result = try stego(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stdout.isEmpty)
        }
    }
}
