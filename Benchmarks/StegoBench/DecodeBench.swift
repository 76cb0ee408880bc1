import ArgumentParser
import Foundation
import StegoKit

struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Input decoding (PNG, JPEG, WebP, AVIF, HEIC): ms per file and megapixels per second.")

    @Argument(help: "Image files in any input format.")
    var files: [String]

    @Option(help: "Threads for the decoders that use them (libavif, libheif).")
    var threads = 2

    @Option(help: "Timed decodes per file.")
    var iterations = 3

    func run() throws {
        Threads.set(threads)
        print("file                              bytes         size        ms      MP/s")
        for file in files {
            let bytes = try InputFile.readBytes(path: file)
            let image = try ImageDecoder.decode(bytes, name: file)
            let ms = milliseconds(iterations: iterations) { _ = try? ImageDecoder.decode(bytes, name: file) }
            let megapixels = Double(image.width * image.height) / 1e6
            let size = image.size.description
            print((file as NSString).lastPathComponent.padding(toLength: 30, withPad: " ", startingAt: 0)
                  + String(format: "%10d ", bytes.count) + String(repeating: " ", count: max(0, 12 - size.count)) + size
                  + String(format: " %9.1f %9.1f", ms, megapixels / ms * 1000))
        }
    }
}
