import XCTest
@testable import StegoKit

final class RevealCheckTests: XCTestCase {
    func photo(_ name: String) throws -> RGBImage {
        try PNGCodec.decode(Fixtures.bytes("photos/\(name).png"), name: name)
    }

    func testRealSecretsPassAndCleanRevealsAreFlagged() throws {
        let names = ["kphotoalbum_anne_helene", "kphotoalbum_bar55", "kphotoalbum_bar55_2"]
        for (cover, secret) in zip(names, names.dropFirst() + names.prefix(1)) {
            let coverImage = try photo(cover), secretImage = try photo(secret)
            let stego = try LSB4().hide(cover: coverImage, secret: secretImage)
            XCTAssertTrue(RevealCheck.looksHidden(revealed: try LSB4().reveal(stego: stego), stego: stego, method: .lsb4), "\(cover) hiding \(secret)")
            // lsb4 on a clean photo reveals its low bits: noise.
            XCTAssertFalse(RevealCheck.looksHidden(revealed: try LSB4().reveal(stego: coverImage), stego: coverImage, method: .lsb4), cover)
        }
    }

    func testNoiseAndTheStegoImagesOwnEdgesAreFlagged() throws {
        let stego = try photo("kphotoalbum_bar55")
        var generator = SeededGenerator(seed: 1)
        let noise = RGBImage(width: 256, height: 256, pixels: (0..<256 * 256 * 3).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        XCTAssertGreaterThan(RevealCheck.roughness(RevealCheck.luma(noise), width: 256, height: 256), 1)
        for method in RevealCheck.methods { XCTAssertFalse(RevealCheck.looksHidden(revealed: noise, stego: stego, method: method)) }
        // The stego image's edges, as a network gives them from a clean image: the edge agreement is high.
        let y = RevealCheck.luma(stego)
        var edges = RGBImage(width: 256, height: 256)
        for row in 1..<256 {
            for x in 1..<256 {
                let g = UInt8(min(255, 4 * (abs(y[row * 256 + x] - y[row * 256 + x - 1]) + abs(y[row * 256 + x] - y[(row - 1) * 256 + x]))))
                for c in 0..<3 { edges[x, row, c] = g }
            }
        }
        XCTAssertGreaterThan(RevealCheck.correlation(RevealCheck.gradient(RevealCheck.luma(edges), width: 256, height: 256),
                                                     RevealCheck.gradient(y, width: 256, height: 256)), 0.3)
        for method in RevealCheck.methods { XCTAssertFalse(RevealCheck.looksHidden(revealed: edges, stego: stego, method: method)) }
    }

    func testCorrelationOfKnownSeries() {
        XCTAssertEqual(RevealCheck.correlation([1, 2, 3, 4], [2, 4, 6, 8]), 1, accuracy: 1e-12)
        XCTAssertEqual(RevealCheck.correlation([1, 2, 3, 4], [8, 6, 4, 2]), -1, accuracy: 1e-12)
        XCTAssertEqual(RevealCheck.correlation([1, 1, 1], [1, 2, 3]), 0)
    }
}
