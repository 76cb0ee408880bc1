import XCTest
@testable import StegoKit

final class ExifOrientationTests: XCTestCase {
    /// A 3x2 image stored as "a b c / d e f" (one gray level a pixel), shown upright by each of the
    /// eight orientations, written out by hand from the EXIF specification's figures.
    func testEachOrientationTurnsAKnownImage() {
        let stored = RGBImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6].flatMap { [$0, $0, $0] })
        let upright: [ExifOrientation: (Int, [UInt8])] = [
            .identity: (3, [1, 2, 3, 4, 5, 6]),
            .flipHorizontal: (3, [3, 2, 1, 6, 5, 4]),
            .rotate180: (3, [6, 5, 4, 3, 2, 1]),
            .flipVertical: (3, [4, 5, 6, 1, 2, 3]),
            .transpose: (2, [1, 4, 2, 5, 3, 6]),
            .rotate90: (2, [4, 1, 5, 2, 6, 3]),
            .transverse: (2, [6, 3, 5, 2, 4, 1]),
            .rotate270: (2, [3, 6, 2, 5, 1, 4]),
        ]
        for orientation in ExifOrientation.allCases {
            let (width, gray) = upright[orientation]!
            let expected = RGBImage(width: width, height: 6 / width, pixels: gray.flatMap { [$0, $0, $0] })
            XCTAssertEqual(orientation.apply(to: stored), expected, "\(orientation)")
        }
    }

    /// A JPEG with an EXIF segment decodes upright: the photo fixture with orientation 6 (a
    /// portrait photo as phones store it) comes back turned clockwise, 7x13 where it is stored 13x7,
    /// whichever byte order the TIFF header uses and wherever the tag sits in IFD0.
    func testJPEGDecodesUprightByItsExifOrientation() throws {
        let plain = try Fixtures.bytes("png/photo.jpg")
        let stored = try ImageDecoder.decode(plain, name: "photo.jpg")
        XCTAssertEqual(stored.size, ImageSize(width: 13, height: 7))
        for bigEndian in [true, false] {
            for orientation in ExifOrientation.allCases {
                let tagged = Self.withExif(plain, Self.tiff(orientation: orientation.rawValue, bigEndian: bigEndian))
                XCTAssertEqual(ExifOrientation(jpeg: tagged), orientation)
                XCTAssertEqual(try ImageDecoder.decode(tagged, name: "tagged.jpg"), orientation.apply(to: stored))
            }
        }
        let portrait = try ImageDecoder.decode(Self.withExif(plain, Self.tiff(orientation: 6, bigEndian: false)), name: "p.jpg")
        XCTAssertEqual(portrait.size, ImageSize(width: 7, height: 13))
        XCTAssertEqual(portrait[6, 0, 1], stored[0, 0, 1])  // the stored top-left is shown top-right
    }

    /// Malformed or absent orientations are ignored (the pixels come as stored), never a crash.
    func testMalformedExifIsIgnored() throws {
        let plain = try Fixtures.bytes("png/photo.jpg")
        let stored = try ImageDecoder.decode(plain, name: "photo.jpg")
        XCTAssertNil(ExifOrientation(jpeg: plain))
        let good = Self.tiff(orientation: 6, bigEndian: true)
        var longType = good, badValue = good, farIFD = good
        longType[8 + 2 + 12 + 3] = 4  // the tag's type LONG, not SHORT
        badValue[8 + 2 + 12 + 9] = 9  // no such orientation
        farIFD[7] = 200  // IFD0 beyond the segment
        let cases: [(String, [UInt8])] = [
            ("wrong type", longType), ("value 9", badValue), ("IFD outside", farIFD),
            ("truncated", Array(good.prefix(30))), ("not TIFF", Array("XX*\0\0\0\0\u{8}".utf8)),
        ]
        for (label, tiff) in cases {
            let bytes = Self.withExif(plain, tiff)
            XCTAssertNil(ExifOrientation(jpeg: bytes), label)
            XCTAssertEqual(try ImageDecoder.decode(bytes, name: "bad.jpg"), stored, label)
        }
        // A segment length running past the file's end, and a file cut inside the markers.
        var overlong = Self.withExif(plain, good)
        overlong[4] = 0xFF
        XCTAssertNil(ExifOrientation(jpeg: overlong))
        for count in 0..<40 { XCTAssertNil(ExifOrientation(jpeg: Array(Self.withExif(plain, good).prefix(count)))) }
    }

    /// A PNG's eXIf chunk before the image data turns it upright as a JPEG's EXIF does, its alpha
    /// with it; one after the image data is ignored, and a cut file is never a crash.
    func testPNGDecodesUprightByItsExifChunk() throws {
        let stored = RGBImage(width: 3, height: 2, pixels: (0..<18).map { UInt8($0 * 13) })
        let alpha: [UInt8] = [255, 200, 150, 100, 50, 0]
        let plain = try PNGCodec.encode(stored), plainWithAlpha = try PNGCodec.encode(stored, alpha: alpha)
        for bigEndian in [true, false] {
            for orientation in ExifOrientation.allCases {
                let exif = Self.tiff(orientation: orientation.rawValue, bigEndian: bigEndian)
                let tagged = Self.withPNGChunk(plain, "eXIf", exif, beforeImageData: true)
                XCTAssertEqual(ExifOrientation(png: tagged), orientation)
                XCTAssertEqual(try ImageDecoder.decode(tagged, name: "tagged.png"), orientation.apply(to: stored))
                let turned = try PNGCodec.decodeKeepingAlpha(Self.withPNGChunk(plainWithAlpha, "eXIf", exif, beforeImageData: true), name: "a.png")
                XCTAssertEqual(turned.image, orientation.apply(to: stored))
                XCTAssertEqual(turned.alpha, orientation.apply(to: alpha, width: 3, height: 2, channels: 1).samples)
            }
        }
        let late = Self.withPNGChunk(plain, "eXIf", Self.tiff(orientation: 6, bigEndian: true), beforeImageData: false)
        XCTAssertNil(ExifOrientation(png: late))
        XCTAssertEqual(try ImageDecoder.decode(late, name: "late.png"), stored)
        let tagged = Self.withPNGChunk(plain, "eXIf", Self.tiff(orientation: 6, bigEndian: true), beforeImageData: true)
        for count in 0..<tagged.count { _ = ExifOrientation(png: Array(tagged.prefix(count))) }
        XCTAssertNil(ExifOrientation(png: Array(tagged.prefix(60))))
    }

    /// `png` with a chunk of `type` and `data` inserted after IHDR, or else before IEND.
    static func withPNGChunk(_ png: [UInt8], _ type: String, _ data: [UInt8], beforeImageData: Bool) -> [UInt8] {
        let at = beforeImageData ? 8 + 25 : png.count - 12  // after the signature and IHDR; IEND is the last 12 bytes
        return Array(png[..<at]) + PNGCodecTests.chunk(type, data) + Array(png[at...])
    }

    /// A TIFF header and an IFD0 of two entries, the orientation second (after an ImageWidth tag).
    static func tiff(orientation: Int, bigEndian: Bool) -> [UInt8] {
        func bytes(_ value: Int, _ count: Int) -> [UInt8] {
            let big = (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - $0))) }
            return bigEndian ? big : big.reversed()
        }
        let entries = bytes(0x0100, 2) + bytes(4, 2) + bytes(1, 4) + bytes(7, 4)
            + bytes(0x0112, 2) + bytes(3, 2) + bytes(1, 4) + bytes(orientation, 2) + [0, 0]
        return (bigEndian ? Array("MM".utf8) : Array("II".utf8)) + bytes(42, 2) + bytes(8, 4)
            + bytes(2, 2) + entries + bytes(0, 4)
    }

    /// `jpeg` with an APP1 "Exif" segment holding `tiff` inserted after its SOI marker.
    static func withExif(_ jpeg: [UInt8], _ tiff: [UInt8]) -> [UInt8] {
        let body = Array("Exif".utf8) + [0, 0] + tiff
        let length = body.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body + jpeg.dropFirst(2)
    }
}
