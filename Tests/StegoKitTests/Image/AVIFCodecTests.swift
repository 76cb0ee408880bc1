import CAVIF
import Foundation
import XCTest
@testable import StegoKit

final class AVIFCodecTests: XCTestCase {
    /// File sizes falling with the quantizer: steeply near 0 and about 5% a step beyond, as photos'
    /// do, at two scales; and one with a plateau and a cliff, which no straight line predicts.
    static let curves: [[Int]] = [
        (0...63).map { q in twoSlopes(q, 200_000, 0.05, 100_000, 0.5) },
        (0...63).map { q in twoSlopes(q, 4_000, 0.07, 90_000, 0.8) },
        (0...63).map { q in q < 40 ? 50_000 - q : 900 - q },
    ]

    static func twoSlopes(_ quantizer: Int, _ a: Double, _ slopeA: Double, _ b: Double, _ slopeB: Double) -> Int {
        let q = Double(quantizer)
        return Int(a * exp(-slopeA * q) + b * exp(-slopeB * q))
    }

    /// The search finds the smallest quantizer that fits (what trying every one finds), with the
    /// file at that quantizer, in far fewer encodes than trying every one.
    func testFindsTheSmallestQuantizerThatFits() throws {
        for curve in Self.curves {
            for budget in stride(from: curve[63] - 1, through: curve[0] + 1, by: max(1, (curve[0] - curve[63]) / 997)) {
                var encodes: [Int] = []
                let found = AVIFCodec.smallestFitting(budget: budget) { quantizer -> [UInt8] in
                    encodes.append(quantizer)
                    return [UInt8](repeating: UInt8(quantizer), count: curve[quantizer])
                }
                let expected = curve.firstIndex { $0 <= budget }
                XCTAssertEqual(found?.quantizer, expected, "budget \(budget)")
                if let found { XCTAssertEqual(found.bytes, [UInt8](repeating: UInt8(found.quantizer), count: curve[found.quantizer])) }
                XCTAssertEqual(Set(encodes).count, encodes.count, "budget \(budget): a quantizer encoded twice")
                XCTAssertLessThanOrEqual(encodes.count, 12, "budget \(budget): \(encodes)")
            }
        }
    }

    /// On sizes like a photo's, fewer encodes on average than a binary search's 6.
    func testFewerEncodesThanABinarySearchOnAPhotoLikeCurve() {
        let curve = Self.curves[0]
        let budgets = (0..<40).map { Int(3_000 * pow(100, Double($0) / 39)) }  // 3 KB to 300 KB
        let counts = budgets.map { budget in
            var encodes = 0
            _ = AVIFCodec.smallestFitting(budget: budget) { quantizer -> [UInt8] in
                encodes += 1
                return [UInt8](repeating: 0, count: curve[quantizer])
            }
            return encodes
        }
        XCTAssertLessThan(Double(counts.reduce(0, +)) / Double(counts.count), 5.5, "\(counts)")
    }

    /// The file found fits, the next better quantizer would not, and it decodes to an image of the same size.
    func testEncodeFittingRoundTrips() throws {
        var image = RGBImage(width: 64, height: 48)
        for y in 0..<48 { for x in 0..<64 { for c in 0..<3 { image[x, y, c] = UInt8((x * 3 + y * 2 + c * 40) % 256) } } }
        let (bytes, quantizer) = try XCTUnwrap(try AVIFCodec.encode(image, fitting: 1_500))
        XCTAssertLessThanOrEqual(bytes.count, 1_500)
        if quantizer > 0 { XCTAssertGreaterThan(try AVIFCodec.encode(image, quantizer: quantizer - 1).count, 1_500) }
        let decoded = try AVIFCodec.decode(bytes, name: "test")
        XCTAssertEqual(decoded.size, image.size)
        XCTAssertNil(try AVIFCodec.encode(image, fitting: 10))
    }

    /// Lossless AVIF bytes (4:4:4, identity matrix, quantizer 0) of RGB or RGBA `samples`, with
    /// `properties` set on the image before it is written (clean aperture, rotation, mirroring).
    static func lossless(_ samples: [UInt8], width: Int, height: Int, alpha: Bool = false,
                         properties: (UnsafeMutablePointer<avifImage>) -> Void = { _ in }) throws -> [UInt8] {
        let avif = try XCTUnwrap(avifImageCreate(UInt32(width), UInt32(height), 8, AVIF_PIXEL_FORMAT_YUV444))
        defer { avifImageDestroy(avif) }
        avif.pointee.matrixCoefficients = avifMatrixCoefficients(AVIF_MATRIX_COEFFICIENTS_IDENTITY)
        avif.pointee.yuvRange = AVIF_RANGE_FULL
        var rgb = avifRGBImage()
        avifRGBImageSetDefaults(&rgb, avif)
        rgb.format = alpha ? AVIF_RGB_FORMAT_RGBA : AVIF_RGB_FORMAT_RGB
        rgb.rowBytes = UInt32(width * (alpha ? 4 : 3))
        var pixels = samples
        let converted = pixels.withUnsafeMutableBufferPointer { p in
            rgb.pixels = p.baseAddress
            return avifImageRGBToYUV(avif, &rgb)
        }
        XCTAssertEqual(converted, AVIF_RESULT_OK)
        properties(avif)
        let encoder = try XCTUnwrap(avifEncoderCreate())
        defer { avifEncoderDestroy(encoder) }
        (encoder.pointee.minQuantizer, encoder.pointee.maxQuantizer) = (AVIF_QUANTIZER_LOSSLESS, AVIF_QUANTIZER_LOSSLESS)
        (encoder.pointee.minQuantizerAlpha, encoder.pointee.maxQuantizerAlpha) = (AVIF_QUANTIZER_LOSSLESS, AVIF_QUANTIZER_LOSSLESS)
        encoder.pointee.speed = 10
        var output = avifRWData(data: nil, size: 0)
        defer { avifRWDataFree(&output) }
        XCTAssertEqual(avifEncoderWrite(encoder, avif, &output), AVIF_RESULT_OK)
        return Array(UnsafeBufferPointer(start: output.data, count: output.size))
    }

