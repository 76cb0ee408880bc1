import XCTest
@testable import StegoKit

/// The Baluja pair's concealing and revealing CNNs: the residual stego and the gradients of both.
final class BalujaNetworkTests: XCTestCase {
    func makeNetwork() -> BalujaNetwork {
        let network = BalujaNetwork(config: BalujaNetwork.Config(width: 2, prepLayers: 1, hideLayers: 1, revealLayers: 1))
        var rng = SeededGenerator(seed: 41)
        for p in network.parameters { p.initNormal(scale: 0.3, using: &rng) }
        return network
    }

    func testConcealedStegoIsCoverPlusResidual() {
        let network = makeNetwork()
        network.hideOut.weight.value.fill(0)
        network.hideOut.bias.value.fill(0)
        let cover = randomTensor(TensorShape(1, 3, 6, 5), seed: 42, range: 0...1)
        let stego = Gradients.withoutRecording { network.conceal(cover: cover, secret: randomTensor(cover.shape, seed: 43)) }
        XCTAssertEqual(stego.storage.array, cover.storage.array)
    }

    func testConcealGradients() {
        let network = makeNetwork()
        let cover = randomTensor(TensorShape(1, 3, 5, 6), seed: 44, range: 0...1)
        let secret = randomTensor(cover.shape, seed: 45, range: 0...1)
        let g = randomTensor(cover.shape, seed: 46)
        _ = network.conceal(cover: cover, secret: secret)
        network.concealBackward(g)
        let loss = { Gradients.withoutRecording { dot(g, network.conceal(cover: cover, secret: secret)) } }
        for p in [network.prep[0].convs[2].weight, network.hide[0].convs[1].weight, network.hideOut.weight] {
            checkGradient("conceal \(p.name)", buffer: p.value.pointer, count: p.count, analytic: p.grad.array,
                          epsilon: 1e-3, loss: loss)
        }
    }

    func testRevealGradients() {
        let network = makeNetwork()
        let stego = randomTensor(TensorShape(1, 3, 5, 6), seed: 47, range: 0...1)
        let g = randomTensor(stego.shape, seed: 48)
        _ = network.revealSecret(stego)
        let dStego = network.revealBackward(g)
        let loss = { Gradients.withoutRecording { dot(g, network.revealSecret(stego)) } }
        checkGradient("reveal input", buffer: stego.data, count: stego.count, analytic: dStego.storage.array,
                      epsilon: 1e-3, loss: loss)
        let w = network.revealOut.weight
        checkGradient("reveal out weight", buffer: w.value.pointer, count: w.count, analytic: w.grad.array,
                      epsilon: 1e-3, loss: loss)
    }
}
