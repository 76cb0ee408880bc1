import XCTest
@testable import StegoKit

final class WeightAveragingTests: XCTestCase {
    /// A checkpoint of the tiny `method` network with Gaussian weights drawn from `seed`.
    static func checkpoint(_ method: MethodName, seed: UInt64, step: Int, revealLatent: String = "zero") -> SafeTensors {
        let spec = NetworkSpec.preset("tiny", method: method)!
        let parameters = spec.make().parameters
        var rng = SeededGenerator(seed: seed)
        for p in parameters { p.initNormal(scale: 0.1, using: &rng) }
        return SafeTensors(tensors: Checkpoint.tensors(of: parameters),
                           metadata: spec.metadata.merging(["step": "\(step)", "reveal_latent": revealLatent]) { $1 })
    }

    func testMeanOfEveryTensorAndTheNetworksMetadata() throws {
        let a = Self.checkpoint(.hinet, seed: 1, step: 100), b = Self.checkpoint(.hinet, seed: 2, step: 200)
        let c = Self.checkpoint(.hinet, seed: 3, step: 300)
        let mean = try WeightAveraging.average([("a", a), ("b", b), ("c", c)])
        XCTAssertEqual(Set(mean.tensors.keys), Set(a.tensors.keys))
        var largest: Float = 0
        for (name, entry) in mean.tensors {
            XCTAssertEqual(entry.shape, a.tensors[name]!.shape)
            for i in entry.values.indices {
                let expected = (a.tensors[name]!.values[i] + b.tensors[name]!.values[i] + c.tensors[name]!.values[i]) / 3
                largest = max(largest, abs(entry.values[i] - expected))
            }
        }
        XCTAssertLessThan(largest, 1e-6)
        XCTAssertNotEqual(mean.tensors, a.tensors)
        XCTAssertEqual(mean.metadata["averaged_steps"], "100,200,300")
        XCTAssertEqual(mean.metadata["reveal_latent"], "zero")
        XCTAssertNil(mean.metadata["step"], "an average is not a point to resume from")
        XCTAssertEqual(try NetworkSpec(metadata: mean.metadata), NetworkSpec.preset("tiny", method: .hinet))
        let network = NetworkSpec.preset("tiny", method: .hinet)!.make()
        XCTAssertNoThrow(try Checkpoint.load(mean, into: network.parameters, source: "mean"))
    }

    func testRefusesCheckpointsOfDifferentNetworks() {
        let hinet = Self.checkpoint(.hinet, seed: 1, step: 1)
        func refusal(_ other: SafeTensors) -> String {
            do {
                _ = try WeightAveraging.average([("first", hinet), ("second", other)])
                return "averaged"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(refusal(Self.checkpoint(.dlvHinet, seed: 2, step: 2)).contains("second: another network than first"))
        XCTAssertTrue(refusal(Self.checkpoint(.hinet, seed: 2, step: 2, revealLatent: "gaussian")).contains("another network"))
        var reshaped = Self.checkpoint(.hinet, seed: 2, step: 2)
        let name = reshaped.tensors.keys.sorted()[0], entry = reshaped.tensors[name]!
        reshaped.tensors[name] = SafeTensors.Entry(shape: [1] + entry.shape, values: entry.values)
        XCTAssertTrue(refusal(reshaped).contains("second: \(name) has shape"))
        var missing = Self.checkpoint(.hinet, seed: 2, step: 2)
        missing.tensors[name] = nil
        XCTAssertTrue(refusal(missing).contains("not those of first"))
        XCTAssertTrue(refusal(SafeTensors(tensors: hinet.tensors, metadata: ["kind": "stego-detector"])).hasPrefix("second: "))
        var diverged = Self.checkpoint(.hinet, seed: 2, step: 2)
        diverged.tensors[name]!.values[0] = .nan
        XCTAssertEqual(refusal(diverged), "second: \(name) holds values that are not finite (NaN or infinity)")
        XCTAssertThrowsError(try WeightAveraging.average([]))
    }
}
