import XCTest
@testable import StegoKit

/// Every op's backward against central finite differences on random inputs.
final class GradientCheckTests: XCTestCase {
    let shape = TensorShape(2, 3, 4, 6)

    /// For ops of one input: x -> f(x), backward(g) -> dx.
    func checkUnary(_ label: String, x: Tensor, forward: (Tensor) -> Tensor, backward: (Tensor, Tensor) -> Tensor) {
        let g = randomTensor(forward(x).shape, seed: 99)
        let dx = backward(g, x)
        checkGradient(label, buffer: x.data, count: x.count, analytic: dx.storage.array) { dot(g, forward(x)) }
    }

    func testLeakyReLU() {
        let x = randomTensor(shape, seed: 1, awayFromZero: 0.05)
        checkUnary("leaky relu", x: x, forward: { LeakyReLU.forward($0, slope: 0.01) }) { g, x in
            LeakyReLU.backward(g, y: LeakyReLU.forward(x, slope: 0.01), slope: 0.01)
        }
        checkUnary("relu", x: x, forward: { LeakyReLU.forward($0, slope: 0) }) { g, x in
            LeakyReLU.backward(g, y: x, slope: 0)
        }
    }

    func testSigmoidAndExp() {
        let x = randomTensor(shape, seed: 2, range: -3...3)
        checkUnary("sigmoid", x: x, forward: Sigmoid.forward) { g, x in Sigmoid.backward(g, y: Sigmoid.forward(x)) }
        checkUnary("exp", x: x, forward: Exp.forward) { g, x in Exp.backward(g, y: Exp.forward(x)) }
    }

    func testClamp() {
        let x = randomTensor(shape, seed: 3, range: -2...2)
        for i in 0..<x.count where abs(abs(x.data[i]) - 1) < 0.05 { x.data[i] *= 0.8 }  // away from the kinks
        checkUnary("clamp", x: x, forward: { Clamp.forward($0, lo: -1, hi: 1) }) { g, x in
            Clamp.backward(g, x: x, lo: -1, hi: 1)
        }
    }

    func testMultiplyAndDivide() {
        let a = randomTensor(shape, seed: 4), b = randomTensor(shape, seed: 5, range: 0.5...2)
        let g = randomTensor(shape, seed: 6)
        let (da, db) = Arithmetic.multiplyBackward(g, a: a, b: b)
        checkGradient("multiply a", buffer: a.data, count: a.count, analytic: da.storage.array) { dot(g, Arithmetic.multiply(a, b)) }
        checkGradient("multiply b", buffer: b.data, count: b.count, analytic: db.storage.array) { dot(g, Arithmetic.multiply(a, b)) }
        let (qa, qb) = Arithmetic.divideBackward(g, a: a, b: b)
        checkGradient("divide a", buffer: a.data, count: a.count, analytic: qa.storage.array) { dot(g, Arithmetic.divide(a, b)) }
        checkGradient("divide b", buffer: b.data, count: b.count, analytic: qb.storage.array) { dot(g, Arithmetic.divide(a, b)) }
    }

    func testHaarWaveletBothWays() {
        checkUnary("haar forward", x: randomTensor(shape, seed: 7), forward: HaarWavelet.forward) { g, _ in HaarWavelet.inverse(g) }
        checkUnary("haar inverse", x: randomTensor(TensorShape(2, 8, 3, 5), seed: 8), forward: HaarWavelet.inverse) { g, _ in
            HaarWavelet.forward(g)
        }
    }

    func testChannelConcatAndSplit() {
        let a = randomTensor(shape, seed: 9), b = randomTensor(shape.with(c: 5), seed: 10)
        let g = randomTensor(shape.with(c: 8), seed: 11)
        let grads = ChannelConcat.backward(g, widths: [3, 5])
        checkGradient("concat a", buffer: a.data, count: a.count, analytic: grads[0].storage.array) { dot(g, ChannelConcat.forward([a, b])) }
        checkGradient("concat b", buffer: b.data, count: b.count, analytic: grads[1].storage.array) { dot(g, ChannelConcat.forward([a, b])) }
    }

