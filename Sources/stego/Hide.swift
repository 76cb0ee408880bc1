import ArgumentParser
import Foundation
import StegoKit

struct Hide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hide SECRET inside COVER and write the stego image.",
        discussion: """
            The stego image has exactly the cover's width and height, and keeps a transparent \
            cover's alpha channel unchanged. For the networks and lsb4 \
            the secret must have the same size as the cover unless --fit is given, which resizes \
            it (Lanczos-3); anyone with stego can reveal it.
            With --method stc the secret is secret: it is compressed to fit (kept exactly as PNG \
            when that fits, else AVIF at the best quality that fits), encrypted with a key from \
            the passphrase, and hidden in --rate bits per colour sample of the cover, where \
            changes are least detectable; with --file, SECRET may be any file, revealed byte for \
            byte. 'stego capacity COVER' says how many bytes a cover holds.
            Examples:
              stego hide cover.png secret.png -o stego.png
              stego hide cover.png notes.pdf --file --method stc --passphrase-file key.txt -o stego.png
            """)

    @Argument(help: "The cover image (PNG, JPEG, WebP, AVIF or HEIC; - for standard input): what the stego image will look like.")
    var cover: String

    @Argument(help: "The secret image to hide (PNG, JPEG, WebP, AVIF or HEIC; with --file any file; - for standard input).")
    var secret: String

    @OptionGroup var output: OutputOptions

    @OptionGroup var method: MethodOptions

    @Flag(help: "Resize the secret to the cover's size when they differ.")
    var fit = false

    @Option(help: "For --method stc: bits hidden per colour sample (0.001-1). Detection grows with it: 0.1 by default; above 0.2 likely.")
    var rate = 0.1

    @Option(help: "For --method stc: the syndrome-trellis code's constraint height (2-14): one more makes fewer changes and takes twice the time (14: about 20 s and 650 MB for a 1024x1024 cover on 2 cores).")
    var constraintHeight = 10

    @Flag(help: "For --method stc: SECRET is any file, revealed byte for byte (deflated when that makes it smaller).")
    var file = false

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        guard !file || method.method == .stc else { throw ValidationError("--file needs --method stc") }
        guard STCHiding.rates.contains(rate) else { throw ValidationError("--rate must be in 0.001-1") }
        guard SyndromeTrellisCode.heights.contains(constraintHeight) else { throw ValidationError("--constraint-height must be in 2-14") }
    }

    func run() throws {
        limits.apply()
        guard cover != "-" || secret != "-" else { throw StegoError.badInput("only one of COVER and SECRET can be standard input (-)") }
        let file = try output.file(inputs: [cover, secret] + [method.model, method.passphraseFile].compactMap { $0 })
        let (coverImage, alpha, profile) = try ImageDecoder.readAsStored(path: cover)
        if coverImage.isGray { note("warning: the cover is gray; the stego image will be in colour, which gives it away (use a colour cover)") }
        guard method.method == .stc else {
            let stego = try method.make(hiding: true).hide(cover: coverImage, secret: try ImageDecoder.read(path: secret), fit: fit)
            return try file.write(PNGCodec.encode(stego, alpha: alpha, profile: profile))
        }
        let payload: STCHiding.Payload = self.file ? .file(try InputFile.readBytes(path: secret)) : .image(try ImageDecoder.read(path: secret))
        if rate > 0.2 { note("warning: at --rate \(rate) steganalysis will likely find the stego image (0.1 or less keeps it hard)") }
        let (stego, report) = try method.passphraseHiding(confirm: true, rate: rate, height: constraintHeight).hide(cover: coverImage, payload: payload)
        try file.write(PNGCodec.encode(stego, alpha: alpha, profile: profile))
        note(String(format: "hid %d bytes, %@, in a frame of %d (rate %g); %d of %d samples changed (%.2f%%)", report.contentBytes,
                    report.storage, report.capacity, rate, report.changedSamples, report.samples,
                    100 * Double(report.changedSamples) / Double(report.samples))
             + (report.layers == 1 ? "; the two-layer code did not fit, so bit 0 alone carries it (more changes: a lower --rate avoids this)" : ""))
    }
}

/// One line on standard error, prefixed like every message of stego's.
func note(_ text: String) {
    FileHandle.standardError.write(Data("stego: \(text)\n".utf8))
}
