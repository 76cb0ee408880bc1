import Foundation

/// Finds the files that ship with stego (trained weights, the detector) without Foundation's
/// `Bundle.module`, which stops the process when the build folder is gone. Searched in order:
/// the folder `$STEGO_WEIGHTS`; `stego_StegoKit.resources/Weights` next to the executable (the
/// build's own layout); `../share/stego` relative to the executable (`scripts/install.sh`).
public enum ShippedFiles {
    public static var searchPath: [String] {
        var folders = ProcessInfo.processInfo.environment["STEGO_WEIGHTS"].map { [$0] } ?? []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let folder = FilePath.folder(of: executable)
            folders += [folder + "/stego_StegoKit.resources/Weights", folder + "/../share/stego"]
        }
        return folders
    }

    /// The first `name` in the search path, or nil.
    public static func path(_ name: String) -> String? {
        searchPath.map { $0 + "/" + name }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Why a shipped file was not found, for a one-line error.
    public static func notFound(_ name: String) -> String {
        "\(name) not found in \(searchPath.joined(separator: ", ")) (set STEGO_WEIGHTS to the folder that holds it)"
    }
}
