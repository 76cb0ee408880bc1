import ArgumentParser
import Foundation
import StegoKit

struct STCBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stc",
        abstract: "Syndrome-trellis code: embed and extract time, the distortion against the rate-distortion bound, and the payload lost against the bound at that distortion (the STC paper's coding loss), for LSB flips and for ±1 changes (two layers).")

    @Option(help: "Cover samples (3 per RGB pixel).")
    var samples = 1024 * 1024 * 3

    @Option(help: "Message bits per sample.")
    var rate = 0.1

    @Option(help: "Constraint heights to run.")
    var heights = [7, 10, 12]

    @Option(help: "Costs are e^u, u uniform in 0...spread (0: all costs 1).")
    var spread = 7.0

    @Option(help: "A photo whose HILL costs and LSBs to use, in a random order (instead of random costs).")
    var photo: String?

    @Option(help: "Threads.")
    var threads = 2

    func validate() throws {
        // At 1 bit per sample or more the binary bound is undefined (every sample carries a bit).
        guard rate > 0, rate < 1 else { throw ValidationError("--rate must be between 0 and 1 (exclusive)") }
    }

    func run() throws {
        Threads.set(threads)
        var generator = SeededGenerator(seed: 1)
        var values = (0..<samples).map { _ in UInt8.random(in: 1...254, using: &generator) }
        var costs = (0..<samples).map { _ in spread == 0 ? Float(1) : Float(exp(Double.random(in: 0...spread, using: &generator))) }
        if let photo {
            let image = try ImageDecoder.read(path: photo)
            let order = Array(0..<image.pixels.count).filter { image.pixels[$0] != 0 && image.pixels[$0] != 255 }.shuffled(using: &generator)
            let hill = HILLCost.costs(image)
            (values, costs) = (order.map { image.pixels[$0] }, order.map { hill[$0] })
        }
        let cover = values.map { $0 & 1 }
        let samples = cover.count
        print("samples \(samples)\(photo.map { ", HILL costs of \($0)" } ?? ""), rate \(rate), \(threads) threads")
        print("LSB flips:  h    embed s   extract s   changes   distortion / bound   payload lost")
        var binaryDistortion: [Int: Double] = [:]
        for h in heights {
            let code = try SyndromeTrellisCode(height: h)
            let bits = code.layout(samples: samples).messageBits(rate: rate)
            let message = (0..<bits).map { _ in UInt8.random(in: 0...1, using: &generator) }
            var start = DispatchTime.now().uptimeNanoseconds
            let stego = try code.embed(cover: cover, costs: costs, message: message)
            let embed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            start = DispatchTime.now().uptimeNanoseconds
            let extracted = try code.extract(stego: stego, messageBits: bits)
            let extract = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard extracted == message else { throw ValidationError("h=\(h): the extracted message differs") }
            let changed = zip(cover, stego).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            let distortion = changed.reduce(0.0) { $0 + Double(costs[$1]) }
            binaryDistortion[h] = distortion
            let ratio = distortion / distortionBound(costs: costs, messageBits: bits)
            let lost = 1 - Double(bits) / payloadBound(costs: costs, distortion: distortion)
            print(String(format: "            %-4d %7.3f   %9.3f   %7d   %.4f               %.2f%%", h, embed, extract, changed.count, ratio, 100 * lost))
        }
        let (up, down) = PlusMinusOneEmbedding.directionCosts(values: values, costs: costs)
        print("±1 changes: h    embed s   extract s   changes   distortion / bound   payload lost   / LSB flips'   layer-2 bits")
        for h in heights {
            let embedding = PlusMinusOneEmbedding(code: try SyndromeTrellisCode(height: h))
            let bits = embedding.code.layout(samples: samples).messageBits(rate: rate)
            let message = (0..<bits).map { _ in UInt8.random(in: 0...1, using: &generator) }
            var start = DispatchTime.now().uptimeNanoseconds
            let plan = embedding.plan(values: values, up: up, down: down, messageBits: bits)
            let stego = try embedding.embed(values: values, up: up, down: down, message: message, plan: plan)
            let embed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            start = DispatchTime.now().uptimeNanoseconds
            let extracted = try embedding.extract(values: stego, messageBits: bits, layer2Bits: plan.layer2Bits)
            let extract = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard extracted == message else { throw ValidationError("±1, h=\(h): the extracted message differs") }
            var (changes, distortion) = (0, 0.0)
            for i in 0..<samples where stego[i] != values[i] {
                changes += 1
                distortion += Double(stego[i] > values[i] ? up[i] : down[i])
            }
            let ratio = distortion / plusMinusOneDistortionBound(up: up, down: down, messageBits: bits)
            let lost = 1 - Double(bits) / plusMinusOnePayloadBound(up: up, down: down, distortion: distortion)
            print(String(format: "            %-4d %7.3f   %9.3f   %7d   %.4f               %5.2f%%         %.4f          %d",
                         h, embed, extract, changes, ratio, 100 * lost, distortion / binaryDistortion[h]!, plan.layer2Bits))
        }
    }
}
