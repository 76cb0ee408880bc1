import ArgumentParser
import Foundation
import StegoKit

@main
struct Stego: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stego",
        abstract: "Hide a whole image inside another image of the same size, and get it back.",
        discussion: """
            Inputs may be any PNG (gray, palette, RGB, with or without alpha, 1 to 16 bits, \
            interlaced) or JPEG (turned upright by its EXIF orientation); they are converted to \
            8-bit RGB, alpha composited onto black (a cover's alpha is kept, unchanged, in the \
            stego image, and so is its ICC colour profile). \
            Outputs are 8-bit RGB PNGs, written to an unnamed file and linked into place when \
            complete; an existing output is replaced only with --force, and never when it is an input.
            Methods: stc keeps a secret (a passphrase, encryption, a small hard-to-detect payload; \
            at --rate 0.6 it also brought full-size images back 2.5 dB better in luma than \
            dlv-hinet, 0.9 dB worse in RGB, on the project's validation photos, in about \
            5 s a 512x512 pair); dlv-hinet (the default), hinet, baluja and lsb4 hide a full-size \
            image with no key, in a second, and are easy to detect.
            """,
        version: StegoVersion.description,
        subcommands: [Hide.self, Reveal.self, Capacity.self, Compare.self, Eval.self, Analyze.self, Train.self, AverageWeights.self, TrainDetector.self])

    /// Runs the command and maps every failure to a one-line message and the documented exit status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as StegoError {
            FileHandle.standardError.write(Data("stego: error: \(error)\n".utf8))
            Foundation.exit(error.isBadInput ? 2 : 1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

extension MethodName: ExpressibleByArgument {}

/// One warning line per file a folder command left out.
func warnSkipped(_ skipped: [(name: String, reason: String)], folder: String) {
    for file in skipped {
        FileHandle.standardError.write(Data("stego: warning: \(folder)/\(file.name) skipped: \(file.reason)\n".utf8))
    }
}
