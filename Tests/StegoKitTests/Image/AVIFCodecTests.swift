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
}
