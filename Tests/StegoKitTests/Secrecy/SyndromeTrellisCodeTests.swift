import CTrellis
import XCTest
@testable import StegoKit

final class SyndromeTrellisCodeTests: XCTestCase {
    func random(_ count: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8(generator.next() & 1) }
    }

    func testRandomMessagesComeBackExactlyForManySizesRatesAndHeights() throws {
        var generator = SeededGenerator(seed: 7)
        for (samples, rate, height) in [(16 * 40, 0.5, 2), (1000, 0.05, 4), (5000, 0.25, 7), (12_345, 0.1, 10), (20_000, 0.4, 10),
                                        (9999, 0.02, 8), (8000, 0.1, 12), (3000, 1.0, 6), (70_001, 0.2, 3)] {
            let code = try SyndromeTrellisCode(height: height)
            let cover = random(samples, &generator)
            let costs = (0..<samples).map { _ in Float.random(in: 0.01...10, using: &generator) }
            let bits = code.layout(samples: samples).messageBits(rate: rate)
            XCTAssertGreaterThan(bits, 0)
            let message = random(bits, &generator)
            let stego = try code.embed(cover: cover, costs: costs, message: message)
            XCTAssertEqual(try code.extract(stego: stego, messageBits: bits), message, "\(samples) samples, rate \(rate), h \(height)")
            XCTAssertNotEqual(try code.extract(stego: cover, messageBits: bits), message)
        }
    }

    /// The trellis pass built for each instruction set this CPU has (the baseline, AVX2, AVX-512)
    /// makes the same decisions and ends at the same costs, infinite costs and ties included.
    func testEveryInstructionSetGivesTheSamePass() throws {
        var generator = SeededGenerator(seed: 11)
        let (height, length, bits) = (7, 300, 30)
        let starts = SyndromeTrellisCode.blockStarts(length: length, bits: bits).map(Int64.init)
        let columns = try SyndromeTrellisCode(height: height).submatrix(width: length / bits).map(Int64.init)
        // As the code calls it: the cover bit's side costs 0, the other the flip, from a few values
        // so that paths tie, some infinite.
        var zero = [Float](repeating: 0, count: length * 16), one = zero
        for i in 0..<length * 16 {
            let flip: Float = generator.next() % 9 == 0 ? .infinity : Float(generator.next() % 4)
            if generator.next() & 1 == 0 { one[i] = flip } else { zero[i] = flip }
        }
        let wanted = random(bits * 16, &generator)
        var results: [(decisions: [UInt16], final: [Float])] = []
        for variant: Int32 in 0...2 {
            var decisions = [UInt16](repeating: 0, count: length << height), final = [Float](repeating: 0, count: 16 << height)
            let result = stego_trellis_forward_variant(variant, Int32(height), Int32(length), Int32(bits), starts, columns,
                                                       zero, one, wanted, &decisions, &final)
            if result == -2 { continue }
            XCTAssertEqual(result, 0)
            results.append((decisions, final))
        }
        print("trellis variants run on this CPU: \(results.count)")
        XCTAssertTrue(results[0].final.contains { $0.isFinite } && results[0].decisions.contains { $0 != 0 })
        for other in results.dropFirst() {
            XCTAssertEqual(other.decisions, results[0].decisions)
            XCTAssertEqual(other.final, results[0].final)
        }
    }

    /// Segments may be 8192 samples long at every height, so they are never shorter than 4096 where
    /// the cover has them: the first layout let h >= 12 cut them down to 512, where their dear first
    /// rows cost more than the larger h gained. Up to h = 11 the two layouts are the same.
    func testSegmentsStayLongAtEveryHeight() throws {
        for height in SyndromeTrellisCode.heights {
            for samples in [1000, 16 * 8192, 3 * 1024 * 1024 + 5] {
                let layout = try SyndromeTrellisCode(height: height).layout(samples: samples)
                let first = try SyndromeTrellisCode(height: height, segmentLimit: SyndromeTrellisCode.firstSegmentLimit).layout(samples: samples)
                XCTAssertGreaterThanOrEqual(layout.length, min(4096, samples / 16), "h \(height), \(samples) samples")
                XCTAssertLessThanOrEqual(layout.length, max(8192, (1 << 24) >> height))
                XCTAssertLessThanOrEqual(layout.segments * layout.length, samples)
                if height <= 11 { XCTAssertEqual(layout, first, "h \(height), \(samples) samples") }
            }
        }
        XCTAssertEqual(try SyndromeTrellisCode(height: 14, segmentLimit: SyndromeTrellisCode.firstSegmentLimit).layout(samples: 3 * 1024 * 1024).length, 1024)
        XCTAssertEqual(try SyndromeTrellisCode(height: 14).layout(samples: 3 * 1024 * 1024).length, 8192)
    }

    /// The Viterbi search finds the cheapest of all stego vectors with the message's syndrome:
    /// compared with trying every one of the 2^12 vectors of a 12-sample segment.
    func testEmbeddingIsTheCheapestSolutionByExhaustiveSearch() throws {
        var generator = SeededGenerator(seed: 3)
        let code = try SyndromeTrellisCode(height: 3)
        let layout = code.layout(samples: 16 * 12)
        XCTAssertEqual(layout.length, 12)
        let cover = random(16 * 12, &generator)
        let costs = (0..<16 * 12).map { _ in Float.random(in: 0.1...5, using: &generator) }
        let message = random(16 * 4, &generator)
        let stego = try code.embed(cover: cover, costs: costs, message: message)
        for segment in 0..<16 {
            let range = segment * 12..<(segment + 1) * 12
            func cost(_ y: [UInt8]) -> Float { zip(zip(y, cover[range]), costs[range]).reduce(0) { $0 + ($1.0.0 != $1.0.1 ? $1.1 : 0) } }
            var best = Float.infinity
            for pattern in 0..<(1 << 12) {
                let y = (0..<12).map { UInt8(pattern >> $0 & 1) }
                // The segment's syndrome alone: extract it from a vector that is the cover elsewhere.
                var whole = stego
                whole.replaceSubrange(range, with: y)
                let syndrome = try code.extract(stego: whole, messageBits: message.count)
                if Array(syndrome[segment * 4..<(segment + 1) * 4]) == Array(message[segment * 4..<(segment + 1) * 4]) {
                    best = min(best, cost(y))
                }
            }
            XCTAssertEqual(cost(Array(stego[range])), best, accuracy: 1e-4, "segment \(segment)")
        }
    }

    func testSamplesOfInfiniteCostNeverChange() throws {
        var generator = SeededGenerator(seed: 5)
        let code = try SyndromeTrellisCode(height: 7)
        let cover = random(16_000, &generator)
        let costs = (0..<16_000).map { i in i % 3 == 0 ? Float.infinity : Float.random(in: 1...2, using: &generator) }
        let message = random(code.layout(samples: 16_000).messageBits(rate: 0.3), &generator)
        let stego = try code.embed(cover: cover, costs: costs, message: message)
        XCTAssertEqual(try code.extract(stego: stego, messageBits: message.count), message)
        for i in stride(from: 0, to: 16_000, by: 3) { XCTAssertEqual(stego[i], cover[i]) }
        let allWet = [Float](repeating: .infinity, count: 16_000)
        XCTAssertThrowsError(try code.embed(cover: cover, costs: allWet, message: message))
    }

    func testMessageLengthsThatDoNotFitTheLayoutAreRefused() throws {
        let code = try SyndromeTrellisCode(height: 5)
        XCTAssertThrowsError(try code.extract(stego: [UInt8](repeating: 0, count: 1600), messageBits: 17))
        XCTAssertThrowsError(try code.extract(stego: [UInt8](repeating: 0, count: 1600), messageBits: 16 * 101))
        XCTAssertThrowsError(try code.extract(stego: [UInt8](repeating: 0, count: 8), messageBits: 16))
        XCTAssertThrowsError(try SyndromeTrellisCode(height: 1))
        XCTAssertThrowsError(try SyndromeTrellisCode(height: 15))
    }
}