    func testLosses() {
        let a = randomTensor(shape, seed: 12), b = randomTensor(shape, seed: 13)
        for (label, loss) in [("sum of squares", Loss.sumOfSquares), ("mse", Loss.meanSquaredError), ("l1", Loss.meanAbsoluteError)] {
            let grad = loss(a, b).grad
            checkGradient(label, buffer: a.data, count: a.count, analytic: grad.storage.array, epsilon: 1e-3) { loss(a, b).value }
        }
        let rgb = (randomTensor(shape.with(c: 3), seed: 15), randomTensor(shape.with(c: 3), seed: 16))
        checkGradient("luma sum of squares", buffer: rgb.0.data, count: rgb.0.count,
                      analytic: Loss.lumaSumOfSquares(rgb.0, rgb.1).grad.storage.array, epsilon: 1e-3) { Loss.lumaSumOfSquares(rgb.0, rgb.1).value }
    }

    func testChromaHighPassLossGradient() {
        let rgb = (randomTensor(TensorShape(2, 3, 5, 6), seed: 18), randomTensor(TensorShape(2, 3, 5, 6), seed: 19))
        checkGradient("chroma high-pass sum of squares", buffer: rgb.0.data, count: rgb.0.count,
                      analytic: Loss.chromaHighPassSumOfSquares(rgb.0, rgb.1).grad.storage.array, epsilon: 1e-3) {
            Loss.chromaHighPassSumOfSquares(rgb.0, rgb.1).value
        }
    }

    /// Known answers: an error of equal R, G and B (grey), or a linear ramp in colour, costs
    /// nothing; a red impulse inside the image costs the kernel's squared norm (2.25) times its
    /// size squared (it shows in R - G only).
    func testChromaHighPassLossKnownAnswers() {
        let a = randomTensor(TensorShape(1, 3, 6, 7), seed: 20)
        let b = a.copy()
        for p in 0..<42 {
            let (row, column) = (Float(p / 7), Float(p % 7))
            for c in 0..<3 { b.data[3 * p + c] += 0.3 * row - 0.1 * column }  // grey, not flat
            b.data[3 * p] += 0.05 * row + 0.02 * column + 0.1                  // a red ramp
        }
        XCTAssertEqual(Loss.chromaHighPassSumOfSquares(a, b).value, 0, accuracy: 1e-9)
        let c = a.copy()
        c.data[3 * (2 * 7 + 3)] += 0.2  // red, row 2, column 3: all 9 residuals it touches are interior
        XCTAssertEqual(Loss.chromaHighPassSumOfSquares(c, a).value, 2.25 * 0.04, accuracy: 1e-6)
    }

    /// The luma loss sees only the luma difference: a change of equal luma costs nothing.
    func testLumaLossIgnoresChroma() {
        let a = randomTensor(TensorShape(1, 3, 2, 2), seed: 17)
        let b = a.copy()
        for p in 0..<4 { b.data[3 * p] += 0.587 * 0.1; b.data[3 * p + 1] -= 0.299 * 0.1 }
        XCTAssertEqual(Loss.lumaSumOfSquares(a, b).value, 0, accuracy: 1e-12)
        b.data[1] += 0.1
        XCTAssertEqual(Loss.lumaSumOfSquares(b, a).value, Double(0.587 * 0.1) * Double(0.587 * 0.1), accuracy: 1e-9)
    }

    /// Straight-through for the rounding: the gradient passes unchanged inside [0, 1], where the
    /// forward is a step function; outside, where the clamp holds the output still, it is 0.
    func testQuantizeIsStraightThroughInsideTheRangeOnly() {
        let x = Tensor(TensorShape(1, 1, 1, 6), nhwc: [-0.2, 0, 0.1, 0.50196, 1, 1.3])
        XCTAssertEqual(Quantize8Bit.forward(x).storage.array, [0, 0, 26 / 255, 128 / 255, 1, 1])
        let g = randomTensor(x.shape, seed: 14), passed = g.storage.array
        XCTAssertEqual(Quantize8Bit.backward(g, x: x).storage.array, [0, passed[1], passed[2], passed[3], passed[4], 0])
    }

