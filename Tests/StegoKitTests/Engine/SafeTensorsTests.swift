import XCTest
@testable import StegoKit

final class SafeTensorsTests: XCTestCase {
    let sample = SafeTensors(tensors: ["inv1.f.conv1.weight": .init(shape: [2, 1, 1, 3], values: [1, -2, 0.5, 3.25, 0, -0.125]),
                                       "scalarish": .init(shape: [1], values: [42])],
                             metadata: ["method": "dlv-hinet", "blocks": "16"])

    func testRoundTripFloat32AndFloat16() throws {
        for dtype in [SafeTensors.DType.f32, .f16] {
            let decoded = try SafeTensors.decode(sample.encode(dtype: dtype))
            XCTAssertEqual(decoded.tensors, sample.tensors, "\(dtype)")  // these values are exact in float16
            XCTAssertEqual(decoded.metadata, sample.metadata)
        }
    }

    /// The fixtures were written by the reference implementation (safetensors.torch.save_file).
    func testReadsReferenceWriterOutput() throws {
        let file = try SafeTensors.read(path: Fixtures.path("engine/conv3x3.safetensors"))
        XCTAssertEqual(file.tensors["weight"]?.shape, [7, 5, 3, 3])
        XCTAssertEqual(file.metadata["kernel"], "3,3")
    }

    func testMalformedFilesAreClearErrors() throws {
        let good = try sample.encode()
        var badOffsets = good
        // Corrupt the header length so that it points past the end of the file.
        badOffsets[0] = 0xFF
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "shorter"),
            ("truncated", Array(good.prefix(good.count - 3)), "truncated"),
            ("header past end", badOffsets, "exceeds"),
            ("not json", [4, 0, 0, 0, 0, 0, 0, 0] + Array("abcd".utf8), "JSON"),
        ]
        for (label, bytes, mention) in cases {
            XCTAssertThrowsError(try SafeTensors.decode(bytes), label) { error in
                XCTAssertTrue("\(error)".contains(mention), "\(label): \(error)")
                XCTAssertTrue((error as? StegoError)?.isBadInput ?? false, label)
            }
        }
    }
}
