import XCTest
@testable import StegoKit

final class TrainedDetectorTests: XCTestCase {
    /// Leak check: "stego" images that are other clean photos cannot be told apart once the
    /// cross-validation keeps each image's quadrants out of its own training fold.
    func testCrossValidationIsNearChanceOnCleanVersusClean() {
        let photos = CleanPhotos.all, half = photos.count / 2
        let groups = (0..<half).map { i in
            CrossValidation.Group(positives: TrainedDetector.quadrants(photos[half + i]).map(ResidualFeatures.of),
                                  negatives: TrainedDetector.quadrants(photos[i]).map(ResidualFeatures.of))
        }
        let estimate = CrossValidation.auc(groups)
        XCTAssertEqual(estimate.auc, 0.5, accuracy: 0.25, "\(estimate)")
    }

    func testCrossValidationFindsLSBReplacementAtHalfRate() {
        let groups = CleanPhotos.all.enumerated().map { i, photo in
            CrossValidation.Group(
                positives: TrainedDetector.quadrants(CleanPhotos.lsbReplaced(photo, rate: 0.5, seed: UInt64(i))).map(ResidualFeatures.of),
                negatives: TrainedDetector.quadrants(photo).map(ResidualFeatures.of))
        }
        let estimate = CrossValidation.auc(groups)
        XCTAssertGreaterThan(estimate.auc, 0.9, "\(estimate)")
        XCTAssertLessThanOrEqual(estimate.low, estimate.auc)
        XCTAssertGreaterThanOrEqual(estimate.high, estimate.auc)
    }

    func testFileRoundTripKeepsTheScores() throws {
        let photos = CleanPhotos.all
        let detector = TrainedDetector.train(
            positives: photos.map { ResidualFeatures.of(CleanPhotos.lsbReplaced($0, rate: 1, seed: 9)) },
            negatives: photos.map(ResidualFeatures.of), description: "test", method: .lsb4)
        let path = NSTemporaryDirectory() + "/detector-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try OutputFile(path: path, force: false, inputs: []).write(detector.encode())
        let read = try TrainedDetector.read(path: path)
        XCTAssertEqual(read.description, "test")
        XCTAssertEqual(read.method, .lsb4)
        for photo in photos.prefix(3) {
            XCTAssertEqual(read.probability(photo), detector.probability(photo), accuracy: 1e-4)
        }
    }

    func testAFileOfAnotherKindIsRefused() {
        XCTAssertThrowsError(try TrainedDetector.read(path: Fixtures.path("engine/conv3x3.safetensors"))) {
            XCTAssertTrue(($0 as? StegoError)?.isBadInput == true)
        }
    }
}
