import CHEIF
import Foundation
import XCTest
@testable import StegoKit

final class HEIFCodecTests: XCTestCase {
    /// A smooth 64x48 picture, which HEVC at quality 90 keeps closely.
    static let picture: RGBImage = {
        var image = RGBImage(width: 64, height: 48)
        for y in 0..<48 { for x in 0..<64 { for c in 0..<3 { image[x, y, c] = UInt8(x * 2 + y + c * 30) } } }
        return image
    }()

    /// HEIC bytes of interleaved RGB or RGBA `samples`, by libheif's HEVC encoder (x265) at quality
    /// 90, with `icc` as the image's profile.
    static func heic(_ samples: [UInt8], width: Int, height: Int, alpha: Bool = false, icc: [UInt8]? = nil) throws -> [UInt8] {
        try XCTSkipIf(heif_have_encoder_for_format(heif_compression_HEVC) == 0, "this libheif has no HEVC encoder")
        let channels = alpha ? 4 : 3
        var image: OpaquePointer?
        XCTAssertEqual(heif_image_create(Int32(width), Int32(height), heif_colorspace_RGB,
                                         alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, &image).code, heif_error_Ok)
        defer { heif_image_release(image) }
        XCTAssertEqual(heif_image_add_plane(image, heif_channel_interleaved, Int32(width), Int32(height), 8).code, heif_error_Ok)
        var stride: Int32 = 0
        let plane = try XCTUnwrap(heif_image_get_plane(image, heif_channel_interleaved, &stride))
        for y in 0..<height {
            samples.withUnsafeBufferPointer { (plane + y * Int(stride)).update(from: $0.baseAddress! + y * width * channels, count: width * channels) }
        }
        if let icc { XCTAssertEqual(heif_image_set_raw_color_profile(image, "prof", icc, icc.count).code, heif_error_Ok) }
        let context = try XCTUnwrap(heif_context_alloc())
        defer { heif_context_free(context) }
        var encoder: OpaquePointer?
        XCTAssertEqual(heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder).code, heif_error_Ok)
        defer { heif_encoder_release(encoder) }
        XCTAssertEqual(heif_encoder_set_lossy_quality(encoder, 90).code, heif_error_Ok)
        XCTAssertEqual(heif_context_encode_image(context, image, encoder, nil, nil).code, heif_error_Ok)
        let path = NSTemporaryDirectory() + "stego-test-\(UUID().uuidString).heic"
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(heif_context_write_to_file(context, path).code, heif_error_Ok)
        return try InputFile.readBytes(path: path)
    }

    /// A HEIC decodes close to its source, whatever the file's name, and its profile is read.
    func testDecodesWithItsProfile() throws {
        let icc = try Fixtures.bytes("png/profile.icc")
        let heic = try Self.heic(Self.picture.pixels, width: 64, height: 48, icc: icc)
        let decoded = try ImageDecoder.decode(heic, name: "photo.png")
        XCTAssertEqual(decoded.size, Self.picture.size)
        XCTAssertGreaterThan(try ImageComparison(Self.picture, decoded).psnrRGB, 35)
        XCTAssertEqual(ColourProfile(in: heic)?.icc, icc)
        XCTAssertNil(ColourProfile(in: try Self.heic(Self.picture.pixels, width: 64, height: 48)))
    }

    /// With alpha: a cover keeps its colour and alpha apart, any other input is composited onto
    /// black (close to the source's own samples: HEVC is lossy).
    func testAlphaIsKeptForACoverAndCompositedOtherwise() throws {
        let rgba = (0..<64 * 48 * 4).map { i -> UInt8 in
            let pixel = i / 4
            return i % 4 == 3 ? UInt8(128 + pixel % 64) : Self.picture.pixels[pixel * 3 + i % 4]
        }
        let heic = try Self.heic(rgba, width: 64, height: 48, alpha: true)
        let cover = try HEIFCodec.decode(heic, name: "a.heic", keepingAlpha: true)
        let stored = AlphaChannel.split(rgba, width: 64, height: 48)
        XCTAssertGreaterThan(try ImageComparison(cover.image, stored.image).psnrRGB, 35)
        let alpha = try XCTUnwrap(cover.alpha)
        XCTAssertLessThanOrEqual(zip(alpha, stored.alpha).map { abs(Int($0) - Int($1)) }.max()!, 8)
        let composited = try ImageDecoder.decode(heic, name: "a.heic")
        XCTAssertGreaterThan(try ImageComparison(composited, AlphaChannel.compositedOntoBlack(rgba, width: 64, height: 48)).psnrRGB, 35)
    }

    /// Truncated and oversized files give a one-line error, never a crash.
    func testBadFilesAreRefused() throws {
        let heic = try Self.heic(Self.picture.pixels, width: 64, height: 48)
        let limit = ImageLimits.maxPixels
        defer { ImageLimits.maxPixels = limit }
        let cases: [(String, [UInt8], Int, String)] = [("truncated", Array(heic.prefix(heic.count / 2)), limit, "truncated.heic: unreadable HEIC ("),
                     ("large", heic, 1000, "large.heic: 64x48 pixels (0 megapixels) is above the limit")]
        for (label, bytes, pixels, mention) in cases {
            ImageLimits.maxPixels = pixels
            assertBadInput(try ImageDecoder.decode(bytes, name: "\(label).heic"), mentioning: mention, label)
        }
    }
}
