import XCTest
@testable import StegoKit

final class DetectabilityTests: XCTestCase {
    func testEveryFeatureHasOneUniqueName() {
        XCTAssertEqual(ResidualFeatures.names.count, ResidualFeatures.count)
        XCTAssertEqual(Set(ResidualFeatures.names).count, ResidualFeatures.count)
        XCTAssertEqual(ResidualFeatures.names.first, "R h1 energy")
        XCTAssertEqual(ResidualFeatures.names.last, "B parity -1")
    }

    /// Noise in blue alone: every feature of R, G and R - G is the same in stego and cover (AUC
    /// exactly 0.5, all ties), and the feature that gives the stego images away best is blue's.
    func testSingleFeaturesFindNoiseWhereItIsAndNowhereElse() {
        var rng = SeededGenerator(seed: 5)
        let covers = Array(CleanPhotos.all.prefix(6))
        let stegos = covers.map { cover in
            var stego = cover
            for i in stride(from: 2, to: stego.pixels.count, by: 3) {
                stego.pixels[i] = UInt8(min(max(Int(stego.pixels[i]) + Int.random(in: -2...2, using: &rng), 0), 255))
            }
            return stego
        }
        let single = Detectability.singleFeatureAUCs(covers: covers.map(Detectability.Sample.init),
                                                     stegos: stegos.map(Detectability.Sample.init), resamples: 10)
        func source(_ name: String) -> String { String(name.split(separator: " ")[0]) }
        for (name, estimate) in zip(ResidualFeatures.names, single) where ["R", "G", "R-G"].contains(source(name)) {
            XCTAssertEqual(estimate.auc, 0.5, name)
        }
        let best = single.indices.max { abs(single[$0].auc - 0.5) < abs(single[$1].auc - 0.5) }!
        XCTAssertTrue(["B", "B-G"].contains(source(ResidualFeatures.names[best])), ResidualFeatures.names[best])
        XCTAssertGreaterThan(abs(single[best].auc - 0.5), 0.4, "\(ResidualFeatures.names[best]) \(single[best])")
    }
}
