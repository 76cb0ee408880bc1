import XCTest
@testable import StegoKit

final class PlusMinusOneEmbeddingTests: XCTestCase {
    /// Cover values in 1...254 with random costs; 1 never falls and 254 never rises.
    func randomCover(_ n: Int, using generator: inout SeededGenerator) -> (values: [UInt8], up: [Float], down: [Float]) {
        let values = (0..<n).map { _ in UInt8.random(in: 1...254, using: &generator) }
        let costs = (0..<n).map { _ in Float(exp(Double.random(in: 0...5, using: &generator))) }
        let (up, down) = PlusMinusOneEmbedding.directionCosts(values: values, costs: costs)
        return (values, up, down)
    }

    func testRandomMessagesComeBackExactlyWithOnlyAllowedPlusMinusOneChanges() throws {
        var generator = SeededGenerator(seed: 5)
        for (n, rate, height) in [(3_000, 0.1, 4), (20_000, 0.05, 7), (20_000, 0.4, 10), (70_000, 0.2, 10)] {
            var (values, up, down) = randomCover(n, using: &generator)
            for i in stride(from: 0, to: n, by: 97) { values[i] = 1; (up[i], down[i]) = (1, .infinity) }
            for i in stride(from: 50, to: n, by: 89) { values[i] = 254; (up[i], down[i]) = (.infinity, 1) }
            for i in stride(from: 7, to: n, by: 31) { (up[i], down[i]) = (.infinity, .infinity) }  // wet
            let embedding = PlusMinusOneEmbedding(code: try SyndromeTrellisCode(height: height))
            let bits = embedding.code.layout(samples: n).messageBits(rate: rate)
            let message = (0..<bits).map { _ in UInt8(generator.next() & 1) }
            let plan = embedding.plan(values: values, up: up, down: down, messageBits: bits)
            XCTAssertGreaterThan(plan.layer2Bits, 0)
            XCTAssertLessThan(plan.layer2Bits, bits)
            let stego = try embedding.embed(values: values, up: up, down: down, message: message, plan: plan)
            XCTAssertEqual(try embedding.extract(values: stego, messageBits: bits, layer2Bits: plan.layer2Bits), message, "n \(n), rate \(rate), h \(height)")
            for i in 0..<n {
                switch Int(stego[i]) - Int(values[i]) {
                case 0: break
                case 1: XCTAssert(up[i].isFinite, "sample \(i) rose at an infinite cost")
                case -1: XCTAssert(down[i].isFinite, "sample \(i) fell at an infinite cost")
                default: XCTFail("sample \(i) changed from \(values[i]) to \(stego[i])")
                }
            }
        }
    }

    func testDirectionsCarryDataPhotoCostsCostLessThanFlippingBits() throws {
        let photo = try PNGCodec.decode(Fixtures.bytes("photos/kphotoalbum_bar55.png"), name: "photo").cropped(x: 64, y: 64, size: ImageSize(width: 128, height: 128))
        var generator = SeededGenerator(seed: 12)
        let hill = HILLCost.costs(photo)
        let order = Array(0..<photo.pixels.count).filter { (1...254).contains(photo.pixels[$0]) }.shuffled(using: &generator)
        let values = order.map { photo.pixels[$0] }, costs = order.map { hill[$0] }
        let (up, down) = PlusMinusOneEmbedding.directionCosts(values: values, costs: costs)
        let code = try SyndromeTrellisCode(height: 10)
        let bits = code.layout(samples: values.count).messageBits(rate: 0.1)
        let message = (0..<bits).map { _ in UInt8(generator.next() & 1) }
        // Flipping bit 0 only:
        let cover = values.map { $0 & 1 }
        let flipped = try code.embed(cover: cover, costs: costs, message: message)
        let flipDistortion = (0..<values.count).reduce(0.0) { $0 + (flipped[$1] != cover[$1] ? Double(costs[$1]) : 0) }
        // ±1 in two layers:
        let embedding = PlusMinusOneEmbedding(code: code)
        let stego = try embedding.embed(values: values, up: up, down: down, message: message,
                                        plan: embedding.plan(values: values, up: up, down: down, messageBits: bits))
        let distortion = (0..<values.count).reduce(0.0) { $0 + (stego[$1] > values[$1] ? Double(up[$1]) : stego[$1] < values[$1] ? Double(down[$1]) : 0) }
        let bound = plusMinusOneDistortionBound(up: up, down: down, messageBits: bits)
        XCTAssertLessThan(distortion, 0.85 * flipDistortion)
        XCTAssertLessThan(bound, distortionBound(costs: costs, messageBits: bits))
        XCTAssertGreaterThan(distortion / bound, 1)
        XCTAssertLessThan(distortion / bound, 1.25)
    }

    func testBoundOfEqualCostsIsTheTernaryEntropyBound() {
        // -q log2(q/2) - (1-q) log2(1-q) = 0.1 at q = 0.0224409: 1000 samples of cost 2 carrying 100 bits.
        let costs = [Float](repeating: 2, count: 1000)
        XCTAssertEqual(plusMinusOneDistortionBound(up: costs, down: costs, messageBits: 100), 2 * 11.2205, accuracy: 0.01)
        XCTAssertEqual(plusMinusOnePayloadBound(up: costs, down: costs, distortion: 2 * 11.2205), 100, accuracy: 0.01)
    }

    /// The ±1 payload bound inverts the ±1 distortion bound, with costs that differ by direction.
    func testPayloadBoundInvertsTheDistortionBound() {
        var generator = SeededGenerator(seed: 6)
        let up = (0..<5000).map { i in i % 13 == 0 ? Float.infinity : Float(exp(Double.random(in: 0...6, using: &generator))) }
        let down = up.map { $0 * Float.random(in: 0.5...2, using: &generator) }
        for bits in [50, 500, 4000] {
            let distortion = plusMinusOneDistortionBound(up: up, down: down, messageBits: bits)
            XCTAssertEqual(plusMinusOnePayloadBound(up: up, down: down, distortion: distortion), Double(bits), accuracy: 1e-3 * Double(bits))
        }
    }

    func testAllBitsInOneLayerIsTheBinaryCode() throws {
        var generator = SeededGenerator(seed: 9)
        let (values, _, _) = randomCover(16_384, using: &generator)
        let embedding = PlusMinusOneEmbedding(code: try SyndromeTrellisCode(height: 8))
        let bits = embedding.code.layout(samples: values.count).messageBits(rate: 0.25)
        XCTAssertEqual(try embedding.extract(values: values, messageBits: bits, layer2Bits: 0),
                       try embedding.code.extract(stego: values.map { $0 & 1 }, messageBits: bits))
    }
}
