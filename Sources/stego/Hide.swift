import ArgumentParser
import StegoKit

struct Hide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hide SECRET inside COVER and write the stego image.",
        discussion: """
            The stego image has exactly the cover's width and height. The secret must have the \
            same size as the cover unless --fit is given, which resizes it (Lanczos-3).
            Example: stego hide cover.png secret.png -o stego.png
            """)

    @Argument(help: "The cover image (PNG or JPEG; - for standard input): what the stego image will look like.")
    var cover: String

    @Argument(help: "The secret image to hide (PNG or JPEG; - for standard input).")
    var secret: String

    @OptionGroup var output: OutputOptions

    @OptionGroup var method: MethodOptions

    @Flag(help: "Resize the secret to the cover's size when they differ.")
    var fit = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        guard cover != "-" || secret != "-" else { throw StegoError.badInput("only one of COVER and SECRET can be standard input (-)") }
        let file = try output.file(inputs: [cover, secret] + [method.model].compactMap { $0 })
        let coverImage = try ImageDecoder.read(path: cover)
        let secretImage = try ImageDecoder.read(path: secret)
        let stego = try method.make().hide(cover: coverImage, secret: secretImage, fit: fit)
        try file.write(PNGCodec.encode(stego))
    }
}
