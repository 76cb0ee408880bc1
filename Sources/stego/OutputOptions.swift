import ArgumentParser
import StegoKit

/// The output file and overwrite policy shared by the commands that write an image.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "The PNG file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists (never an input file).")
    var force = false

    func file(inputs: [String]) throws -> OutputFile {
        try OutputFile(path: output, force: force, inputs: inputs)
    }
}

extension MethodName {
    static var helpList: String {
        allCases.map { "'\($0.rawValue)' (\($0.summary))" }.joined(separator: ", ")
    }
}

/// How the learned methods split large images (memory against a little quality at tile seams).
struct TileOptions: ParsableArguments {
    @Option(help: "Process learned methods in tiles of this many pixels per side (even); memory grows with its square.")
    var tile = 512

    @Option(help: "Pixels of context added around each tile (even).")
    var tileMargin = 32

    func validate() throws {
        guard tile >= 16, tile % 2 == 0, tileMargin >= 0, tileMargin % 2 == 0 else {
            throw ValidationError("--tile must be even and at least 16, --tile-margin even and not negative")
        }
    }

    /// Applies the tiling to a learned method; other methods are returned unchanged.
    func apply(to method: any StegoMethod) -> any StegoMethod {
        guard var learned = method as? InvertibleHiding else { return method }
        learned.tiling = Tiling(tile: tile, margin: tileMargin)
        return learned
    }
}
