import ArgumentParser
import StegoKit

struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recover the secret image from a stego image.",
        discussion: """
            Use the same --method as when hiding. The recovered secret has the stego image's size.
            Example: stego reveal stego.png -o secret.png
            """)

    @Argument(help: "The stego PNG written by 'stego hide'.")
    var stego: String

    @OptionGroup var output: OutputOptions

    @OptionGroup var tiles: TileOptions

    @Option(help: "The method the stego image was made with: \(MethodName.helpList).")
    var method: MethodName = .dlvHinet

    @Option(help: "Weights for dlv-hinet or hinet (the checkpoint used to hide; default: the weights shipped with stego).")
    var model: String?

    @Option(help: "Seed for a Gaussian stand-in of the lost channels (networks trained with one).")
    var seed: UInt64 = 0

    func run() throws {
        let file = try output.file(inputs: [stego])
        let stegoImage = try PNGCodec.read(path: stego)
        let secret = try tiles.apply(to: method.makeMethod(model: model, seed: seed)).reveal(stego: stegoImage)
        try file.write(PNGCodec.encode(secret))
    }
}
