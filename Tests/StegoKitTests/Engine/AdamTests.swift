import XCTest
@testable import StegoKit

final class AdamTests: XCTestCase {
    /// Halving every 4 steps and a warm-up of 3: the twin's `learning_rate` is checked against the
    /// same numbers (python/tests/test_twin.py).
    func testScheduleHalvesAndWarmsUp() {
        let schedule = LearningRateSchedule(base: 1e-3, factor: 0.5, every: 4, warmup: 3)
        let expected: [Float] = [1e-3 / 3, 2e-3 / 3, 1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 5e-4, 2.5e-4, 2.5e-4]
        for (step, rate) in expected.enumerated() {
            XCTAssertEqual(schedule.rate(at: step), rate, accuracy: 1e-9, "step \(step)")
        }
        XCTAssertEqual(LearningRateSchedule(base: 1e-3).rate(at: 0), 1e-3)
    }
}
