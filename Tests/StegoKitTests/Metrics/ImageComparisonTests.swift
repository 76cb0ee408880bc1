import XCTest
@testable import StegoKit

final class ImageComparisonTests: XCTestCase {
    /// Agreement with scikit-image (values stored by scripts/make_test_fixtures.py).
    func testMatchesScikitImage() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("metrics/expected.json"))) as! [String: [String: Any]]
        XCTAssertEqual(expected.count, 3)
        for (name, values) in expected.sorted(by: { $0.key < $1.key }) {
            let a = try PNGCodec.read(path: Fixtures.path("metrics/\(name)_a.png"))
            let b = try PNGCodec.read(path: Fixtures.path("metrics/\(name)_b.png"))
            let c = try ImageComparison(a, b)
            func value(_ key: String) -> Double { values[key] as! Double }
            XCTAssertEqual(c.psnrY, value("psnr_y"), accuracy: 1e-6, name)
            XCTAssertEqual(c.psnrRGB, value("psnr_rgb"), accuracy: 1e-6, name)
            XCTAssertEqual(try XCTUnwrap(c.ssimY), value("ssim_y"), accuracy: 1e-6, name)
            XCTAssertEqual(try XCTUnwrap(c.ssimRGB), value("ssim_rgb"), accuracy: 1e-6, name)
            XCTAssertEqual(c.mae, value("mae"), accuracy: 1e-9, name)
            XCTAssertEqual(c.rmse, value("rmse"), accuracy: 1e-9, name)
        }
    }

    func testIdenticalImagesHaveInfinitePSNRAndUnitSSIM() throws {
        let a = try PNGCodec.read(path: Fixtures.path("metrics/case0_a.png"))
        let c = try ImageComparison(a, a)
        XCTAssertEqual(c.psnrY, .infinity)
        XCTAssertEqual(c.psnrRGB, .infinity)
        XCTAssertEqual(try XCTUnwrap(c.ssimY), 1, accuracy: 1e-12)
        XCTAssertEqual(c.mae, 0)
        XCTAssertTrue(ComparisonReport.table([(name: "x", comparison: c)]).contains("inf"))
    }

    func testSizeMismatchNamesBothSizes() {
        XCTAssertThrowsError(try ImageComparison(RGBImage(width: 4, height: 3), RGBImage(width: 3, height: 4))) {
            XCTAssertEqual(($0 as? StegoError)?.description, "images differ in size: 4x3 and 3x4")
        }
    }

    func testSSIMUndefinedBelowWindowSize() throws {
        let c = try ImageComparison(RGBImage(width: 10, height: 30), RGBImage(width: 10, height: 30))
        XCTAssertNil(c.ssimY)
        XCTAssertTrue(ComparisonReport.table([(name: "x", comparison: c)]).contains("n/a"))
    }

    func testMeanAveragesEachFigure() {
        let a = ImageComparison(psnrY: 30, psnrRGB: 20, ssimY: 0.5, ssimRGB: 0.25, mae: 1, rmse: 2)
        let b = ImageComparison(psnrY: 40, psnrRGB: 30, ssimY: 1.0, ssimRGB: nil, mae: 3, rmse: 4)
        let m = ImageComparison.mean([a, b])
        XCTAssertEqual(m, ImageComparison(psnrY: 35, psnrRGB: 25, ssimY: 0.75, ssimRGB: nil, mae: 2, rmse: 3))
    }
}
