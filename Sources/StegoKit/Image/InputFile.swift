import Foundation

/// Reading user-named input files with errors that say what is wrong with the path.
public enum InputFile {
    public static func readBytes(path: String) throws -> [UInt8] {
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
}
