import XCTest
@testable import StegoKit

final class CompiledHidingNetworkTests: XCTestCase {
    /// A network with every parameter random (conv5 too, so no block is the identity).
    private func randomNetwork(dualLatent: Bool, blocks: Int, seed: UInt64) -> HidingNetwork {
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: dualLatent, blocks: blocks, growth: 16))
        var rng = SeededGenerator(seed: seed)
        for p in network.parameters { p.initNormal(scale: 0.05, using: &rng) }
        return network
    }

    /// The compiled passes give the network's own hide and reveal, for both layouts oneDNN may
    /// prefer, with padded branches (HiNet's 12 channels) and several images per batch.
    func testCompiledPassesMatchTheNetwork() throws {
        guard BlockedTensor.preferredBlock != nil else { throw XCTSkip("oneDNN prefers no blocked layout on this CPU") }
        for block in [8, 16] {
            for dualLatent in [true, false] {
                let network = randomNetwork(dualLatent: dualLatent, blocks: 2, seed: 11)
                let compiled = try XCTUnwrap(CompiledHidingNetwork(network, block: block))
                let shape = TensorShape(2, 3, 20, 26)
                let cover = randomTensor(shape, seed: 1, range: 0...1), secret = randomTensor(shape, seed: 2, range: 0...1)
                let latent = dualLatent ? randomTensor(shape.with(c: 2), seed: 3) : nil
                let coverBranch = Gradients.withoutRecording { network.hide(cover: cover, secret: secret, latent: latent) }
                let stego = HidingNetwork.stegoImage(coverBranch: coverBranch)
                let hideError = relativeError(compiled.hide(cover: cover, secret: secret, latent: latent).storage.array, stego.storage.array)

                var rng = SeededGenerator(seed: 4)
                let z = network.gaussianLatent(for: shape, using: &rng)
                let revealed = Gradients.withoutRecording { network.reveal(stego: stego, z: z) }
                let revealError = relativeError(compiled.reveal(stego: stego, z: z).storage.array, revealed.storage.array)
                print("compiled \(dualLatent ? "dlv-hinet" : "hinet"), blocks of \(block): hide relative error \(hideError), reveal \(revealError)")
                XCTAssertLessThan(hideError, 1e-5)
                XCTAssertLessThan(revealError, 1e-5)
            }
        }
    }

    /// At a size where oneDNN runs its Winograd kernel for 4x4 output tiles (on AVX-512), the
    /// compiled passes still give the network's own results, as do the direct-only ones.
    func testWinogradAndDirectPassesMatchTheNetwork() throws {
        guard let block = BlockedTensor.preferredBlock else { throw XCTSkip("oneDNN prefers no blocked layout on this CPU") }
        let network = randomNetwork(dualLatent: true, blocks: 1, seed: 12)
        let shape = TensorShape(1, 3, 512, 256)
        let cover = randomTensor(shape, seed: 5, range: 0...1), secret = randomTensor(shape, seed: 6, range: 0...1)
        let latent = randomTensor(shape.with(c: 2), seed: 7)
        let stego = HidingNetwork.stegoImage(coverBranch: Gradients.withoutRecording { network.hide(cover: cover, secret: secret, latent: latent) })
        let z = network.zeroLatent(for: shape)
        let revealed = Gradients.withoutRecording { network.reveal(stego: stego, z: z) }
        for winograd in [true, false] {
            let compiled = try XCTUnwrap(CompiledHidingNetwork(network, block: block, winograd: winograd))
            let hideError = relativeError(compiled.hide(cover: cover, secret: secret, latent: latent).storage.array, stego.storage.array)
            let revealError = relativeError(compiled.reveal(stego: stego, z: z).storage.array, revealed.storage.array)
            print("winograd \(winograd): hide relative error \(hideError), reveal \(revealError); \(compiled.implementations(h: 256, w: 128))")
            XCTAssertLessThan(hideError, 1e-5)
            XCTAssertLessThan(revealError, 1e-5)
            if !winograd { XCTAssertFalse(compiled.implementations(h: 256, w: 128).contains { $0.contains("wino") }) }
        }
    }

    /// A growth rate that is not a whole number of channel groups cannot be compiled.
    /// Images of many sizes, as `eval` runs them, keep at most four plans per convolution, and all
    /// convolutions share one scratch buffer (each kept its own before: 3.2 GB for one 512x512
    /// hide, and `eval` on 47 photos of different sizes ran out of 24 GB); a size run again after
    /// its plan was dropped gives the same result.
    func testManySizesKeepFewPlansAndOneScratchpad() throws {
        guard let block = BlockedTensor.preferredBlock else { throw XCTSkip("oneDNN prefers no blocked layout on this CPU") }
        let network = randomNetwork(dualLatent: true, blocks: 1, seed: 13)
        let compiled = try XCTUnwrap(CompiledHidingNetwork(network, block: block))
        func hideAndReveal(side: Int) -> [Float] {
            let shape = TensorShape(1, 3, side, side)
            let stego = compiled.hide(cover: randomTensor(shape, seed: 8, range: 0...1), secret: randomTensor(shape, seed: 9, range: 0...1),
                                      latent: randomTensor(shape.with(c: 2), seed: 10))
            return stego.storage.array + compiled.reveal(stego: stego, z: network.zeroLatent(for: shape)).storage.array
        }
        let first = hideAndReveal(side: 64)
        for side in stride(from: 16, through: 56, by: 8) { _ = hideAndReveal(side: side) }
        XCTAssertEqual(hideAndReveal(side: 64), first)
        XCTAssertEqual(Set(compiled.convolutions.map(\.keptPlans)), [4])
        XCTAssertEqual(Set(compiled.convolutions.map { ObjectIdentifier($0.scratchpad) }).count, 1)
    }

    func testGrowthMustFillWholeGroups() {
        let network = HidingNetwork(config: HidingNetworkConfig(dualLatent: true, blocks: 1, growth: 8))
        XCTAssertNil(CompiledHidingNetwork(network, block: 16))
    }
}
