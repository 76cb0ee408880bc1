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
