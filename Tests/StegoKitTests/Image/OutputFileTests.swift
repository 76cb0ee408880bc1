import XCTest
@testable import StegoKit

final class OutputFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/stego-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func testWritesAndLeavesNoTemporaryFile() throws {
        let path = folder + "/out.png"
        try OutputFile(path: path, force: false, inputs: []).write([1, 2, 3])
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data([1, 2, 3]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.png"])
    }

    func testExistingOutputNeedsForce() throws {
        let path = folder + "/out.png"
        _ = FileManager.default.createFile(atPath: path, contents: Data([9]))
        XCTAssertThrowsError(try OutputFile(path: path, force: false, inputs: []))
        try OutputFile(path: path, force: true, inputs: []).write([4])
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data([4]))
    }

    /// Created after the up-front check (a race): the final link still refuses to replace it.
    func testNoClobberHoldsAtWriteTime() throws {
        let path = folder + "/out.png"
        let file = try OutputFile(path: path, force: false, inputs: [])
        _ = FileManager.default.createFile(atPath: path, contents: Data([9]))
        XCTAssertThrowsError(try file.write([1]))
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data([9]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.png"])
    }

    func testInputIsNeverOverwrittenEvenWithForce() throws {
        let path = folder + "/in.png"
        _ = FileManager.default.createFile(atPath: path, contents: Data([9]))
        let sameFileOtherSpelling = folder + "/./in.png"
        XCTAssertThrowsError(try OutputFile(path: sameFileOtherSpelling, force: true, inputs: [path])) {
            XCTAssertTrue(($0 as? StegoError)?.description.contains("overwrite the input") ?? false)
        }
    }

    func testMissingFolderIsBadInput() {
        XCTAssertThrowsError(try OutputFile(path: folder + "/no/such/out.png", force: false, inputs: [])) {
            XCTAssertTrue(($0 as? StegoError)?.isBadInput ?? false)
        }
    }
}
