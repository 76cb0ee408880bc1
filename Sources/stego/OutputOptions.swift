import ArgumentParser
import StegoKit

/// The output file and overwrite policy shared by the commands that write an image.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "The PNG file to write ('-': standard output).")
    var output: String

    @Flag(help: "Replace the output file if it exists (never an input file).")
    var force = false

    /// The output, checked up front; `png` refuses names of other image formats.
    func file(inputs: [String], png: Bool = true) throws -> OutputFile {
        if png { try checkPNGName() }
        return try OutputFile(path: output, force: force, inputs: inputs)
    }

    func checkPNGName() throws {
        let name = FilePath.name(of: output).lowercased()
        if let ext = name.split(separator: ".").last, name.contains("."), Self.otherFormats.contains(String(ext)) {
            throw StegoError.badInput("\(output): stego writes images as PNG only (name it .png): a lossy format destroys the hidden image, "
                                      + "and a PNG under another name misleads")
        }
    }

    static let otherFormats: Set<String> = ["jpg", "jpeg", "jpe", "jfif", "webp", "avif", "heic", "heif", "gif", "bmp", "tif", "tiff", "jxl"]
}

extension MethodName {
    static var helpList: String {
        allCases.map { "'\($0.rawValue)' (\($0.summary))" }.joined(separator: ", ")
    }
}

/// The method and its settings, shared by hide and reveal (reveal with what was used to hide).
struct MethodOptions: ParsableArguments {
    @Option(help: "Method: \(MethodName.helpList). Reveal with the method and weights used to hide.")
    var method: MethodName = .dlvHinet

    @Option(help: "Weights for dlv-hinet or hinet (a 'stego train' checkpoint; default: the weights shipped with stego).")
    var model: String?

    @Option(help: "Seed for DLV-HiNet's random latent at hide time (default: drawn afresh for every hide, as the paper does; a seed makes the stego image reproducible), and for the Gaussian stand-in at reveal of networks trained with one (default 0).")
    var seed: UInt64?

    @Option(help: "For --method stc: read the passphrase from the first line of this file (default: $STEGO_PASSPHRASE, else asked on the terminal; never on the command line, where others can see it).")
    var passphraseFile: String?

    @Option(help: "Process dlv-hinet and hinet in tiles of this many pixels per side (even); memory grows with its square.")
    var tile = 1024

    @Option(help: "Pixels of context added around each tile (even).")
    var tileMargin = 32

    func validate() throws {
        guard tile >= 16, tile % 2 == 0, tileMargin >= 0, tileMargin % 2 == 0 else {
            throw ValidationError("--tile must be even and at least 16, --tile-margin even and not negative")
        }
    }

    /// The method; `hiding` draws DLV-HiNet's latent from system randomness unless --seed is given.
    func make(hiding: Bool = false) throws -> any StegoMethod {
        let made = try method.makeMethod(model: model, seed: seed ?? (hiding ? UInt64.random(in: 0...UInt64.max) : 0))
        guard var learned = made as? InvertibleHiding else { return made }
        learned.tiling = Tiling(tile: tile, margin: tileMargin)
        return learned
    }

    /// --method stc with the passphrase (asked twice on a terminal when `confirm`).
    func passphraseHiding(confirm: Bool, rate: Double = 0.1, height: Int = 10) throws -> STCHiding {
        try STCHiding(passphrase: PassphraseSource.read(file: passphraseFile, confirm: confirm), rate: rate, height: height)
    }
}

/// The input size limit, shared by every command that reads images.
struct LimitOptions: ParsableArguments {
    @Option(help: "Refuse images of more than this many megapixels (checked before decoding; raise it for larger images if memory allows).")
    var maxMegapixels: Double = Double(ImageLimits.maxPixels) / 1e6

    @Option(help: "Refuse a folder whose images total more than this many megapixels (train, eval and train-detector hold them all in memory).")
    var maxTotalMegapixels: Double = Double(ImageLimits.maxTotalPixels) / 1e6

    func validate() throws {
        guard maxMegapixels > 0, maxMegapixels <= 10_000 else { throw ValidationError("--max-megapixels must be in 0-10000") }
        guard maxTotalMegapixels > 0, maxTotalMegapixels <= 1_000_000 else { throw ValidationError("--max-total-megapixels must be in 0-1000000") }
    }

    func apply() {
        ImageLimits.maxPixels = Int(maxMegapixels * 1e6)
        ImageLimits.maxTotalPixels = Int(maxTotalMegapixels * 1e6)
    }
}
