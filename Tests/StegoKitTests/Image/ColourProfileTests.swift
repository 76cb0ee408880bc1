import XCTest
@testable import StegoKit

final class ColourProfileTests: XCTestCase {
    /// The profile Pillow wrote into a JPEG's APP2, a PNG's iCCP, a WebP's ICCP and an AVIF's colr
    /// comes back byte for byte; files without one, and files of no known format, have none.
    func testProfilesAreReadFromEveryInputFormat() throws {
        let icc = try Fixtures.bytes("png/profile.icc")
        for name in ["photo_icc.jpg", "rgb8_icc.png", "rgb8_icc.webp", "photo_icc.avif"] {
            XCTAssertEqual(ColourProfile(in: try Fixtures.bytes("png/" + name))?.icc, icc, name)
        }
        let webp = try Fixtures.bytes("png/rgb8_icc.webp"), avif = try Fixtures.bytes("png/photo_icc.avif")
        for name in ["png/photo.jpg", "png/rgb8.png", "png/truncated.png", "png/rgb8.rgb"] {
            XCTAssertNil(ColourProfile(in: try Fixtures.bytes(name)), name)
        }
        XCTAssertNil(ColourProfile(in: []))
        XCTAssertNil(ColourProfile(in: Array(webp.prefix(40))))
        XCTAssertNil(ColourProfile(in: Array(avif.prefix(40))))
        // The profile does not change the pixels: they decode as they do without it.
        let plain = try PNGCodec.decode(try Fixtures.bytes("png/rgb8.png"), name: "plain")
        XCTAssertEqual(try ImageDecoder.decode(try Fixtures.bytes("png/rgb8_icc.png"), name: "icc"), plain)
        XCTAssertEqual(try ImageDecoder.decode(webp, name: "icc.webp"), plain)  // lossless
        XCTAssertEqual(try ImageDecoder.decode(avif, name: "icc.avif").size, plain.size)
    }

    /// An encoded PNG carries the profile it is given (iCCP, no sRGB chunk), or else an sRGB chunk;
    /// a profile libpng finds malformed is left out for sRGB rather than failing the write.
    func testEncodedPNGCarriesTheProfileOrSRGB() throws {
        let image = try PNGCodec.decode(try Fixtures.bytes("png/rgb8.png"), name: "rgb8")
        let profile = ColourProfile(icc: try Fixtures.bytes("png/profile.icc"))
        func chunks(_ png: [UInt8]) -> Set<String> {
            Set(["iCCP", "sRGB"].filter { png.firstRange(of: Array($0.utf8)) != nil })
        }
        let marked = try PNGCodec.encode(image, profile: profile)
        XCTAssertEqual(ColourProfile(in: marked), profile)
        XCTAssertEqual(chunks(marked), ["iCCP"])
        XCTAssertEqual(try PNGCodec.decode(marked, name: "marked"), image)
        XCTAssertEqual(chunks(try PNGCodec.encode(image)), ["sRGB"])
        var gray = profile.icc
        gray.replaceSubrange(16..<20, with: Array("GRAY".utf8))  // a gray profile on RGB pixels
        for bad in [ColourProfile(icc: Array(repeating: 7, count: 10)), ColourProfile(icc: gray)] {
            let png = try PNGCodec.encode(image, profile: bad)
            XCTAssertEqual(chunks(png), ["sRGB"])
            XCTAssertNil(ColourProfile(in: png))
            XCTAssertEqual(try PNGCodec.decode(png, name: "bad"), image)
        }
    }
}
