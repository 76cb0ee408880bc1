import XCTest
@testable import StegoKit

final class ImageDecoderTests: XCTestCase {
    /// PNG, JPEG, WebP, AVIF and HEIC are told by their content, whatever the name; other formats get a
    /// one-line error that names the format, when it is a common one, and says what to do.
    func testFormatsAreToldByContent() throws {
        let png = try Fixtures.bytes("png/rgb8.png"), jpeg = try Fixtures.bytes("png/photo.jpg")
        XCTAssertEqual(try ImageDecoder.decode(png, name: "photo.jpg"), try PNGCodec.decode(png, name: "rgb8.png"))
        XCTAssertEqual(try ImageDecoder.decode(jpeg, name: "photo.png").size, ImageSize(width: 13, height: 7))
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty.png: file is empty"),
            ("text", Array("hello\n".utf8), "text.png: not a PNG, JPEG, WebP, AVIF or HEIC image (no image signature known to it)"),
            ("heic", [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0], "heic.png: unreadable HEIC ("),
            ("tiff", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], "looks like TIFF: convert it to PNG or JPEG first"),
            ("avif", [0, 0, 0, 28] + Array("ftypavif".utf8) + [0, 0, 0, 0], "avif.png: not a valid AVIF image ("),
            ("jxl", [0xFF, 0x0A, 0xFA], "looks like JPEG XL: convert it"),
            ("gif", Array("GIF89a".utf8), "looks like GIF: convert it"),
            ("webp", Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8), "webp.png: unreadable WebP ("),
            ("short ftyp", [0, 0, 0, 8] + Array("ftyp".utf8), "no image signature known to it"),
        ]
        for (label, bytes, mention) in cases {
            assertBadInput(try ImageDecoder.decode(bytes, name: "\(label).png"), mentioning: mention, label)
        }
    }
}