    func testConvolutionInputWeightAndBias() {
        let conv = Conv2D(name: "c", inChannels: 3, outChannels: 4, kernelH: 3, kernelW: 2, stride: 2,
                          padding: Padding(top: 1, left: 0, bottom: 2, right: 1))
        var rng = SeededGenerator(seed: 15)
        for p in conv.parameters { p.initNormal(scale: 0.3, using: &rng) }
        let x = randomTensor(TensorShape(2, 3, 7, 6), seed: 16)
        let g = randomTensor(conv.outputShape(x.shape), seed: 17)
        _ = conv.forward(x)
        let dx = conv.backward(g)!
        let loss = { dot(g, conv.forward(x)) }
        checkGradient("conv input", buffer: x.data, count: x.count, analytic: dx.storage.array, loss: loss)
        checkGradient("conv weight", buffer: conv.weight.value.pointer, count: conv.weight.count, analytic: conv.weight.grad.array, loss: loss)
        checkGradient("conv bias", buffer: conv.bias.value.pointer, count: conv.bias.count, analytic: conv.bias.grad.array, loss: loss)
    }

    /// Smaller steps here: a step of 1e-2 can cross a LeakyReLU kink inside the sub-networks.
    func testDenseSubnetAndInvertibleBlock() {
        var rng = SeededGenerator(seed: 18)
        let net = DenseSubnet(name: "s", inChannels: 3, outChannels: 2, growth: 4)
        for p in net.parameters { p.initNormal(scale: 0.2, using: &rng) }
        let x = randomTensor(TensorShape(1, 3, 5, 4), seed: 19)
        let g = randomTensor(TensorShape(1, 2, 5, 4), seed: 20)
        _ = net.forward(x)
        let dx = net.backward(g)
        checkGradient("dense subnet input", buffer: x.data, count: x.count, analytic: dx.storage.array, epsilon: 1e-3) { dot(g, net.forward(x)) }
        let p = net.convs[1].weight
        checkGradient("dense subnet conv2 weight", buffer: p.value.pointer, count: p.count, analytic: p.grad.array, epsilon: 1e-3) { dot(g, net.forward(x)) }

        let block = InvertibleBlock(name: "inv", cover: 3, secret: 2, growth: 4)
        for p in block.parameters { p.initNormal(scale: 0.2, using: &rng) }
        let x1 = randomTensor(TensorShape(1, 3, 4, 4), seed: 21), x2 = randomTensor(TensorShape(1, 2, 4, 4), seed: 22)
        let g1 = randomTensor(x1.shape, seed: 23), g2 = randomTensor(x2.shape, seed: 24)
        _ = block.forward(x1, x2)
        let (d1, d2) = block.backward(g1, g2)
        let loss = { () -> Double in let (y1, y2) = block.forward(x1, x2); return dot(g1, y1) + dot(g2, y2) }
        checkGradient("block x1", buffer: x1.data, count: x1.count, analytic: d1.storage.array, epsilon: 1e-3, loss: loss)
        checkGradient("block x2", buffer: x2.data, count: x2.count, analytic: d2.storage.array, epsilon: 3e-4, loss: loss)
        let w = block.rho.convs[0].weight
        checkGradient("block rho conv1 weight", buffer: w.value.pointer, count: w.count, analytic: w.grad.array, epsilon: 1e-3, loss: loss)
    }
}

extension GradientCheckTests {
    /// Baluja's three-kernel layer (ReLU after each branch, the 4x4 branch padded asymmetrically).
    func testMultiKernelLayer() {
        var rng = SeededGenerator(seed: 25)
        let layer = MultiKernelLayer(name: "m", inChannels: 3, width: 2)
        for p in layer.parameters { p.initNormal(scale: 0.3, using: &rng) }
        let x = randomTensor(TensorShape(1, 3, 5, 6), seed: 26)
        let g = randomTensor(TensorShape(1, 6, 5, 6), seed: 27)
        _ = layer.forward(x)
        let dx = layer.backward(g)
        let loss = { Gradients.withoutRecording { dot(g, layer.forward(x)) } }
        checkGradient("multi-kernel input", buffer: x.data, count: x.count, analytic: dx.storage.array, epsilon: 1e-3, loss: loss)
        let w = layer.convs[1].weight
        checkGradient("multi-kernel 4x4 weight", buffer: w.value.pointer, count: w.count, analytic: w.grad.array, epsilon: 1e-3, loss: loss)
    }
}
