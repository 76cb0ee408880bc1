import XCTest
@testable import StegoKit

final class ROCTests: XCTestCase {
    func testAUCCountsPairsAndTies() {
        XCTAssertEqual(ROC.auc(positives: [3, 4], negatives: [1, 3.5]), 0.75)
        XCTAssertEqual(ROC.auc(positives: [2], negatives: [2]), 0.5)
        XCTAssertEqual(ROC.auc(positives: [0], negatives: [1, 2]), 0)
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
