import ArgumentParser
import Foundation
import StegoKit

@main
struct StegoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stego-bench",
        abstract: "Benchmarks of stego's compute engine (run in release: swift run -c release stego-bench conv).",
        subcommands: [ConvBench.self, InferenceConvBench.self, NetworkBench.self, STCBench.self, DetectabilityBench.self, RevealCheckBench.self,
                      DecodeBench.self])
}

/// Milliseconds per call of `body`, after warm-up calls.
func milliseconds(iterations: Int, _ body: () -> Void) -> Double {
    for _ in 0..<3 { body() }
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<iterations { body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(iterations)
}

struct ConvBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "Conv 3x3 (padding 1) forward, backward-data and backward-weights: ms and GFLOP/s, next to PyTorch.")

    @Option(help: "Threads for oneDNN and the element-wise loops.")
    var threads = 2

    @Option(help: "Timed calls per measurement.")
    var iterations = 20

    @Option(help: "Shapes as N,Cin,Cout,H,W.")
    var shapes = ["8,16,32,64,64", "8,144,16,64,64", "1,48,32,512,512"]

    @Option(help: "A Python with torch (scripts/setup-python.sh makes this one), to time the same convolutions in PyTorch (empty to skip).")
    var python = "python/.venv/bin/python"

    func run() throws {
        Threads.set(threads)
        let torch = pytorchTimes()
        print("conv 3x3, \(threads) threads, \(iterations) iterations; GFLOP/s = 2*N*Cout*H*W*Cin*9 / time")
        print("shape (N,Cin,Cout,HxW)   pass              stego ms   GFLOP/s   pytorch ms   GFLOP/s   stego/pytorch")
        for text in shapes {
            let d = text.split(separator: ",").compactMap { Int($0) }
            guard d.count == 5 else { throw ValidationError("shape \(text) is not N,Cin,Cout,H,W") }
            let (n, cin, cout, h, w) = (d[0], d[1], d[2], d[3], d[4])
            let conv = Conv2D(name: "bench", inChannels: cin, outChannels: cout, kernel: 3, padding: .same(1))
            var rng = SystemRandomNumberGenerator()
            for p in conv.parameters { p.initNormal(scale: 0.1, using: &rng) }
            let x = Tensor(TensorShape(n, cin, h, w))
            for i in 0..<x.count { x.data[i] = Float(i % 17) / 17 }
            let dy = Gradients.withoutRecording { conv.forward(x) }
            let gflop = 2.0 * Double(n * cout * h * w * cin * 9) / 1e9
            let times = [
                ("forward", "forward_ms", milliseconds(iterations: iterations) { _ = Gradients.withoutRecording { conv.forward(x) } }),
                ("backward-data", "backward_data_ms", milliseconds(iterations: iterations) { _ = conv.backwardData(dy, input: x) }),
                ("backward-weights", "backward_weights_ms", milliseconds(iterations: iterations) { conv.backwardWeights(dy, input: x) }),
            ]
            for (pass, key, ms) in times {
                let label = "\(n),\(cin),\(cout),\(h)x\(w)".padding(toLength: 24, withPad: " ", startingAt: 0)
                var line = label + " " + pass.padding(toLength: 16, withPad: " ", startingAt: 0)
                line += String(format: " %9.3f %9.1f", ms, gflop / ms * 1e3)
                if let reference = torch?[text]?[key] {
                    line += String(format: " %12.3f %9.1f %12.2fx", reference, gflop / reference * 1e3, reference / ms)
                } else {
                    line += "          n/a"
                }
                print(line)
            }
            print("  oneDNN implementation: \(conv.implementation(for: x.shape))")
        }
    }

    /// Runs scripts/bench_pytorch.py; nil (with a note on stderr) when PyTorch is not available.
    func pytorchTimes() -> [String: [String: Double]]? {
        guard !python.isEmpty,
              let json = runPythonScript(python, "bench_pytorch.py", ["--threads", "\(threads)", "--iterations", "\(iterations)"] + shapes)
        else { return nil }
        return json["results"] as? [String: [String: Double]]
    }
}

