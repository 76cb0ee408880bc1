import Foundation
import XCTest
@testable import StegoKit

final class ParallelTests: XCTestCase {
    /// The ranges body is given, in any order.
    private func chunks(_ count: Int, minimumPerThread: Int, maximumThreads: Int) -> [Range<Int>] {
        let lock = NSLock()
        var ranges: [Range<Int>] = []
        parallelChunks(count, minimumPerThread: minimumPerThread, maximumThreads: maximumThreads) { range in
            lock.lock()
            ranges.append(range)
            lock.unlock()
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    func testChunksCoverEveryIndexOnceAndStayWithinTheThreadBound() {
        let saved = Threads.count
        defer { Threads.set(saved) }
        Threads.set(4)
        for count in [1, 3, 24, 25, 1000] {
            for maximum in 1...5 {
                let ranges = chunks(count, minimumPerThread: 1, maximumThreads: maximum)
                XCTAssertEqual(ranges.first?.lowerBound, 0)
                XCTAssertEqual(ranges.last?.upperBound, count)
                XCTAssertTrue(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                // As many threads as allowed: 25 groups at a bound of 2 once ran on one.
                XCTAssertEqual(ranges.count, min(4, count, maximum), "count \(count), at most \(maximum)")
            }
        }
        XCTAssertEqual(chunks(25, minimumPerThread: 13, maximumThreads: 4).count, 1)
    }
}
