import XCTest
@testable import StegoKit

/// The engine against PyTorch on the fixtures written by scripts/make_engine_fixtures.py.
final class PyTorchReferenceTests: XCTestCase {
    let tolerance = 1e-4

    func load(_ name: String) throws -> SafeTensors {
        try SafeTensors.read(path: Fixtures.path("engine/\(name).safetensors"))
    }

    func tensor(_ file: SafeTensors, _ name: String) throws -> Tensor {
        let entry = try XCTUnwrap(file.tensors[name], name)
        return Tensor(TensorShape(entry.shape[0], entry.shape[1], entry.shape[2], entry.shape[3]), nchw: entry.values)
    }

    /// Loads parameter values from the fixture and zeroes their gradients.
    func loadParameters(_ parameters: [Parameter], from file: SafeTensors, prefix: String = "") throws {
        for p in parameters {
            let name = String(p.name.dropFirst(prefix.count))
            let entry = try XCTUnwrap(file.tensors[name], name)
            XCTAssertEqual(entry.shape, p.shape, name)
            p.value.copy(from: FloatBuffer(entry.values))
            p.zeroGrad()
        }
    }

    func assertClose(_ actual: [Float], _ expected: [Float], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let error = relativeError(actual, expected)
        print("pytorch reference \(label): relative error \(error)")
        XCTAssertLessThan(error, tolerance, label, file: file, line: line)
    }

    func assertGradients(_ parameters: [Parameter], _ file: SafeTensors, prefix: String = "") throws {
        for p in parameters {
            let name = String(p.name.dropFirst(prefix.count))
            assertClose(p.grad.array, try XCTUnwrap(file.tensors[name + ".grad"]).values, name + ".grad")
        }
    }

    func testConvolutions() throws {
        for (name, kernel, stride, padding) in [("conv3x3", (3, 3), 1, Padding.same(1)),
                                                 ("conv_strided", (4, 3), 2, Padding(top: 1, left: 2, bottom: 0, right: 1))] {
            let file = try load(name)
            let x = try tensor(file, "x")
            let conv = Conv2D(name: "", inChannels: x.shape.c, outChannels: file.tensors["weight"]!.shape[0],
                              kernelH: kernel.0, kernelW: kernel.1, stride: stride, padding: padding)
            try loadParameters(conv.parameters, from: file, prefix: ".")
            let y = conv.forward(x)
            assertClose(y.nchw, file.tensors["y"]!.values, "\(name) forward")
            let dx = conv.backward(try tensor(file, "grad_y"))!
            assertClose(dx.nchw, file.tensors["grad_x"]!.values, "\(name) input gradient")
            try assertGradients(conv.parameters, file, prefix: ".")
        }
    }

    func testDenseSubnet() throws {
        let file = try load("dense_subnet")
        let net = DenseSubnet(name: "", inChannels: 6, outChannels: 5, growth: 8)
        try loadParameters(net.parameters, from: file, prefix: ".")
        assertClose(net.forward(try tensor(file, "x")).nchw, file.tensors["y"]!.values, "dense subnet forward")
        assertClose(net.backward(try tensor(file, "grad_y")).nchw, file.tensors["grad_x"]!.values, "dense subnet input gradient")
        try assertGradients(net.parameters, file, prefix: ".")
    }

    func testInvertibleBlock() throws {
        let file = try load("invertible_block")
        let block = InvertibleBlock(name: "", cover: 6, secret: 5, growth: 8)
        try loadParameters(block.parameters, from: file, prefix: ".")
        let (y1, y2) = block.forward(try tensor(file, "x1"), try tensor(file, "x2"))
        assertClose(y1.nchw, file.tensors["y1"]!.values, "block y1")
        assertClose(y2.nchw, file.tensors["y2"]!.values, "block y2")
        let (d1, d2) = block.backward(try tensor(file, "grad_y1"), try tensor(file, "grad_y2"))
        assertClose(d1.nchw, file.tensors["grad_x1"]!.values, "block x1 gradient")
        assertClose(d2.nchw, file.tensors["grad_x2"]!.values, "block x2 gradient")
        try assertGradients(block.parameters, file, prefix: ".")
    }

    func testAdamMatchesTorchOptim() throws {
        let file = try load("adam")
        let p = Parameter(name: "w", shape: [10])
        p.value.copy(from: FloatBuffer(file.tensors["start"]!.values))
        let adam = Adam(parameters: [p], learningRate: 0.01, weightDecay: 0.1)
        let grads = file.tensors["grads"]!.values
        for step in 0..<5 {
            p.grad.copy(from: FloatBuffer(Array(grads[step * 10..<step * 10 + 10])))
            adam.update()
        }
        assertClose(p.value.array, file.tensors["final"]!.values, "adam 5 steps")
    }

    func testChromaHighPassLossMatchesItsDefinitionInTorch() throws {
        let file = try load("chroma_loss")
        let (value, grad) = Loss.chromaHighPassSumOfSquares(try tensor(file, "a"), try tensor(file, "b"))
        XCTAssertEqual(value, try XCTUnwrap(file.metadata["loss"].flatMap(Double.init)), accuracy: 1e-5 * value)
        assertClose(grad.nchw, try tensor(file, "grad_a").nchw, "chroma loss gradient")
    }
}
