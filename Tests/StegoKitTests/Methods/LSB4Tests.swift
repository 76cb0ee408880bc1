import XCTest
@testable import StegoKit

final class LSB4Tests: XCTestCase {
    func randomImage(_ w: Int, _ h: Int, seed: UInt64) -> RGBImage {
        var state = seed
        let pixels = (0..<w * h * 3).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return RGBImage(width: w, height: h, pixels: pixels)
    }

    func testEveryByteValueRoundTripsToItsHighNibblePlusEight() throws {
        var cover = RGBImage(width: 256, height: 1), secret = RGBImage(width: 256, height: 1)
        for v in 0..<256 { for c in 0..<3 { secret[v, 0, c] = UInt8(v); cover[v, 0, c] = UInt8(255 - v) } }
        let lsb = LSB4()
        let stego = try lsb.hide(cover: cover, secret: secret)
        let revealed = try lsb.reveal(stego: stego)
        for v in 0..<256 {
            XCTAssertEqual(stego[v, 0, 0], UInt8((255 - v) & 0xF0 | v >> 4))
            XCTAssertEqual(revealed[v, 0, 1], UInt8(v & 0xF0 | 8))
        }
    }

    /// Recovery error is at most 8 per sample, so RMSE <= 8 and PSNR >= 30.1 dB on any image.
    func testRecoveryErrorBound() throws {
        let cover = randomImage(31, 17, seed: 1), secret = randomImage(31, 17, seed: 2)
        let revealed = try LSB4().reveal(stego: LSB4().hide(cover: cover, secret: secret))
        XCTAssertLessThanOrEqual(zip(secret.pixels, revealed.pixels).map { abs(Int($0) - Int($1)) }.max()!, 8)
        let c = try ImageComparison(secret, revealed)
        XCTAssertLessThanOrEqual(c.rmse, 8)
        XCTAssertGreaterThanOrEqual(c.psnrRGB, 30.1)
    }

    func testSizeMismatchNeedsFit() throws {
        let cover = randomImage(20, 12, seed: 3), secret = randomImage(10, 6, seed: 4)
        XCTAssertThrowsError(try LSB4().hide(cover: cover, secret: secret, fit: false)) {
            XCTAssertEqual(($0 as? StegoError)?.description, "secret is 10x6 but cover is 20x12 (use --fit to resize the secret)")
        }
        XCTAssertEqual(try LSB4().hide(cover: cover, secret: secret, fit: true).size, cover.size)
    }
}
