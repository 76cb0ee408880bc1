import CSodium
import XCTest
@testable import StegoKit

final class SampleOrderTests: XCTestCase {
    let seed = (0..<32).map { UInt8($0 * 7 + 1) }

    /// The stream from an offset is the same bytes as libsodium's whole deterministic stream there,
    /// so that the sample order of every stego image made before it was read in pieces is kept.
    func testStreamPiecesAreLibsodiumsDeterministicStream() throws {
        try Sodium.ready()
        var whole = [UInt8](repeating: 0, count: 5_000)
        randombytes_buf_deterministic(&whole, whole.count, seed)
        XCTAssertEqual(Sodium.stream(whole.count, seed: seed), whole)
        XCTAssertEqual(Sodium.stream(1_000, seed: seed, offset: 3_968), Array(whole[3_968..<4_968]))
        XCTAssertEqual(Sodium.stream(100, seed: seed, offset: 64), Array(whole[64..<164]))
        XCTAssertEqual(Sodium.stream(0, seed: seed, offset: 128), [])
    }

    /// The shuffle, made a chunk of words at a time, is the Fisher-Yates shuffle of the whole stream
    /// (written out here the plain way), across several chunks; every usable sample but the header's
    /// comes once.
    func testFrameOrderIsTheShuffleOfTheWholeStream() throws {
        let count = 150_001
        let usable = (0..<count).map { $0 % 11 != 3 }
        let header = try SampleOrder.header(usable: usable, chosen: 500)
        let frame = SampleOrder.frame(usable: usable, excluding: header, key: seed)

        let inHeader = Set(header.map(Int.init))
        var expected = (0..<count).filter { usable[$0] && !inHeader.contains($0) }
        let bytes = Sodium.stream(expected.count * 8, seed: seed)
        for i in stride(from: expected.count - 1, to: 0, by: -1) {
            let word = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[i * 8 + $1]) << (8 * $1) }
            expected.swapAt(i, Int(word.multipliedFullWidth(by: UInt64(i + 1)).high))
        }
        XCTAssertEqual(frame.map(Int.init), expected)
        XCTAssertEqual(Set(frame).count, frame.count)
    }
}
