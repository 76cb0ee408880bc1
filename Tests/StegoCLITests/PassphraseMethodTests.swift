import Foundation
import StegoKit
import XCTest

/// --method stc through the CLI, on small covers (the debug build's trellis is slow).
final class PassphraseMethodTests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let photo = try PNGCodec.read(path: fixture("photos/kphotoalbum_bar55.png"))
        try OutputFile(path: folder + "/cover.png", force: false, inputs: [])
            .write(PNGCodec.encode(photo.cropped(x: 30, y: 30, size: ImageSize(width: 80, height: 80))))
        try OutputFile(path: folder + "/secret.png", force: false, inputs: [])
            .write(PNGCodec.encode(photo.cropped(x: 120, y: 120, size: ImageSize(width: 10, height: 10))))
        try Data("correct horse\n".utf8).write(to: URL(fileURLWithPath: folder + "/key.txt"))
    }

    func testAFileComesBackByteForByteAndAWrongPassphraseGetsNothing() throws {
        let notes = Data((0..<300).map { UInt8($0 % 251) })
        try notes.write(to: URL(fileURLWithPath: folder + "/notes.bin"))
        let hide = try stego(["hide", "cover.png", "notes.bin", "--file", "--method", "stc", "--passphrase-file", "key.txt", "--rate", "0.3",
                              "-o", "stego.png"])
        XCTAssertEqual(hide.status, 0, hide.stderr)
        XCTAssertTrue(hide.stderr.contains("samples changed"), hide.stderr)
        XCTAssertTrue(hide.stderr.contains("warning: at --rate 0.3"), hide.stderr)
        let reveal = try stego(["reveal", "stego.png", "--method", "stc", "-o", "notes.txt"], environment: ["STEGO_PASSPHRASE": "correct horse"])
        XCTAssertEqual(reveal.status, 0, reveal.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/notes.txt")), notes)

        let wrong = try stego(["reveal", "stego.png", "--method", "stc", "-o", "wrong.bin"], environment: ["STEGO_PASSPHRASE": "correct horse!"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.stderr, "stego: error: no hidden data, or wrong passphrase\n")
        XCTAssertFalse(exists("wrong.bin"))
        let clean = try stego(["reveal", "cover.png", "--method", "stc", "--passphrase-file", "key.txt", "-o", "clean.bin"])
        XCTAssertEqual(clean.status, 1)
        XCTAssertFalse(exists("clean.bin"))
        // A truncated stego image is not a PNG any more.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/stego.png"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder + "/truncated.png"))
        let truncated = try stego(["reveal", "truncated.png", "--method", "stc", "--passphrase-file", "key.txt", "-o", "t.bin"])
        XCTAssertEqual(truncated.status, 2)
        XCTAssertFalse(exists("t.bin"))
    }

    func testAnImageComesBackAndItsOutputMustBeNamedPNG() throws {
        let hide = try stego(["hide", "cover.png", "secret.png", "--method", "stc", "--rate", "0.5", "-o", "stego.png"],
                             environment: ["STEGO_PASSPHRASE": "pw"])
        XCTAssertEqual(hide.status, 0, hide.stderr)
        XCTAssertTrue(hide.stderr.contains("PNG (exact)"), hide.stderr)
        let refused = try stego(["reveal", "stego.png", "--method", "stc", "-o", "secret.jpg"], environment: ["STEGO_PASSPHRASE": "pw"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertFalse(exists("secret.jpg"))
        XCTAssertEqual(try stego(["reveal", "stego.png", "--method", "stc", "-o", "revealed.png"], environment: ["STEGO_PASSPHRASE": "pw"]).status, 0)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/revealed.png"), try PNGCodec.read(path: folder + "/secret.png"))
    }

    func testThePassphraseIsNeverTakenFromTheCommandLineAndNeverMissing() throws {
        let noTerminal = try stego(["hide", "cover.png", "secret.png", "--method", "stc", "-o", "stego.png"],
                                   detached: true)
        XCTAssertEqual(noTerminal.status, 2, noTerminal.stderr)
        XCTAssertTrue(noTerminal.stderr.contains("--passphrase-file"), noTerminal.stderr)
        XCTAssertFalse(exists("stego.png"))
        XCTAssertEqual(try stego(["hide", "cover.png", "secret.png", "--method", "stc", "--passphrase", "x", "-o", "stego.png"]).status, 2)
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.txt"))
        let empty = try stego(["hide", "cover.png", "secret.png", "--method", "stc", "--passphrase-file", "empty.txt", "-o", "stego.png"])
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.contains("empty"), empty.stderr)
        XCTAssertEqual(try stego(["hide", "cover.png", "secret.png", "--file", "-o", "stego.png"]).status, 2)
        XCTAssertEqual(try stego(["hide", "cover.png", "key.txt", "--method", "stc", "--file", "--passphrase-file", "key.txt", "-o", "key.txt", "--force"]).status, 2)
    }

    func testCapacityReportsTheBytesAtEachRate() throws {
        let result = try stego("capacity", "cover.png", "--rate", "0.1", "--rate", "0.4", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let bytes = ((json["covers"] as! [[String: Any]])[0]["bytes"] as! [String: Int])
        let cover = try PNGCodec.read(path: folder + "/cover.png")
        XCTAssertEqual(bytes["0.1"], STCHiding.capacity(of: cover, rate: 0.1))
        XCTAssertEqual(bytes["0.4"], STCHiding.capacity(of: cover, rate: 0.4))
        XCTAssertGreaterThan(bytes["0.4"]!, 4 * bytes["0.1"]! - 100)
        XCTAssertTrue(try stego("capacity", "cover.png").stdout.contains("80x80"))
    }

    func testCapacityFollowsTheConstraintHeight() throws {
        // A cover large enough for heights 10 and 12 to cut different segments, at a rate where that shows.
        let photo = try PNGCodec.read(path: fixture("photos/kphotoalbum_bar55.png"))
        try OutputFile(path: folder + "/large.png", force: false, inputs: []).write(PNGCodec.encode(photo))
        let rate = try XCTUnwrap([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4].first {
            STCHiding.capacity(of: photo, rate: $0, height: 10) != STCHiding.capacity(of: photo, rate: $0, height: 12)
        })
        let result = try stego("capacity", "large.png", "--rate", "\(rate)", "--constraint-height", "12", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let bytes = ((json["covers"] as! [[String: Any]])[0]["bytes"] as! [String: Int])
        XCTAssertEqual(bytes["\(rate)"], STCHiding.capacity(of: photo, rate: rate, height: 12))
        XCTAssertEqual(try stego("capacity", "large.png", "--constraint-height", "15").status, 2)
    }
}
