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

    /// Crafted checkpoints found by probing: each is a one-line error, never a crash.
    func testCraftedCheckpointsAreRefused() throws {
        func file(header: String, data: [UInt8] = []) -> [UInt8] {
            let h = Array(header.utf8)
            return withUnsafeBytes(of: UInt64(h.count).littleEndian, Array.init) + h + data
        }
        let overflow = file(header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
        XCTAssertThrowsError(try SafeTensors.decode(overflow)) { XCTAssertTrue("\($0)".contains("too large"), "\($0)") }

        let network = HidingNetwork(config: .preset("tiny", dualLatent: true)!)
        var checkpoint = network.checkpoint()
        for (key, value) in [("blocks", "0"), ("blocks", "-1"), ("growth", "100000"), ("clamp", "nan")] {
            var meta = checkpoint.metadata
            meta[key] = value
            XCTAssertThrowsError(try HidingNetwork(checkpoint: SafeTensors(tensors: checkpoint.tensors, metadata: meta), source: "m",
                                                   expectedDualLatent: true), "\(key) \(value)") {
                XCTAssertTrue(($0 as? StegoError)?.isBadInput == true)
            }
        }
        let name = network.parameters[0].name
        checkpoint.tensors[name]!.values[0] = .nan
        XCTAssertThrowsError(try HidingNetwork(checkpoint: checkpoint, source: "m", expectedDualLatent: true)) {
            XCTAssertTrue("\($0)".contains("not finite"), "\($0)")
        }
    }
}
