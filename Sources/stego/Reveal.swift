import ArgumentParser
import StegoKit

struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recover the secret image from a stego image.",
        discussion: """
            Use the same --method as when hiding. The recovered secret has the stego image's size.
            Example: stego reveal stego.png -o secret.png
            """)

    @Argument(help: "The stego PNG written by 'stego hide' (- for standard input).")
    var stego: String

    @OptionGroup var output: OutputOptions

    @OptionGroup var method: MethodOptions

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        let file = try output.file(inputs: [stego] + [method.model].compactMap { $0 })
        let stegoImage = try ImageDecoder.read(path: stego)
        let secret = try method.make().reveal(stego: stegoImage)
        try file.write(PNGCodec.encode(secret))
    }
}
