import Foundation

/// Reading user-named input files with errors that say what is wrong with the path.
public enum InputFile {
    /// At most this much is read from standard input (the pixel limit then applies as for files).
    static let standardInputLimit = 1 << 31

    /// The bytes of `path`, or of standard input for "-".
    public static func readBytes(path: String) throws -> [UInt8] {
        if path == "-" { return try readStandardInput() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StegoError.badInput("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw StegoError.badInput("\(path): is a directory, expected a PNG file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StegoError.badInput("\(path): cannot be read (permission denied?)")
        }
        return [UInt8](data)
    }

    private static func readStandardInput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
            if chunk.isEmpty { return bytes }
            bytes += chunk
            guard bytes.count <= standardInputLimit else { throw StegoError.badInput("standard input: more than 2 GiB") }
        }
    }
}
