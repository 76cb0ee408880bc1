import XCTest
@testable import StegoKit

final class SyndromeTrellisCodeTests: XCTestCase {
    func random(_ count: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8(generator.next() & 1) }
    }

    func testRandomMessagesComeBackExactlyForManySizesRatesAndHeights() throws {
        var generator = SeededGenerator(seed: 7)
        for (samples, rate, height) in [(16 * 40, 0.5, 2), (1000, 0.05, 4), (5000, 0.25, 7), (12_345, 0.1, 10), (20_000, 0.4, 10),
                                        (9999, 0.02, 8), (40_000, 0.1, 12), (3000, 1.0, 6), (70_001, 0.2, 3)] {
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
