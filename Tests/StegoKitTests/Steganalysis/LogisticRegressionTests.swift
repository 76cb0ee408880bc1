import XCTest
@testable import StegoKit

final class LogisticRegressionTests: XCTestCase {
    /// At the fitted optimum the penalized objective's gradient is zero.
    func testFitReachesAStationaryPoint() {
        var rng = SeededGenerator(seed: 3)
        let x = (0..<60).map { _ in (0..<4).map { _ in Double.random(in: -2...2, using: &rng) } }
        let y = x.map { $0[0] - 0.5 * $0[2] + Double.random(in: -1...1, using: &rng) > 0 }
        let lambda = 2.0
        let model = LogisticRegression.fit(x, y, lambda: lambda)
        var gradient = model.weights.map { lambda * $0 } + [0]
        for (row, label) in zip(x, y) {
            let residual = model.probability(row) - (label ? 1 : 0)
            for i in 0..<4 { gradient[i] += residual * row[i] }
            gradient[4] += residual
        }
        for g in gradient { XCTAssertEqual(g, 0, accuracy: 1e-8) }
        XCTAssertGreaterThan(model.weights[0], 0.5)
        XCTAssertLessThan(model.weights[2], -0.2)
    }
}
