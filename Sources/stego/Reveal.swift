import ArgumentParser
import StegoKit

struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recover the secret image from a stego image.",
        discussion: """
            Use the same --method as when hiding. The recovered secret has the stego image's size \
            (with --method stc: the hidden image's own size, or the hidden file byte for byte; \
            a wrong passphrase, an image with nothing hidden or a changed stego image gives \
            "no hidden data, or wrong passphrase" and exit status 1).
            Example: stego reveal stego.png -o secret.png
            """)

    @Argument(help: "The stego PNG written by 'stego hide' (- for standard input).")
    var stego: String

    @OptionGroup var output: OutputOptions

    @OptionGroup var method: MethodOptions

    @OptionGroup var limits: LimitOptions

    func run() throws {
        limits.apply()
        // With stc the output may be a hidden file of any name; an image's name is checked once known.
        let file = try output.file(inputs: [stego] + [method.model, method.passphraseFile].compactMap { $0 }, png: method.method != .stc)
        let stegoImage = try ImageDecoder.readKeepingAlpha(path: stego).image  // the stored colour, as hide wrote it
        guard method.method == .stc else {
            let secret = try method.make().reveal(stego: stegoImage)
            try file.write(PNGCodec.encode(secret))
            if RevealCheck.methods.contains(method.method), !RevealCheck.looksHidden(revealed: secret, stego: stegoImage, method: method.method) {
                note("warning: what was revealed does not look like a hidden image: \(stego) may hold nothing, or was made with "
                     + "another method or other weights")
            }
            return
        }
        switch try method.passphraseHiding(confirm: false).reveal(stegoImage) {
        case .image(let secret):
            try output.checkPNGName()
            try file.write(PNGCodec.encode(secret))
            note("revealed a \(secret.size) image")
        case .file(let bytes):
            try file.write(bytes)
            note("revealed a file of \(bytes.count) bytes")
        }
    }
}
