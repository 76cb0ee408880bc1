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

    /// New files get the umask's mode; --force keeps the replaced file's mode.
    func testModesFollowTheUmaskAndTheReplacedFile() throws {
        let saved = umask(0o077)
        defer { umask(saved) }
        try OutputFile(path: folder + "/private.png", force: false, inputs: []).write([1])
        XCTAssertEqual(try mode(folder + "/private.png"), 0o600)
        umask(0o022)
        _ = FileManager.default.createFile(atPath: folder + "/kept.png", contents: Data([9]), attributes: [.posixPermissions: 0o640])
        try OutputFile(path: folder + "/kept.png", force: true, inputs: []).write([2])
        XCTAssertEqual(try mode(folder + "/kept.png"), 0o640)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/kept.png"), Data([2]))
    }

    func testForceReplacesOnlyRegularFiles() throws {
        let target = folder + "/target.png", link = folder + "/link.png"
        _ = FileManager.default.createFile(atPath: target, contents: Data([7]))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for path in [link, "/dev/null"] {
            XCTAssertThrowsError(try OutputFile(path: path, force: true, inputs: [])) {
                XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)")
            }
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target)
    }

    /// One-character names used to crash Foundation's path functions; bad names are one-line errors.
    func testShortAndInvalidPaths() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try OutputFile(path: "a", force: false, inputs: []).write([1])
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a"), Data([1]))
        for (path, message) in [("", "the output path is empty"), (".", ".: is a directory, expected a file name"),
                                ("x.png/", "x.png/: expected a file name, not a folder"),
                                ("missing/x.png", "missing/x.png: folder missing does not exist")] {
            XCTAssertThrowsError(try OutputFile(path: path, force: true, inputs: [])) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testFilePathPieces() {
        XCTAssertEqual(FilePath.folder(of: "a"), "")
        XCTAssertEqual(FilePath.folder(of: "/a"), "/")
        XCTAssertEqual(FilePath.folder(of: "x/y/z.png"), "x/y")
        XCTAssertEqual(FilePath.name(of: "x/y/z.png"), "z.png")
        XCTAssertEqual(FilePath.deletingExtension(of: "x/y.z/photo.png"), "x/y.z/photo")
        XCTAssertEqual(FilePath.deletingExtension(of: ".hidden"), ".hidden")
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}
