import CWebP
import XCTest
@testable import StegoKit

final class WebPCodecTests: XCTestCase {
    /// A 13x7 image with every pixel different, so that any misplaced sample shows.
    static let image = RGBImage(width: 13, height: 7, pixels: (0..<13 * 7 * 3).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 3 * 11) })

    /// Lossless WebP bytes of RGB or RGBA `samples`, made by libwebp itself.
    static func lossless(_ samples: [UInt8], width: Int, height: Int, alpha: Bool) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let size = alpha ? WebPEncodeLosslessRGBA(samples, Int32(width), Int32(height), Int32(width * 4), &output)
                         : WebPEncodeLosslessRGB(samples, Int32(width), Int32(height), Int32(width * 3), &output)
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    /// Lossless WebP decodes exactly, whatever the file's name; lossy WebP decodes close to its source.
    func testDecodesLosslessExactlyAndLossyClosely() throws {
        let lossless = Self.lossless(Self.image.pixels, width: 13, height: 7, alpha: false)
        XCTAssertEqual(try ImageDecoder.decode(lossless, name: "photo.png"), Self.image)
        var smooth = RGBImage(width: 64, height: 48)
        for y in 0..<48 { for x in 0..<64 { for c in 0..<3 { smooth[x, y, c] = UInt8(x * 2 + y + c * 30) } } }
        var output: UnsafeMutablePointer<UInt8>?
        let size = WebPEncodeRGB(smooth.pixels, 64, 48, 64 * 3, 95, &output)
        defer { WebPFree(output) }
        let decoded = try ImageDecoder.decode(Array(UnsafeBufferPointer(start: output, count: size)), name: "lossy.webp")
        XCTAssertGreaterThan(try ImageComparison(smooth, decoded).psnrRGB, 35)
    }

    /// With alpha: a cover keeps its stored colour and alpha, any other input is composited onto
    /// black as a PNG's is.
    func testAlphaIsKeptForACoverAndCompositedOtherwise() throws {
        let rgba = (0..<13 * 7 * 4).map { i in UInt8(truncatingIfNeeded: i * 29 + i / 4 * 5) }
        try assertAlphaKeptForACoverAndComposited(Self.lossless(rgba, width: 13, height: 7, alpha: true), rgba: rgba, width: 13, height: 7) {
            try WebPCodec.decode($0, name: "a.webp", keepingAlpha: true)
        }
    }

    /// `webp` (a simple file of one image chunk) in the extended format with an EXIF chunk after
    /// the image, as `cwebp -metadata exif` writes it.
    static func withExif(_ webp: [UInt8], _ exif: [UInt8], width: Int, height: Int, alpha: Bool) -> [UInt8] {
        func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let flags: UInt8 = 0x08 | (alpha ? 0x10 : 0)  // EXIF, alpha
        let vp8x = Array("VP8X".utf8) + le(10, 4) + [flags, 0, 0, 0] + le(width - 1, 3) + le(height - 1, 3)
        let chunk = Array("EXIF".utf8) + le(exif.count, 4) + exif + (exif.count % 2 == 1 ? [0] : [])
        let body = Array("WEBP".utf8) + vp8x + webp.dropFirst(12) + chunk
        return Array("RIFF".utf8) + le(body.count, 4) + body
    }

    /// A WebP with an EXIF orientation decodes upright, as a JPEG does: each of the eight, either
    /// byte order, with or without JPEG's "Exif\0\0" before the TIFF header, alpha turned with
    /// the colour; a malformed orientation is ignored.
    func testDecodesUprightByItsExifOrientation() throws {
        let webp = Self.lossless(Self.image.pixels, width: 13, height: 7, alpha: false)
        for orientation in ExifOrientation.allCases {
            for bigEndian in [true, false] {
                let tiff = ExifOrientationTests.tiff(orientation: orientation.rawValue, bigEndian: bigEndian)
                for exif in [tiff, Array("Exif".utf8) + [0, 0] + tiff] {
                    let tagged = Self.withExif(webp, exif, width: 13, height: 7, alpha: false)
                    XCTAssertEqual(WebPCodec.orientation(tagged), orientation)
                    XCTAssertEqual(try ImageDecoder.decode(tagged, name: "tagged.webp"), orientation.apply(to: Self.image), "\(orientation)")
                }
            }
        }
        XCTAssertNil(WebPCodec.orientation(webp))
        var badValue = ExifOrientationTests.tiff(orientation: 6, bigEndian: true)
        badValue[8 + 2 + 12 + 9] = 9  // no such orientation
        let ignored = Self.withExif(webp, badValue, width: 13, height: 7, alpha: false)
        XCTAssertEqual(try ImageDecoder.decode(ignored, name: "bad.webp"), Self.image)

        let rgba = (0..<13 * 7 * 4).map { i in UInt8(truncatingIfNeeded: i * 29 + i / 4 * 5) }
        let portrait = Self.withExif(Self.lossless(rgba, width: 13, height: 7, alpha: true),
                                     ExifOrientationTests.tiff(orientation: 6, bigEndian: false), width: 13, height: 7, alpha: true)
        let (image, alpha) = try WebPCodec.decode(portrait, name: "p.webp", keepingAlpha: true)
        let turned = ExifOrientation.rotate90.apply(to: rgba, width: 13, height: 7, channels: 4)
        XCTAssertEqual(image.size, ImageSize(width: 7, height: 13))
        XCTAssertEqual(alpha, stride(from: 3, to: turned.samples.count, by: 4).map { turned.samples[$0] })
        XCTAssertEqual(image[6, 0, 1], rgba[1])  // the stored top-left is shown top-right
    }

    /// Truncated, corrupt, animated and oversized files give a one-line error, never a crash.
    func testBadFilesAreRefused() throws {
        let webp = Self.lossless(Self.image.pixels, width: 13, height: 7, alpha: false)
        // An animated file's header: "VP8X" with the animation flag and a 13x7 canvas.
        let vp8x: [UInt8] = Array("VP8X".utf8) + [10, 0, 0, 0, 0x02, 0, 0, 0, 12, 0, 0, 6, 0, 0]
        let animated = Array("RIFF".utf8) + [UInt8(4 + vp8x.count), 0, 0, 0] + Array("WEBP".utf8) + vp8x
        var corrupt = webp
        for i in 30..<corrupt.count { corrupt[i] ^= 0x5A }
        let limit = ImageLimits.maxPixels
        defer { ImageLimits.maxPixels = limit }
        let cases: [(String, [UInt8], String)] = [
            ("truncated", Array(webp.prefix(webp.count / 2)), "truncated.webp: "),
            ("corrupt", corrupt, "corrupt.webp: "),
            ("animated", animated, "animated.webp: an animated WebP; save the frame to use as PNG first"),
            ("large", webp, "above the limit of 5e-05 megapixels"),
        ]
        for (label, bytes, mention) in cases {
            ImageLimits.maxPixels = label == "large" ? 50 : limit
            assertBadInput(try ImageDecoder.decode(bytes, name: "\(label).webp"), mentioning: mention, label)
        }
    }
}
