import XCTest
@testable import StegoKit

final class HILLCostTests: XCTestCase {
    /// Against numpy from the paper's formula (scripts/make_hill_fixture.py): a photo crop, and an
    /// image smaller than the 15x15 window with saturated and flat samples, and texture around a
    /// flat area (costs near 1e10 beside costs near 1).
    func testCostsEqualAnIndependentImplementation() throws {
        for name in ["photo", "small", "flat"] {
            let image = try PNGCodec.decode(Fixtures.bytes("hill/\(name).png"), name: name)
            let expected = try Fixtures.bytes("hill/\(name).costs.f32").withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let costs = HILLCost.costs(image)
            XCTAssertEqual(costs.count, expected.count)
            for (i, (got, want)) in zip(costs, expected).enumerated() {
                if want.isInfinite {
                    XCTAssertTrue(got.isInfinite, "\(name) sample \(i)")
                } else {
                    XCTAssertEqual(got, want, accuracy: want * 1e-4, "\(name) sample \(i)")
                }
            }
        }
    }

    func testTextureIsCheaperThanSmoothAreasAndSaturatedSamplesAreWet() {
        var image = RGBImage(width: 64, height: 32)
        var generator = SeededGenerator(seed: 1)
        for y in 0..<32 {
            for x in 0..<64 {
                for c in 0..<3 { image[x, y, c] = x < 32 ? UInt8(100 + generator.next() % 50) : 128 }
            }
        }
        image[40, 10, 0] = 255
        image[41, 10, 1] = 0
        let costs = HILLCost.costs(image)
        XCTAssertLessThan(costs[(16 * 64 + 8) * 3] * 100, costs[(16 * 64 + 56) * 3])
        XCTAssertEqual(costs[(10 * 64 + 40) * 3], .infinity)
        XCTAssertEqual(costs[(10 * 64 + 41) * 3 + 1], .infinity)
        XCTAssertTrue(costs[(10 * 64 + 41) * 3].isFinite)
    }
}