struct InferenceConvBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "The compiled network's inference convolutions (blocked layout, fused epilogue), direct and Winograd.",
        discussion: """
            GFLOP/s count the direct convolution's multiply-adds (2*Cout*H*W*Cin*9), so a Winograd row \
            shows the speed it gives in those terms, not the arithmetic it does (about 4x fewer \
            multiplications for 4x4 output tiles).
            """)

    @Option(help: "Threads for oneDNN and the element-wise loops.")
    var threads = 2

    @Option(help: "Timed calls per measurement.")
    var iterations = 20

    @Option(help: "Shapes as Cin,Cout,H,W (one image): by default those of the shipped networks' sub-networks at 1024x1024.")
    var shapes = ["16,16,512,512", "32,16,512,512", "48,16,512,512", "64,16,512,512", "80,16,512,512"]

    func run() throws {
        Threads.set(threads)
        guard let block = BlockedTensor.preferredBlock else { throw ValidationError("oneDNN prefers no blocked layout on this CPU") }
        print("conv 3x3 inference, blocks of \(block), leaky ReLU fused (or a pass of its own), \(threads) threads, \(iterations) iterations")
        print("shape (Cin,Cout,HxW)   algorithm   stego ms   GFLOP/s   implementation")
        for text in shapes {
            let d = text.split(separator: ",").compactMap { Int($0) }
            guard d.count == 4, d[0] % block == 0, d[1] % block == 0 else { throw ValidationError("shape \(text) is not Cin,Cout,H,W in whole groups of \(block)") }
            let (cin, cout, h, w) = (d[0], d[1], d[2], d[3])
            let conv = Conv2D(name: "bench", inChannels: cin, outChannels: cout, kernel: 3, padding: .same(1))
            var rng = SystemRandomNumberGenerator()
            for p in conv.parameters { p.initNormal(scale: 0.1, using: &rng) }
            let source = BlockedTensor(channels: cin, h: h, w: w, block: block)
            for i in 0..<source.storage.count { source.storage[i] = Float(i % 17) / 17 }
            let destination = BlockedTensor(channels: cout, h: h, w: w, block: block)
            let gflop = 2.0 * Double(cout * h * w * cin * 9) / 1e9
            for winograd in [false, true] {
                let compiled = InferenceConv(conv, inputChannels: cin, inputSlots: Array(0..<cin), outputChannels: cout, block: block,
                                             epilogue: .leakyReLU(slope: 0.01), winograd: winograd, scratchpad: DNNLScratchpad())
                let ms = milliseconds(iterations: iterations) {
                    compiled.run(source: source.pointer(channel: 0), destination: destination.pointer(channel: 0), h: h, w: w)
                }
                let label = "\(cin),\(cout),\(h)x\(w)".padding(toLength: 22, withPad: " ", startingAt: 0)
                print(label + " " + (winograd ? "winograd" : "direct").padding(toLength: 10, withPad: " ", startingAt: 0)
                      + String(format: " %9.3f %9.1f   ", ms, gflop / ms * 1e3) + compiled.implementation(h: h, w: w))
            }
        }
    }
}

/// Runs a script from scripts/ that prints one JSON object; nil (with a note on stderr) when
/// it cannot run, for example when PyTorch is not installed for `python`.
func runPythonScript(_ python: String, _ name: String, _ arguments: [String]) -> [String: Any]? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/\(name)").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else {
        FileHandle.standardError.write(Data("stego-bench: \(python) not found, PyTorch column skipped\n".utf8))
        return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        FileHandle.standardError.write(Data("stego-bench: \(name) failed (is torch installed for \(python)?)\n".utf8))
        return nil
    }
    return json
}

struct NetworkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Hide + reveal of square images with a trained HiNet / DLV-HiNet: wall time and GFLOP/s, next to PyTorch.")

    @Option(help: "Checkpoint to time (default: the shipped dlv-hinet weights).")
    var model: String?

    @Option(help: "Threads for oneDNN and the element-wise loops.")
    var threads = 2

    @Option(parsing: .upToNextOption, help: "Image sides in pixels.")
    var sizes = [512, 1024, 2048]

    @Option(help: "Runs per size (the best is reported).")
    var repeats = 2

    @Option(help: "Tile side used by hide and reveal.")
    var tile = 1024

    @Option(help: "A Python with torch (scripts/setup-python.sh makes this one), to time the same network in PyTorch (empty to skip).")
    var python = "python/.venv/bin/python"

    @Flag(help: "Direct convolutions only (no Winograd), to see what Winograd brings.")
    var direct = false

    func run() throws {
        Threads.set(threads)
        guard let path = model ?? MethodName.dlvHinet.shippedWeights else { throw ValidationError("no model: give --model") }
        var method = try InvertibleHiding(checkpoint: path, dualLatent: try HidingNetworkConfig(metadata: SafeTensors.read(path: path).metadata).dualLatent, seed: 0)
        method.tiling = Tiling(tile: tile, margin: 32)
        if direct { method.compiled = CompiledHidingNetwork(method.network, winograd: false) }
        let config = method.network.config
        let torch = python.isEmpty ? nil : runPythonScript(python, "bench_network_pytorch.py",
                                                           [path, "--threads", "\(threads)", "--repeats", "\(repeats)", "--sizes"] + sizes.map(String.init))
        let torchSeconds = torch?["seconds"] as? [String: Double]
        print("\(config.metadata["method"]!) \(config.blocks) blocks, growth \(config.growth); hide + reveal, \(threads) threads, tile \(tile)")
        for line in method.compiled?.implementations(h: tile / 2, w: tile / 2) ?? ["not compiled: the network's own passes"] {
            print("  oneDNN \(line)")
        }
        print("size        stego s   GFLOP/s   pytorch s   GFLOP/s   stego/pytorch")
        for size in sizes {
            var rng = SeededGenerator(seed: UInt64(size))
            let pixels = (0..<size * size * 3).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let cover = RGBImage(width: size, height: size, pixels: pixels)
            let secret = RGBImage(width: size, height: size, pixels: pixels.reversed())
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try method.reveal(stego: method.hide(cover: cover, secret: secret))
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            // Network FLOPs only (hide and reveal, no tile margins): the useful work.
            let gflop = 2 * config.flopsPerPixel * Double(size * size) / 1e9
            var line = String(format: "%-10d %8.3f %9.1f", size, best, gflop / best)
            if let reference = torchSeconds?["\(size)"] {
                line += String(format: " %11.3f %9.1f %14.2fx", reference, gflop / reference, reference / best)
            }
            print(line)
        }
    }
}