final class SyndromeTrellisCodeDistortionTests: XCTestCase {
    /// On HILL's costs of a photo in a random order (as the key orders them), the code's cost at
    /// rate 0.1 against the rate-distortion bound: measured 1.14 at h=10 on 1024x1024 photos (docs/secrecy.md).
    func testDistortionStaysNearTheBoundAndFallsWithHeight() throws {
        let photo = try PNGCodec.decode(Fixtures.bytes("photos/kphotoalbum_bar55.png"), name: "photo").cropped(x: 64, y: 64, size: ImageSize(width: 128, height: 128))
        var generator = SeededGenerator(seed: 11)
        let order = Array(0..<photo.pixels.count).shuffled(using: &generator)
        let hill = HILLCost.costs(photo)
        let (cover, costs) = (order.map { photo.pixels[$0] & 1 }, order.map { hill[$0] })
        var (ratios, losses): ([Double], [Double]) = ([], [])
        for height in [7, 10] {
            let code = try SyndromeTrellisCode(height: height)
            let bits = code.layout(samples: cover.count).messageBits(rate: 0.1)
            let message = (0..<bits).map { _ in UInt8(generator.next() & 1) }
            let stego = try code.embed(cover: cover, costs: costs, message: message)
            let distortion = zip(zip(cover, stego), costs).reduce(0.0) { $0 + ($1.0.0 != $1.0.1 ? Double($1.1) : 0) }
            ratios.append(distortion / distortionBound(costs: costs, messageBits: bits))
            losses.append(1 - Double(bits) / payloadBound(costs: costs, distortion: distortion))
        }
        XCTAssertGreaterThan(ratios[1], 1)
        XCTAssertLessThan(ratios[1], 1.17)
        XCTAssertLessThan(ratios[1], ratios[0])
        // The STC paper's coding loss (the payload lost at the same cost) is the smaller figure.
        XCTAssertGreaterThan(losses[1], 0)
        XCTAssertLessThan(losses[1], ratios[1] - 1)
        XCTAssertLessThan(losses[1], losses[0])
    }

    func testBoundOfEqualCostsIsTheBinaryEntropyBound() {
        // h(p) = 0.1 at p = 0.0129869: 1000 samples of cost 2 carrying 100 bits.
        let costs = [Float](repeating: 2, count: 1000)
        XCTAssertEqual(distortionBound(costs: costs, messageBits: 100), 2 * 12.9869, accuracy: 0.01)
        XCTAssertEqual(payloadBound(costs: costs, distortion: 2 * 12.9869), 100, accuracy: 0.01)
    }

    /// The payload bound inverts the distortion bound on unequal costs, wet samples among them.
    func testPayloadBoundInvertsTheDistortionBound() {
        var generator = SeededGenerator(seed: 5)
        let costs = (0..<5000).map { i in i % 17 == 0 ? Float.infinity : Float(exp(Double.random(in: 0...6, using: &generator))) }
        for bits in [50, 500, 2000] {
            XCTAssertEqual(payloadBound(costs: costs, distortion: distortionBound(costs: costs, messageBits: bits)), Double(bits), accuracy: 1e-3 * Double(bits))
        }
    }
}
