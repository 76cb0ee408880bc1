import Foundation

/// Writes outputs so that a reader never sees a partial file: the bytes go to a temporary file in
/// the destination's folder, which is then renamed (or, without `force`, hard-linked so that an
/// existing file is never replaced) onto the destination.
public struct OutputFile: Sendable {
    public let path: String
    public let force: Bool

    /// Checks up front, before any long computation, that `path` may be written:
    /// its folder exists, it is not one of `inputs`, and it does not exist unless `force`.
    public init(path: String, force: Bool, inputs: [String]) throws {
        self.path = path
        self.force = force
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw StegoError.badInput("\(path): folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw StegoError.badInput("\(path): is a directory, expected a file name") }
            if let input = inputs.first(where: { Self.sameFile($0, path) }) {
                throw StegoError.badInput("\(path): output would overwrite the input \(input)")
            }
            if !force { throw StegoError.badInput("\(path): already exists (use --force to replace it)") }
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.stego-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw StegoError.runtime("\(path): cannot create a temporary file (\(errnoText()))") }
        let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer { if !committed { unlink(temp) } }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else {
                close(fd)
                throw StegoError.runtime("\(path): write failed (\(errnoText()))")
            }
            offset += n
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else { throw StegoError.runtime("\(path): write failed (\(errnoText()))") }
        if force {
            guard rename(temp, path) == 0 else { throw StegoError.runtime("\(path): cannot move output into place (\(errnoText()))") }
        } else {
            guard link(temp, path) == 0 else {
                if errno == EEXIST { throw StegoError.badInput("\(path): already exists (use --force to replace it)") }
                throw StegoError.runtime("\(path): cannot move output into place (\(errnoText()))")
            }
            unlink(temp)
        }
        committed = true
    }

    /// Same file on disk, whatever the spelling of the paths.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}
