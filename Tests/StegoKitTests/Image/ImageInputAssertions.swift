import XCTest
@testable import StegoKit

/// Asserts that `decode` fails with a one-line bad-input error that contains `mention`.
func assertBadInput<T>(_ decode: @autoclosure () throws -> T, mentioning mention: String, _ label: String,
                       file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try decode(), label, file: file, line: line) { error in
        guard let error = error as? StegoError else { return XCTFail("\(label): \(error)", file: file, line: line) }
        XCTAssertTrue(error.isBadInput, label, file: file, line: line)
        XCTAssertFalse(error.description.contains("\n"), label, file: file, line: line)
        XCTAssertTrue(error.description.contains(mention), "\(label): \(error)", file: file, line: line)
    }
}

/// Asserts that an image file holding the RGBA `rgba` exactly (lossless) decodes, for a cover
/// (`asCover`), to its stored colour and alpha, and otherwise to them composited onto black, as a
/// PNG's are.
func assertAlphaKeptForACoverAndComposited(_ bytes: [UInt8], rgba: [UInt8], width: Int, height: Int,
                                           asCover: ([UInt8]) throws -> (image: RGBImage, alpha: [UInt8]?),
                                           file: StaticString = #filePath, line: UInt = #line) throws {
    let cover = try asCover(bytes), stored = AlphaChannel.split(rgba, width: width, height: height)
    XCTAssertEqual(cover.image, stored.image, file: file, line: line)
    XCTAssertEqual(cover.alpha, stored.alpha, file: file, line: line)
    XCTAssertEqual(try ImageDecoder.decode(bytes, name: "alpha"), AlphaChannel.compositedOntoBlack(rgba, width: width, height: height),
                   file: file, line: line)
}
