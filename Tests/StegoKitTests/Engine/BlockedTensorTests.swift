import XCTest
@testable import StegoKit

/// The blocked layout's load and store, on storage that starts out dirty.
final class BlockedTensorTests: XCTestCase {
    func testLoadZerosTheRestOfItsLastGroupAndStoreRoundTrips() {
        for block in [8, 16] {
            let blocked = BlockedTensor(channels: 2 * block, h: 3, w: 5, block: block, zeroed: false)
            blocked.storage.fill(.nan)
            let a = randomTensor(TensorShape(2, 3, 3, 5), seed: 61), b = randomTensor(TensorShape(2, 2, 3, 5), seed: 62)
            blocked.load([a, b], image: 1)
            let plane = 3 * 5 * block
            for p in 0..<15 {
                for channel in 5..<block { XCTAssertEqual(blocked.storage[p * block + channel], 0, "block \(block) channel \(channel)") }
                XCTAssertTrue(blocked.storage[plane + p * block].isNaN, "the next group is left alone")
            }
            let back = Tensor(TensorShape(1, 2, 3, 5))
            blocked.store(channels: 3..<5, into: back)
            XCTAssertEqual(back.storage.array, Array(b.storage.array[30...]))
        }
    }
}
