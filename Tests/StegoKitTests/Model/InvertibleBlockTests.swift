import XCTest
@testable import StegoKit

final class InvertibleBlockTests: XCTestCase {
    /// inverse(forward(x)) == x for random (non-identity) weights.
    func testInverseUndoesForward() {
        var rng = SeededGenerator(seed: 31)
        for (cover, secret) in [(12, 12), (16, 16), (6, 5)] {
            let block = InvertibleBlock(name: "inv1", cover: cover, secret: secret, growth: 8)
            for p in block.parameters { p.initNormal(scale: 0.05, using: &rng) }
            let x1 = randomTensor(TensorShape(2, cover, 6, 8), seed: 32), x2 = randomTensor(TensorShape(2, secret, 6, 8), seed: 33)
            let (y1, y2) = block.forward(x1, x2)
            XCTAssertGreaterThan(relativeError(y2.storage.array, x2.storage.array), 1e-2, "the block must not be the identity")
            let (r1, r2) = block.inverse(y1, y2)
            let error = max(maxAbsDifference(r1, x1), maxAbsDifference(r2, x2))
            print("invertible block \(cover)/\(secret): max |inverse(forward(x)) - x| = \(error)")
            XCTAssertLessThan(error, 1e-5)
        }
    }

    /// HiNet's initialisation makes a fresh block the identity (conv5 of every sub-network is zero).
    func testFreshBlockIsIdentity() {
        var rng = SeededGenerator(seed: 34)
        let block = InvertibleBlock(name: "inv1", cover: 4, secret: 4, growth: 8)
        block.initialize(using: &rng)
        let x1 = randomTensor(TensorShape(1, 4, 4, 4), seed: 35), x2 = randomTensor(TensorShape(1, 4, 4, 4), seed: 36)
        let (y1, y2) = block.forward(x1, x2)
        XCTAssertEqual(y1.storage.array, x1.storage.array)
        XCTAssertEqual(y2.storage.array, x2.storage.array)
        XCTAssertEqual(block.parameters.map(\.name).first, "inv1.r.conv1.weight")
    }

    func testParameterCountMatchesHiNet() {
        // HiNet: 16 blocks with 12 channels per branch have 4.05 M parameters (SPEC section 2).
        let block = InvertibleBlock(name: "inv1", cover: 12, secret: 12)
        let perBlock = block.parameters.map(\.count).reduce(0, +)
        XCTAssertEqual(Double(16 * perBlock) / 1e6, 4.05, accuracy: 0.01)
    }
}
