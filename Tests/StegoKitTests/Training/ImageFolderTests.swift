import XCTest
@testable import StegoKit

final class ImageFolderTests: XCTestCase {
    /// Every input format is picked up by its extension, in any case, and sorted by name; other
    /// files are left alone, and an unreadable image is listed as skipped with its reason.
    func testEveryInputFormatIsLoaded() throws {
        let folder = NSTemporaryDirectory() + "stego-folder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let heic = try HEIFCodecTests.heic(HEIFCodecTests.picture.pixels, width: 64, height: 48)
        let files: [(String, [UInt8])] = [
            ("a.PNG", try Fixtures.bytes("png/rgb8.png")), ("b.jpg", try Fixtures.bytes("png/photo.jpg")),
            ("c.webp", try Fixtures.bytes("png/rgb8_icc.webp")), ("d.avif", try Fixtures.bytes("png/photo_icc.avif")),
            ("e.heic", heic), ("f.webp", Array(try Fixtures.bytes("png/rgb8_icc.webp").prefix(40))), ("notes.txt", Array("hi".utf8)),
        ]
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let data = try ImageFolder(path: folder)
        XCTAssertEqual(data.names, ["a.PNG", "b.jpg", "c.webp", "d.avif", "e.heic"])
        XCTAssertEqual(data.images.map(\.size), Array(repeating: ImageSize(width: 13, height: 7), count: 4) + [ImageSize(width: 64, height: 48)])
        XCTAssertEqual(data.skipped.map(\.name), ["f.webp"])
    }
}