    /// An 8x6 image with every pixel different.
    static let labelled = RGBImage(width: 8, height: 6, pixels: (0..<8 * 6 * 3).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 3 * 11) })

    /// A lossless AVIF decodes exactly, whatever the file's name.
    func testLosslessDecodesExactly() throws {
        let avif = try Self.lossless(Self.labelled.pixels, width: 8, height: 6)
        XCTAssertEqual(try ImageDecoder.decode(avif, name: "photo.png"), Self.labelled)
    }

    /// Every rotation (irot: quarter turns anti-clockwise) with each mirroring (imir: 0 exchanges
    /// top and bottom, 1 left and right) comes out as viewers show it: rotated, then mirrored.
    func testRotationAndMirroringAreApplied() throws {
        let (w, h) = (8, 6), p = Self.labelled
        for angle in 0..<4 {
            for axis in [nil, 0, 1] as [Int?] {
                let avif = try Self.lossless(p.pixels, width: w, height: h) { image in
                    if angle > 0 {
                        image.pointee.transformFlags |= AVIF_TRANSFORM_IROT.rawValue
                        image.pointee.irot.angle = UInt8(angle)
                    }
                    if let axis {
                        image.pointee.transformFlags |= AVIF_TRANSFORM_IMIR.rawValue
                        // The struct's one byte: `mode` in libavif 0.11, `axis` from 1.0.
                        withUnsafeMutableBytes(of: &image.pointee.imir) { $0[0] = UInt8(axis) }
                    }
                }
                let shown = try AVIFCodec.decode(avif, name: "turned.avif")
                let (rw, rh) = angle % 2 == 1 ? (h, w) : (w, h)
                XCTAssertEqual(shown.size, ImageSize(width: rw, height: rh), "angle \(angle)")
                for y in 0..<rh {
                    for x in 0..<rw {
                        // Undo the mirroring, then the rotation, to find the stored pixel.
                        let (mx, my) = axis == 0 ? (x, rh - 1 - y) : axis == 1 ? (rw - 1 - x, y) : (x, y)
                        let (sx, sy) = [(mx, my), (w - 1 - my, mx), (w - 1 - mx, h - 1 - my), (my, h - 1 - mx)][angle]
                        for c in 0..<3 where shown[x, y, c] != p[sx, sy, c] {
                            return XCTFail("angle \(angle), axis \(String(describing: axis)): (\(x), \(y)) is not stored (\(sx), \(sy))")
                        }
                    }
                }
            }
        }
    }

    /// A clean aperture (clap) crops the image to its rectangle.
    func testCleanApertureCrops() throws {
        var rect = avifCropRect(x: 2, y: 1, width: 4, height: 4)
        let avif = try Self.lossless(Self.labelled.pixels, width: 8, height: 6) { image in
            var diagnostics = avifDiagnostics()
            XCTAssertNotEqual(avifCleanApertureBoxConvertCropRect(&image.pointee.clap, &rect, 8, 6, AVIF_PIXEL_FORMAT_YUV444, &diagnostics), 0)
            image.pointee.transformFlags |= AVIF_TRANSFORM_CLAP.rawValue
        }
        XCTAssertEqual(try AVIFCodec.decode(avif, name: "clap.avif"), Self.labelled.cropped(x: 2, y: 1, size: ImageSize(width: 4, height: 4)))
    }

    /// With alpha: a cover keeps its stored colour and alpha, any other input is composited onto
    /// black as a PNG's is.
    func testAlphaIsKeptForACoverAndCompositedOtherwise() throws {
        let rgba = (0..<8 * 6 * 4).map { i in UInt8(truncatingIfNeeded: i * 29 + i / 4 * 5) }
        try assertAlphaKeptForACoverAndComposited(try Self.lossless(rgba, width: 8, height: 6, alpha: true), rgba: rgba, width: 8, height: 6) {
            try AVIFCodec.decode($0, name: "a.avif", keepingAlpha: true)
        }
    }

    /// Truncated and oversized files give a one-line error, never a crash.
    func testBadFilesAreRefused() throws {
        let avif = try Self.lossless(Self.labelled.pixels, width: 8, height: 6)
        let limit = ImageLimits.maxPixels
        defer { ImageLimits.maxPixels = limit }
        let cases = [("truncated", Array(avif.prefix(avif.count - 20)), limit, "truncated.avif: not a valid AVIF image ("),
                     ("large", avif, 40, "large.avif: 8x6 pixels (0 megapixels) is above the limit")]
        for (label, bytes, pixels, mention) in cases {
            ImageLimits.maxPixels = pixels
            assertBadInput(try ImageDecoder.decode(bytes, name: "\(label).avif"), mentioning: mention, label)
        }
    }
}
