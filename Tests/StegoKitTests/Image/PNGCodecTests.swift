import XCTest
@testable import StegoKit

final class PNGCodecTests: XCTestCase {
    /// Every colour type and depth decodes to the 8-bit RGB the fixture script computed;
    /// 16-bit sources may differ by one level from the script's rounding.
    func testDecodesEveryColourTypeAndDepth() throws {
        let cases: [(String, Int)] = [
            ("gray1", 0), ("gray2", 0), ("gray4", 0), ("gray8", 0), ("gray16", 1), ("gray_alpha8", 0),
            ("rgb8", 0), ("rgb8_interlaced", 0), ("rgb16", 1), ("rgba8", 0), ("palette4", 0), ("one_pixel", 0),
        ]
        for (name, tolerance) in cases {
            let image = try PNGCodec.read(path: Fixtures.path("png/\(name).png"))
            let expected = try Fixtures.bytes("png/\(name).rgb")
            XCTAssertEqual(image.pixels.count, expected.count, name)
            let worst = zip(image.pixels, expected).map { abs(Int($0) - Int($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, tolerance, "\(name): largest difference \(worst)")
        }
    }

    /// Every colour type and depth also comes interlaced (Adam7): each decodes to exactly what
    /// its non-interlaced twin decodes to. libpng 1.6.39's simplified reader got the 16-bit ones
    /// wrong (every other row a copy of the one above).
    func testInterlacedTwinsDecodeToTheSamePixels() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("png")).filter { $0.hasSuffix("_interlaced.png") }.sorted()
        XCTAssertEqual(names.count, 10)
        for name in names {
            let twin = name.replacingOccurrences(of: "_interlaced", with: "")
            XCTAssertEqual(try PNGCodec.read(path: Fixtures.path("png/" + name)), try PNGCodec.read(path: Fixtures.path("png/" + twin)), name)
        }
    }

    func testEncodeDecodeRoundTripIsExact() throws {
        var image = RGBImage(width: 5, height: 3)
        for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * 37) % 256) }
        let bytes = try PNGCodec.encode(image)
        XCTAssertEqual(Array(bytes.prefix(8)), PNGCodec.signature)
        XCTAssertEqual(try PNGCodec.decode(bytes, name: "x"), image)
    }

    /// Noise does not compress, so the encoder's output buffer grows many times on the way; the
    /// file is marked sRGB, as libpng's simplified writer marks it.
    func testIncompressibleImageRoundTripsAndIsMarkedSRGB() throws {
        var rng = SeededGenerator(seed: 9)
        let image = RGBImage(width: 301, height: 199, pixels: (0..<301 * 199 * 3).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let bytes = try PNGCodec.encode(image)
        XCTAssertGreaterThan(bytes.count, image.pixels.count)
        XCTAssertEqual(try PNGCodec.decode(bytes, name: "noise"), image)
        XCTAssertNotNil(bytes.firstRange(of: Array("sRGB".utf8)))
    }

    func testCorruptInputsAreOneLineBadInputErrors() throws {
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty"),
            ("truncated", try Fixtures.bytes("png/truncated.png"), "PNG"),
            ("bad CRC", try Fixtures.bytes("png/badcrc.png"), "CRC"),
            ("jpeg", try Fixtures.bytes("png/photo.jpg"), "not a PNG file"),
            ("text", Array("hello\n".utf8), "not a PNG"),
        ]
        for (label, bytes, mention) in cases {
            assertBadInput(try PNGCodec.decode(bytes, name: "f.png"), mentioning: mention, label)
        }
    }

    /// A 57-byte PNG declaring 100000x100000 pixels is refused from its header, before any
    /// allocation.
    func testHeaderDeclaringHugeImageIsRefusedBeforeDecoding() throws {
        let side = withUnsafeBytes(of: UInt32(100_000).bigEndian, Array.init)
        let bytes = PNGCodec.signature + Self.chunk("IHDR", side + side + [8, 2, 0, 0, 0])
            + Self.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]) + Self.chunk("IEND", [])
        XCTAssertThrowsError(try PNGCodec.decode(bytes, name: "huge.png")) {
            XCTAssertEqual("\($0)", "huge.png: 100000x100000 pixels (10000 megapixels) is above the limit of 100.0 megapixels (raise it with --max-megapixels)")
        }
    }

    /// A PNG chunk: its length, `type`, `body` and CRC.
    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return withUnsafeBytes(of: UInt32(body.count).bigEndian, Array.init) + typed + withUnsafeBytes(of: (~crc).bigEndian, Array.init)
    }

    func testMissingPathAndDirectoryAreNamed() {
        XCTAssertThrowsError(try PNGCodec.read(path: "/nonexistent/x.png")) {
            XCTAssertEqual(($0 as? StegoError)?.description, "/nonexistent/x.png: no such file")
        }
        XCTAssertThrowsError(try PNGCodec.read(path: Fixtures.path("png"))) {
            XCTAssertTrue(($0 as? StegoError)?.description.contains("is a directory") ?? false)
        }
    }
}
