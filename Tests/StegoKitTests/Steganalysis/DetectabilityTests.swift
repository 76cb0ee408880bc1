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
        let ranked = Detectability.singleFeatures(covers: covers.map(Detectability.Sample.quadrantFeatures),
                                                  stegos: stegos.map(Detectability.Sample.quadrantFeatures),
                                                  resamples: 10)
        XCTAssertEqual(Set(ranked.map(\.name)), Set(ResidualFeatures.names))
        func source(_ name: String) -> String { String(name.split(separator: " ")[0]) }
        for (name, estimate) in ranked where ["R", "G", "R-G"].contains(source(name)) {
            XCTAssertEqual(estimate.auc, 0.5, name)
        }
        let best = ranked[0]
        XCTAssertTrue(["B", "B-G"].contains(source(best.name)), best.name)
        XCTAssertGreaterThan(abs(best.estimate.auc - 0.5), 0.4, "\(best)")
    }
}
