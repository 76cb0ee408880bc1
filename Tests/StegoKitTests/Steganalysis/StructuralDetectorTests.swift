import XCTest
@testable import StegoKit

/// SPA, RS and the chi-square attack against photos with a known fraction of their LSBs
/// replaced by random bits: at random positions for SPA and RS, from the start of the file for
/// the chi-square attack (the embedding each one models).
final class StructuralDetectorTests: XCTestCase {
    static let rates = [0, 0.1, 0.25, 0.5, 1.0]

    func check(_ name: String, sequential: Bool, tolerance: Double = 0.05, _ estimate: (RGBImage) -> Double) {
        for (k, rate) in Self.rates.enumerated() {
            let estimates = CleanPhotos.all.enumerated().map { i, photo in
                estimate(CleanPhotos.lsbReplaced(photo, rate: rate, sequential: sequential, seed: UInt64(100 * k + i)))
            }
            let meanError = estimates.map { abs($0 - rate) }.reduce(0, +) / Double(estimates.count)
            XCTAssertLessThan(meanError, tolerance, "\(name) at rate \(rate): estimates \(estimates)")
            if rate == 0 {
                XCTAssertGreaterThanOrEqual(estimates.filter { $0 < 0.05 }.count, estimates.count * 3 / 4,
                                            "\(name) on clean photos: \(estimates)")
            }
        }
    }

    func testSamplePairAnalysisEstimatesTheReplacedFraction() {
        check("SPA", sequential: false, SamplePairAnalysis.payload)
    }

    func testRSAnalysisEstimatesTheReplacedFraction() {
        check("RS", sequential: false, RSAnalysis.payload)
    }

    /// Looser: on these 256x256 photos the test keeps accepting a few percent of clean pairs
    /// past the payload's end (measured mean errors 0.02, 0.063, 0.056, 0.075, 0.0 at the rates).
    func testChiSquareAttackEstimatesTheSequentialPayload() {
        check("chi2", sequential: true, tolerance: 0.08, ChiSquareAttack.payload)
    }

    /// Critical values from statistical tables: P(χ²(k) >= x) = 0.05 and 0.01.
    func testChiSquareUpperTailMatchesTables() {
        for (x, k, p) in [(3.841459, 1, 0.05), (18.307038, 10, 0.05), (124.342113, 100, 0.05), (6.634897, 1, 0.01),
                          (23.209251, 10, 0.01), (0.1148318, 3, 0.99)] {
            XCTAssertEqual(ChiSquareDistribution.upperTail(x, degreesOfFreedom: k), p, accuracy: 1e-6, "x \(x), k \(k)")
        }
    }
}
