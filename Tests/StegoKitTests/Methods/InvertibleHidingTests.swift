import XCTest
@testable import StegoKit

final class InvertibleHidingTests: XCTestCase {
    func testTilesCoverTheImageOnce() {
        let size = ImageSize(width: 70, height: 46)
        var covered = [Int](repeating: 0, count: size.width * size.height)
        for r in Tiling(tile: 32, margin: 6).regions(for: size) {
            XCTAssertTrue(r.context.x <= r.core.x && r.context.x + r.context.width >= r.core.x + r.core.width)
            XCTAssertTrue([r.core.x, r.core.y, r.context.x, r.context.y, r.context.width, r.context.height].allSatisfy { $0 % 2 == 0 })
            for y in r.core.y..<r.core.y + r.core.height { for x in r.core.x..<r.core.x + r.core.width { covered[y * size.width + x] += 1 } }
        }
        XCTAssertTrue(covered.allSatisfy { $0 == 1 })
    }

    /// With a margin wider than the network's receptive field (2 blocks x 10 convolutions at half
    /// resolution = 40 pixels), tiles give the whole-image result; odd sizes keep their size.
    func testTilingWithFullContextMatchesWholeImage() throws {
        var rng = SeededGenerator(seed: 51)
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 2, growth: 8))
        for p in network.parameters { p.initNormal(scale: 0.05, using: &rng) }
        var cover = RGBImage(width: 101, height: 67), secret = RGBImage(width: 101, height: 67)
        for i in 0..<cover.pixels.count {
            cover.pixels[i] = UInt8.random(in: 0...255, using: &rng)
            secret.pixels[i] = UInt8.random(in: 0...255, using: &rng)
        }
        var whole = InvertibleHiding(network: network, gaussianRevealLatent: false, seed: 3)
        whole.tiling = Tiling(tile: 1024, margin: 0)
        var tiled = whole
        tiled.tiling = Tiling(tile: 32, margin: 48)
        let stegoWhole = try whole.hide(cover: cover, secret: secret), stegoTiled = try tiled.hide(cover: cover, secret: secret)
        XCTAssertEqual(stegoWhole.size, cover.size)
        let diff = zip(stegoWhole.pixels, stegoTiled.pixels).map { abs(Int($0) - Int($1)) }
        XCTAssertLessThanOrEqual(diff.max()!, 1)  // float summation order may flip a rounding
        XCTAssertLessThan(Double(diff.reduce(0, +)) / Double(diff.count), 0.01)
        for gaussian in [false, true] {
            var whole = InvertibleHiding(network: network, gaussianRevealLatent: gaussian, seed: 3)
            whole.tiling = Tiling(tile: 1024, margin: 0)
            var tiled = whole
            tiled.tiling = Tiling(tile: 32, margin: 48)
            let revealWhole = try whole.reveal(stego: stegoWhole), revealTiled = try tiled.reveal(stego: stegoWhole)
            XCTAssertEqual(revealWhole.size, cover.size)
            XCTAssertLessThanOrEqual(zip(revealWhole.pixels, revealTiled.pixels).map { abs(Int($0) - Int($1)) }.max()!, 1, "gaussian \(gaussian)")
        }
    }

    func testSameSeedSameStego() throws {
        var rng = SeededGenerator(seed: 52)
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 1, growth: 4))
        for p in network.parameters { p.initNormal(scale: 0.2, using: &rng) }
        var cover = RGBImage(width: 20, height: 14)
        for i in 0..<cover.pixels.count { cover.pixels[i] = UInt8(i % 251) }
        let secret = cover.resized(to: ImageSize(width: 20, height: 14))
        let a = InvertibleHiding(network: network, gaussianRevealLatent: false, seed: 5)
        let b = InvertibleHiding(network: network, gaussianRevealLatent: false, seed: 6)
        XCTAssertEqual(try a.hide(cover: cover, secret: secret), try a.hide(cover: cover, secret: secret))
        XCTAssertNotEqual(try a.hide(cover: cover, secret: secret), try b.hide(cover: cover, secret: secret))
    }
}
