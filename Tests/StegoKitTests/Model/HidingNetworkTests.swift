import XCTest
@testable import StegoKit

final class HidingNetworkTests: XCTestCase {
    /// The whole network (hide, 8-bit rounding with straight-through gradient inside [0, 1], reveal,
    /// loss) against PyTorch (scripts/make_engine_fixtures.py, network_fixture); about half the
    /// fixture's stego values lie outside [0, 1].
    func testDLVNetworkMatchesPyTorch() throws {
        let file = try SafeTensors.read(path: Fixtures.path("engine/dlv_network.safetensors"))
        func tensor(_ name: String) -> Tensor {
            let e = file.tensors[name]!
            return Tensor(TensorShape(e.shape[0], e.shape[1], e.shape[2], e.shape[3]), nchw: e.values)
        }
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 2, growth: 8))
        try Checkpoint.load(file, into: network.parameters, source: "fixture")
        let cover = tensor("cover"), secret = tensor("secret"), w = tensor("w")

        let stego = Gradients.withoutRecording {
            HidingNetwork.stegoImage(coverBranch: network.hide(cover: cover, secret: secret, latent: w))
        }
        let stegoError = relativeError(stego.nchw, file.tensors["stego"]!.values)
        let revealed = Gradients.withoutRecording {
            network.reveal(stego: Quantize8Bit.forward(stego), z: network.zeroLatent(for: stego.shape))
        }
        let revealError = relativeError(revealed.nchw, file.tensors["revealed"]!.values)
        print("dlv network: stego relative error \(stegoError), revealed \(revealError)")
        XCTAssertLessThan(stegoError, 1e-4)
        XCTAssertLessThan(revealError, 1e-4)

        let result = HidingObjective().step(network, cover: cover, secret: secret, latent: w, z: network.zeroLatent(for: cover.shape))
        let loss = file.tensors["loss"]!.values
        XCTAssertEqual(result.total, Double(loss[0]), accuracy: 1e-4 * Double(loss[0]))
        XCTAssertEqual(result.reconstruction, Double(loss[1]), accuracy: 1e-4 * Double(loss[1]))
        XCTAssertEqual(result.guide, Double(loss[2]), accuracy: 1e-4 * Double(loss[2]) + 1e-9)
        XCTAssertEqual(result.lowFrequency, Double(loss[3]), accuracy: 1e-4 * Double(loss[3]) + 1e-9)
        var worst = 0.0
        for p in network.parameters {
            worst = max(worst, relativeError(p.grad.array, file.tensors[p.name + ".grad"]!.values))
        }
        print("dlv network: worst parameter-gradient relative error \(worst)")
        XCTAssertLessThan(worst, 1e-4)
    }

    /// Without rounding and with the true lost channels, reveal inverts hide exactly.
    func testNetworkIsInvertible() {
        var rng = SeededGenerator(seed: 41)
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 3, growth: 8))
        for p in network.parameters { p.initNormal(scale: 0.05, using: &rng) }
        let a = randomTensor(TensorShape(1, 16, 6, 6), seed: 42), b = randomTensor(TensorShape(1, 16, 6, 6), seed: 43)
        Gradients.withoutRecording {
            var (x, y) = (a, b)
            for block in network.blocks { (x, y) = block.forward(x, y) }
            XCTAssertGreaterThan(relativeError(x.storage.array, a.storage.array), 1e-2)
            for block in network.blocks.reversed() { (x, y) = block.inverse(x, y) }
            let error = max(maxAbsDifference(x, a), maxAbsDifference(y, b))
            print("network inverse(forward(x)) max error \(error)")
            XCTAssertLessThan(error, 1e-5)
        }
    }

    /// reveal's backward (through every block's inverse) against finite differences.
    func testRevealBackwardMatchesFiniteDifferences() {
        var rng = SeededGenerator(seed: 44)
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: false, blocks: 2, growth: 4))
        for p in network.parameters { p.initNormal(scale: 0.1, using: &rng) }
        let stego = randomTensor(TensorShape(1, 3, 4, 6), seed: 45, range: 0...1)
        let z = network.gaussianLatent(for: stego.shape, using: &rng)
        let g = randomTensor(stego.shape, seed: 46)
        _ = network.reveal(stego: stego, z: z)
        let grad = network.revealBackward(g)
        checkGradient("reveal stego", buffer: stego.data, count: stego.count, analytic: grad.storage.array, epsilon: 1e-3) {
            Gradients.withoutRecording { dot(g, network.reveal(stego: stego, z: z)) }
        }
        let w = network.blocks[1].eta.convs[2].weight
        checkGradient("reveal eta weight", buffer: w.value.pointer, count: w.count, analytic: w.grad.array, epsilon: 1e-3) {
            Gradients.withoutRecording { dot(g, network.reveal(stego: stego, z: z)) }
        }
    }

    /// The threaded fill for SeededGenerator draws exactly the generic (sequential) samples and
    /// leaves the generator where the sequential fill would.
    func testThreadedGaussianFillDrawsTheSequentialSamples() {
        func sequential(_ t: Tensor, _ rng: inout some RandomNumberGenerator) { fillGaussian(t, using: &rng) }
        let (threaded, expected) = (Tensor(TensorShape(1, 3, 300, 401)), Tensor(TensorShape(1, 3, 300, 401)))
        var (a, b) = (SeededGenerator(seed: 21), SeededGenerator(seed: 21))
        fillGaussian(threaded, using: &a)
        sequential(expected, &b)
        XCTAssertEqual(threaded.storage.array, expected.storage.array)
        XCTAssertEqual(a.next(), b.next())
    }

    /// A window of the Gaussian stand-ins, drawn on its own, is the same window of the
    /// stand-ins drawn for the whole image (what lets reveal draw them tile by tile).
    func testGaussianLatentWindowIsTheWholeLatentsWindow() {
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 1, growth: 4))
        let size = ImageSize(width: 38, height: 26), window = (x: 10, y: 6, width: 18, height: 14)
        var rng = SeededGenerator(seed: 31)
        let whole = network.gaussianLatent(for: TensorShape(1, 3, size.height, size.width), using: &rng)
        let part = network.gaussianLatent(window: window, fullSize: size, origin: SeededGenerator(seed: 31))
        for (w, p) in [(whole.cover!, part.cover!), (whole.secret, part.secret)] {
            XCTAssertEqual(p.shape, TensorShape(1, w.shape.c, window.height / 2, window.width / 2))
            for y in 0..<p.shape.h { for x in 0..<p.shape.w { for c in 0..<p.shape.c {
                XCTAssertEqual(p[0, c, y, x], w[0, c, window.y / 2 + y, window.x / 2 + x])
            } } }
        }
    }
}
