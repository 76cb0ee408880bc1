import XCTest
@testable import StegoKit

final class ResizeTests: XCTestCase {
    func testConstantImageStaysConstant() {
        let image = RGBImage(width: 17, height: 9, pixels: [UInt8](repeating: 77, count: 17 * 9 * 3))
        for size in [ImageSize(width: 5, height: 4), ImageSize(width: 40, height: 23)] {
            let out = image.resized(to: size)
            XCTAssertEqual(out.size, size)
            XCTAssertTrue(out.pixels.allSatisfy { $0 == 77 })
        }
    }

    /// Shrinking a 1-pixel checkerboard by 4 averages it instead of aliasing to black or white.
    func testDownscalingAveragesFineDetail() {
        var image = RGBImage(width: 64, height: 64)
        for y in 0..<64 { for x in 0..<64 { for c in 0..<3 { image[x, y, c] = (x + y) % 2 == 0 ? 255 : 0 } } }
        let out = image.resized(to: ImageSize(width: 16, height: 16))
        for y in 2..<14 { for x in 2..<14 { XCTAssertEqual(Double(out[x, y, 0]), 127.5, accuracy: 8) } }
    }
}
