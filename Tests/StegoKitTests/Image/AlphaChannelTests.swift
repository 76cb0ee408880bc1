import XCTest
@testable import StegoKit

final class AlphaChannelTests: XCTestCase {
    /// Compositing onto black is done in linear light with the sRGB curve (values worked by hand):
    /// half-transparent white is 188, not 128, and a dark sample keeps its detail (libpng's own
    /// 8-bit linear tables gave 0 for 10 under alpha 128).
    func testCompositingIsInLinearLight() {
        let rgba: [UInt8] = [255, 200, 10, 128, 255, 200, 10, 255, 255, 200, 10, 0]
        let image = AlphaChannel.compositedOntoBlack(rgba, width: 3, height: 1)
        XCTAssertEqual(image.pixels, [188, 147, 5, 255, 200, 10, 0, 0, 0])
    }

    /// A PNG with alpha decodes as its samples composited here; as a cover it keeps them apart.
    func testPNGAlphaIsCompositedTheSameWay() throws {
        let rgba = (0..<64 * 64 * 4).map { i in UInt8(truncatingIfNeeded: i * 7 + i / 4 * 13) }
        let stored = AlphaChannel.split(rgba, width: 64, height: 64)
        let png = try PNGCodec.encode(stored.image, alpha: stored.alpha)
        XCTAssertEqual(try PNGCodec.decode(png, name: "a.png"), AlphaChannel.compositedOntoBlack(rgba, width: 64, height: 64))
        let cover = try PNGCodec.decodeKeepingAlpha(png, name: "a.png")
        XCTAssertEqual(cover.image, stored.image)
        XCTAssertEqual(cover.alpha, stored.alpha)
    }

    /// Splitting keeps the stored colour under any alpha, transparent pixels included.
    func testSplitKeepsStoredColour() {
        let rgba: [UInt8] = [10, 20, 30, 0, 40, 50, 60, 128, 70, 80, 90, 255]
        let (image, alpha) = AlphaChannel.split(rgba, width: 3, height: 1)
        XCTAssertEqual(image.pixels, [10, 20, 30, 40, 50, 60, 70, 80, 90])
        XCTAssertEqual(alpha, [0, 128, 255])
    }
}
