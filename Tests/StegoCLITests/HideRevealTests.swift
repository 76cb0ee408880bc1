import Foundation
import StegoKit
import XCTest

final class HideRevealTests: CLITestCase {
    /// A full round trip through the CLI; `compare --json` reports exactly what a direct
    /// computation of LSB4 and the metrics gives.
    func testLSB4RoundTripFiguresMatchDirectComputation() throws {
        let cover = fixture("metrics/case2_a.png"), secret = fixture("metrics/case2_b.png")
        XCTAssertEqual(try stego("hide", cover, secret, "-o", "stego.png", "--method", "lsb4").status, 0)
        XCTAssertEqual(try stego("reveal", "stego.png", "-o", "revealed.png", "--method", "lsb4").status, 0)

        let coverImage = try PNGCodec.read(path: cover), secretImage = try PNGCodec.read(path: secret)
        let stegoImage = try LSB4().hide(cover: coverImage, secret: secretImage)
        let revealedImage = try LSB4().reveal(stego: stegoImage)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/stego.png"), stegoImage)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/revealed.png"), revealedImage)

        for (a, b, expected) in [(cover, "stego.png", try ImageComparison(coverImage, stegoImage)),
                                 (secret, "revealed.png", try ImageComparison(secretImage, revealedImage))] {
            let result = try stego("compare", a, b, "--json")
            XCTAssertEqual(result.status, 0, result.stderr)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            XCTAssertEqual(json["psnr_y"] as! Double, expected.psnrY, accuracy: 1e-9)
            XCTAssertEqual(json["psnr_rgb"] as! Double, expected.psnrRGB, accuracy: 1e-9)
            XCTAssertEqual(json["ssim_y"] as! Double, expected.ssimY!, accuracy: 1e-9)
            XCTAssertEqual(json["ssim_rgb"] as! Double, expected.ssimRGB!, accuracy: 1e-9)
            XCTAssertEqual(json["mae"] as! Double, expected.mae, accuracy: 1e-9)
            XCTAssertEqual(json["rmse"] as! Double, expected.rmse, accuracy: 1e-9)
        }
    }

    /// inf in the table; null in JSON, which has no infinity (never a string among numbers).
    func testIdenticalImagesPrintInf() throws {
        let a = fixture("metrics/case0_a.png")
        let table = try stego("compare", a, a)
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("inf"), table.stdout)
        let json = try stego("compare", a, a, "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertTrue(object["psnr_y"] is NSNull && object["psnr_rgb"] is NSNull, json.stdout)
        XCTAssertEqual(object["ssim_y"] as? Double, 1)
    }

    /// Odd but valid PNGs are accepted as cover and secret; the stego keeps the cover's size.
    func testOddValidPNGsAreAccepted() throws {
        for name in ["gray1", "gray16", "gray_alpha8", "palette4", "rgb16", "rgba8", "rgb8_interlaced", "one_pixel"] {
            let input = fixture("png/\(name).png")
            let result = try stego("hide", input, input, "-o", "\(name).png")
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            let original = try PNGCodec.read(path: input)
            XCTAssertEqual(try PNGCodec.read(path: folder + "/\(name).png").size, original.size, name)
        }
    }

    /// Bad inputs: exit status 2, one line on stderr that names the problem, and no output file.
    func testBadInputsFailCleanly() throws {
        let good = fixture("png/rgb8.png")
        _ = FileManager.default.createFile(atPath: folder + "/empty.png", contents: Data())
        try FileManager.default.createDirectory(atPath: folder + "/dir.png", withIntermediateDirectories: false)
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: fixture("png/photo.jpg")))
        try jpeg.prefix(jpeg.count - 40).write(to: URL(fileURLWithPath: folder + "/truncated.jpg"))
        let cases: [(String, String)] = [
            ("empty.png", "empty"), (fixture("png/truncated.png"), "PNG"), (fixture("png/badcrc.png"), "CRC"), ("dir.png", "directory"),
            ("missing.png", "no such file"), ("truncated.jpg", "JPEG"),
            (fixture("png/one_pixel.png"), "1x1"),  // size mismatch with the 13x7 cover
        ]
        for (secret, mention) in cases {
            let result = try stego("hide", good, secret, "-o", "out.png")
            XCTAssertEqual(result.status, 2, secret)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(secret): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("stego: error: "), result.stderr)
            XCTAssertTrue(result.stderr.contains(mention), "\(secret): \(result.stderr)")
            XCTAssertFalse(exists("out.png"), secret)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".stego") }, [])
        }
    }

    func testExistingOutputAndInputsAreProtected() throws {
        let input = fixture("png/rgb8.png")
        XCTAssertEqual(try stego("hide", input, input, "-o", "out.png", "--seed", "1").status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/out.png"))
        let again = try stego("hide", input, input, "-o", "out.png")
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try stego("hide", input, input, "-o", "out.png", "--force", "--seed", "1").status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.png")), before)

        let onto = try stego("reveal", "out.png", "-o", "out.png", "--force")
        XCTAssertEqual(onto.status, 2)
        XCTAssertTrue(onto.stderr.contains("overwrite the input"), onto.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.png")), before)

        // The weights are an input too, and a one-character output name is fine.
        try FileManager.default.copyItem(atPath: fixture("engine/dlv_network.safetensors"), toPath: folder + "/m")
        let model = try stego("hide", input, input, "-o", "m", "--model", "m", "--force")
        XCTAssertEqual(model.status, 2)
        XCTAssertTrue(model.stderr.contains("overwrite the input"), model.stderr)
        XCTAssertEqual(try stego("hide", input, input, "-o", "a", "--method", "lsb4").status, 0)
        XCTAssertTrue(exists("a"))
    }

    func testVersionPrintsTheFingerprintOfEachShippedWeightFile() throws {
        XCTAssertEqual(StegoVersion.fingerprint(Array("abc".utf8)), "bddd813c6342")  // BLAKE2b-256, as b2sum -l 256 prints it
        let result = try stego("--version")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("stego \(StegoVersion.number)\n"), result.stdout)
        for name in ["dlv-hinet", "hinet", "baluja", "detector"] {
            let path = try XCTUnwrap(ShippedFiles.path(name + ".safetensors"))
            XCTAssertTrue(result.stdout.contains("\(name).safetensors: blake2b \(StegoVersion.fingerprint(try InputFile.readBytes(path: path)))"), result.stdout)
        }
    }

    func testTheManPageHasExamplesExitStatusFilesAndCaveats() throws {
        let page = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("man/stego.1").path, encoding: .utf8)
        for section in [".Sh ENVIRONMENT", ".Sh FILES", ".Sh EXIT STATUS", ".Sh EXAMPLES", ".Sh CAVEATS", "no key", "lossless"] {
            XCTAssertTrue(page.contains(section), section)
        }
    }

    /// A transparent cover's alpha comes through unchanged, its colour is hidden in as stored (not
    /// composited), and reveal reads the stego image's stored colour back.
    func testATransparentCoverKeepsItsAlpha() throws {
        let cover = fixture("png/rgba8.png")
        let (coverImage, alpha) = try PNGCodec.decodeKeepingAlpha(try InputFile.readBytes(path: cover), name: cover)
        XCTAssertNotNil(alpha)
        XCTAssertTrue(alpha!.contains { $0 != 255 })
        let secret = try PNGCodec.read(path: fixture("png/rgb8.png"))
        XCTAssertEqual(try stego("hide", cover, fixture("png/rgb8.png"), "-o", "stego.png", "--method", "lsb4").status, 0)
        let (stegoImage, stegoAlpha) = try PNGCodec.decodeKeepingAlpha(try InputFile.readBytes(path: folder + "/stego.png"), name: "stego")
        XCTAssertEqual(stegoAlpha, alpha)
        XCTAssertEqual(stegoImage, try LSB4().hide(cover: coverImage, secret: secret))
        XCTAssertEqual(try stego("reveal", "stego.png", "-o", "revealed.png", "--method", "lsb4").status, 0)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/revealed.png"), try LSB4().reveal(stego: stegoImage))
        // An opaque cover stays RGB.
        XCTAssertEqual(try stego("hide", fixture("png/rgb8.png"), cover, "-o", "opaque.png", "--method", "lsb4").status, 0)
        XCTAssertNil(try PNGCodec.decodeKeepingAlpha(try InputFile.readBytes(path: folder + "/opaque.png"), name: "opaque").alpha)
    }

    func testAGrayCoverIsWarnedAbout() throws {
        let gray = try stego("hide", fixture("png/gray8.png"), fixture("png/rgb8.png"), "-o", "stego.png", "--method", "lsb4")
        XCTAssertEqual(gray.status, 0)
        XCTAssertTrue(gray.stderr.contains("warning: the cover is gray"), gray.stderr)
        let colour = try stego("hide", fixture("png/rgb8.png"), fixture("png/gray8.png"), "-o", "colour.png", "--method", "lsb4")
        XCTAssertEqual(colour.stderr, "")
    }

    func testRevealWarnsWhenNothingLooksHidden() throws {
        let cover = fixture("photos/kphotoalbum_bar55.png"), secret = fixture("photos/kphotoalbum_anne_helene.png")
        XCTAssertEqual(try stego("hide", cover, secret, "-o", "stego.png", "--method", "lsb4").status, 0)
        let real = try stego("reveal", "stego.png", "-o", "revealed.png", "--method", "lsb4")
        XCTAssertEqual(real.status, 0)
        XCTAssertEqual(real.stderr, "")
        let clean = try stego("reveal", cover, "-o", "nothing.png", "--method", "lsb4")
        XCTAssertEqual(clean.status, 0)
        XCTAssertTrue(clean.stderr.contains("warning: what was revealed does not look like a hidden image"), clean.stderr)
        XCTAssertTrue(exists("nothing.png"))
    }

    /// Killed (SIGKILL, SIGTERM, SIGINT, SIGHUP) when its output is written but not yet in place,
    /// new or replacing a file: no output, no temporary file, the old file untouched.
    func testAKillAtTheFinalWriteLeavesNothingBehind() throws {
        let input = fixture("png/rgb8.png")
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/old.png"))
        for signal in [SIGKILL, SIGTERM, SIGINT, SIGHUP] {
            for (output, force) in [("new.png", false), ("old.png", true)] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Self.executable)
                process.arguments = ["hide", input, input, "--method", "lsb4", "-o", output] + (force ? ["--force"] : [])
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                process.environment = ProcessInfo.processInfo.environment.merging(["STEGO_TEST_PAUSE_BEFORE_PUBLISH": "30"]) { $1 }
                process.standardError = FileHandle.nullDevice
                try process.run()
                Thread.sleep(forTimeInterval: 2)
                kill(process.processIdentifier, signal)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signal)")
                let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                XCTAssertEqual(files, ["old.png"], "signal \(signal), output \(output)")
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/old.png")), Data("old".utf8))
            }
        }
    }

    func testBadUsageExitsWithTwo() throws {
        XCTAssertEqual(try stego("hide", "only-one.png").status, 2)
        XCTAssertEqual(try stego("hide", "a.png", "b.png", "-o", "c.png", "--method", "nope").status, 2)
        XCTAssertEqual(try stego("frobnicate").status, 2)
        XCTAssertEqual(try stego("--help").status, 0)
    }

    /// JPEG covers and secrets are read (libjpeg-turbo); outputs are PNG only, and an output
    /// name that says otherwise is refused before any work.
    func testJPEGInputsAndPNGOnlyOutputs() throws {
        let jpeg = fixture("png/photo.jpg"), png = fixture("png/rgb8.png")
        let hidden = try stego("hide", jpeg, png, "-o", "stego.png", "--method", "lsb4")
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let cover = try ImageDecoder.read(path: jpeg)
        XCTAssertEqual(cover.size, ImageSize(width: 13, height: 7))
        XCTAssertEqual(try PNGCodec.read(path: folder + "/stego.png").pixels.map { $0 & 0xF0 }, cover.pixels.map { $0 & 0xF0 })
        for name in ["out.jpg", "out.JPEG", "out.webp"] {
            let result = try stego("hide", jpeg, png, "-o", name, "--method", "lsb4")
            XCTAssertEqual(result.status, 2, name)
            XCTAssertTrue(result.stderr.contains("PNG only"), result.stderr)
            XCTAssertFalse(exists(name))
        }
    }

    /// WebP and AVIF covers and secrets (HEIC's in HEIFCodecTests) are read like PNG and JPEG:
    /// the lossless WebP cover's pixels carry the secret in their low bits, the AVIF secret comes
    /// back at its size.
    func testWebPAndAVIFInputs() throws {
        let webp = fixture("png/rgb8_icc.webp"), avif = fixture("png/photo_icc.avif")
        let hidden = try stego("hide", webp, avif, "-o", "stego.png", "--method", "lsb4")
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let cover = try PNGCodec.read(path: fixture("png/rgb8.png"))
        XCTAssertEqual(try PNGCodec.read(path: folder + "/stego.png").pixels.map { $0 & 0xF0 }, cover.pixels.map { $0 & 0xF0 })
        XCTAssertEqual(try stego("reveal", "stego.png", "-o", "revealed.png", "--method", "lsb4").status, 0)
        XCTAssertEqual(try PNGCodec.read(path: folder + "/revealed.png").size, try ImageDecoder.read(path: avif).size)
    }

    /// A cover's colour profile (JPEG, PNG, WebP or AVIF) is carried into the stego image, so that
    /// it shows in the cover's colours; a revealed secret, whose profile was not hidden, is marked sRGB.
    func testTheCoversColourProfileIsKept() throws {
        let icc = try InputFile.readBytes(path: fixture("png/profile.icc"))
        for cover in ["photo_icc.jpg", "rgb8_icc.png", "rgb8_icc.webp", "photo_icc.avif"].map({ fixture("png/" + $0) }) {
            let hidden = try stego("hide", cover, fixture("png/rgb8.png"), "-o", "stego.png", "--method", "lsb4", "--fit", "--force")
            XCTAssertEqual(hidden.status, 0, hidden.stderr)
            XCTAssertEqual(ColourProfile(in: try InputFile.readBytes(path: folder + "/stego.png"))?.icc, icc, cover)
        }
        XCTAssertEqual(try stego("reveal", "stego.png", "-o", "revealed.png", "--method", "lsb4").status, 0)
        XCTAssertNil(ColourProfile(in: try InputFile.readBytes(path: folder + "/revealed.png")))
    }

    /// "-" reads standard input and writes standard output: hide | reveal in a pipe.
    func testStandardInputAndOutput() throws {
        let cover = fixture("png/rgb8.png"), secret = fixture("png/gray8.png")
        let hidden = try stego(["hide", "-", secret, "-o", "-", "--method", "lsb4"], input: try Data(contentsOf: URL(fileURLWithPath: cover)))
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let revealed = try stego(["reveal", "-", "-o", "-", "--method", "lsb4"], input: hidden.output)
        XCTAssertEqual(revealed.status, 0)
        XCTAssertEqual(try stego("hide", cover, secret, "-o", "file.png", "--method", "lsb4").status, 0)
        XCTAssertEqual(try PNGCodec.decode([UInt8](hidden.output), name: "pipe"), try PNGCodec.read(path: folder + "/file.png"))
        XCTAssertEqual(try PNGCodec.decode([UInt8](revealed.output), name: "pipe"), try LSB4().reveal(stego: PNGCodec.read(path: folder + "/file.png")))
        XCTAssertEqual(try stego(["hide", "-", "-", "-o", "x.png"], input: Data()).status, 2)
    }
}
