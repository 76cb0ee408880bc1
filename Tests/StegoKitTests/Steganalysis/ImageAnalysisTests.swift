import XCTest
@testable import StegoKit

final class ImageAnalysisTests: XCTestCase {
    /// A detector that finds nothing (zero weights, p = 0.00005 for every image), trained on `method`.
    func silent(_ method: MethodName?) -> TrainedDetector {
        TrainedDetector(mean: Array(repeating: 0, count: ResidualFeatures.count), scale: Array(repeating: 1, count: ResidualFeatures.count),
                        model: LogisticRegression(weights: Array(repeating: 0, count: ResidualFeatures.count), bias: -10),
                        description: "", method: method)
    }

    /// SPA and RS also respond to a network's noise: with a network's detector finding one, their
    /// estimates are its side effect; with another method's detector, or none, they mean LSB replacement.
    func testStructuralEstimatesAreNamedByWhatTheTrainedDetectorFound() {
        var analysis = ImageAnalysis(CleanPhotos.all[0], detector: silent(.dlvHinet))
        (analysis.spa, analysis.rs, analysis.chi2) = (0.4, 0.5, 0)
        analysis.probability = 0.99
        XCTAssertEqual(analysis.verdict, "looks like a hiding network's stego image (p = 0.99); its noise also moves SPA and RS (about 40% of samples)")
        analysis.detectorMethod = .lsb4
        XCTAssertEqual(analysis.verdict, "looks like a lsb4 stego image (p = 0.99); LSB replacement likely (about 40% of samples)")
        analysis.detectorMethod = .hinet
        analysis.probability = 0.2
        XCTAssertEqual(analysis.verdict, "LSB replacement likely (about 40% of samples)")
        analysis.rs = 0.1
        XCTAssertEqual(analysis.verdict, "no sign of hidden data")
    }

    /// lsb4's stego images escape SPA and RS (their low bit is the secret's fourth, smooth as a
    /// photo's); their low four bits show the secret, which the low-bits check sees.
    func testLowBitsOfAnLSB4StegoImageHoldAnImage() throws {
        let photos = CleanPhotos.all
        for (cover, secret) in zip(photos.prefix(3), photos.dropFirst()) {
            let stego = ImageAnalysis(try LSB4().hide(cover: cover, secret: secret), detector: silent(nil))
            XCTAssertTrue(stego.lowBitsHoldImage, "\(stego.lowBits!)")
            XCTAssertTrue(stego.verdict.hasPrefix("4-bit LSB substitution likely"), stego.verdict)
            let clean = ImageAnalysis(cover, detector: silent(nil))
            XCTAssertFalse(clean.lowBitsHoldImage, "\(clean.lowBits!)")
            XCTAssertEqual(clean.verdict, "no sign of hidden data")
        }
        XCTAssertNil(ImageAnalysis(RGBImage(width: 1, height: 1), detector: silent(nil)).lowBits)
    }
}
