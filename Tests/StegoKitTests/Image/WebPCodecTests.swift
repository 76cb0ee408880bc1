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
