import XCTest
@testable import StegoKit

final class ROCTests: XCTestCase {
    func testAUCCountsPairsAndTies() {
        XCTAssertEqual(ROC.auc(positives: [3, 4], negatives: [1, 3.5]), 0.75)
        XCTAssertEqual(ROC.auc(positives: [2], negatives: [2]), 0.5)
        XCTAssertEqual(ROC.auc(positives: [0], negatives: [1, 2]), 0)
    }

    func testAUCEqualsThePairwiseCountOnScoresWithManyTies() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            let positives = (0..<Int.random(in: 1...30, using: &rng)).map { _ in Double(Int.random(in: 0...6, using: &rng)) }
            let negatives = (0..<Int.random(in: 1...30, using: &rng)).map { _ in Double(Int.random(in: 0...6, using: &rng)) }
            var wins = 0.0
            for p in positives { for n in negatives { wins += p > n ? 1 : p == n ? 0.5 : 0 } }
            XCTAssertEqual(ROC.auc(positives: positives, negatives: negatives), wins / Double(positives.count * negatives.count),
                           accuracy: 1e-12)
        }
    }

    func testBootstrapIntervalOfAPerfectSeparationIsAPoint() {
        let groups = (0..<6).map { i in (positives: [Double(10 + i)], negatives: [Double(i)]) }
        XCTAssertEqual(ROC.aucWithInterval(groups: groups), ROC.Estimate(auc: 1, low: 1, high: 1))
    }

    func testBootstrapIntervalSurroundsAnImperfectAUC() {
        let groups = (0..<10).map { i in (positives: [Double(i % 3)], negatives: [Double(i % 4)]) }
        let e = ROC.aucWithInterval(groups: groups)
        XCTAssertLessThan(e.low, e.auc)
        XCTAssertGreaterThan(e.high, e.auc)
    }
}
