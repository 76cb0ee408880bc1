import Foundation

/// Writes outputs so that a reader never sees a partial file and a kill leaves nothing behind:
/// the bytes go to an unnamed file in the destination's folder (O_TMPFILE), which is linked into
/// place when complete. Where the file system has no unnamed files, a named temporary file is
/// used, removed on SIGINT, SIGTERM or SIGHUP. A new file gets the umask's mode; a file replaced
/// with `force` keeps its mode. Only regular files are ever replaced, and never an input.
/// "-" is standard output (never a terminal).
public struct OutputFile: Sendable {
    public let path: String
    public let force: Bool

    /// Checks up front, before any long computation, that `path` may be written: a file name in
    /// an existing, writable folder, not one of `inputs`, and not an existing file unless `force`
    /// (and then only a regular file).
    public init(path: String, force: Bool, inputs: [String]) throws {
        self.path = path
        self.force = force
        if path == "-" {
            guard isatty(STDOUT_FILENO) == 0 else { throw StegoError.badInput("-o -: standard output is a terminal; redirect it to a file or a pipe") }
            return
        }
        guard !path.isEmpty else { throw StegoError.badInput("the output path is empty") }
        guard !FilePath.name(of: path).isEmpty else { throw StegoError.badInput("\(path): expected a file name, not a folder") }
        let folder = Self.folder(of: path)
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw StegoError.badInput("\(path): folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else { throw StegoError.badInput("\(path): folder \(folder) is not writable") }
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR { throw StegoError.badInput("\(path): is a directory, expected a file name") }
        if let input = inputs.first(where: { Self.sameFile($0, path) }) {
            throw StegoError.badInput("\(path): output would overwrite the input \(input)")
        }
        if !force { throw alreadyExists }
        guard info.st_mode & S_IFMT == S_IFREG else { throw notRegularFile }
    }

    public func write(_ bytes: [UInt8]) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let folder = Self.folder(of: path)
        var existing = stat()
        let replacing = lstat(path, &existing) == 0
        if replacing {
            guard force else { throw alreadyExists }
            guard existing.st_mode & S_IFMT == S_IFREG else { throw notRegularFile }
        }
        let mode = replacing ? existing.st_mode & 0o7777 : 0o666 & ~Self.currentUmask()
        let unnamed = open(folder, Self.unnamedFileFlag | O_WRONLY | O_CLOEXEC, mode)
        if unnamed >= 0 {
            try writeAll(bytes, to: unnamed, mode: mode)
            try publish(unnamed, replacing: replacing, folder: folder)
        } else {
            try writeThroughNamedTemporary(bytes, folder: folder, mode: mode, replacing: replacing)
        }
    }

    /// Links the complete unnamed file at `path`: directly when nothing is there, else under a
    /// temporary name (guarded like a named temporary) renamed over the old file.
    private func publish(_ fd: Int32, replacing: Bool, folder: String) throws {
        defer { close(fd) }
        let source = "/proc/self/fd/\(fd)"
        if !replacing {
            guard linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else { throw errno == EEXIST ? alreadyExists : placeFailed() }
            return
        }
        for attempt in 0..<100 {
            let temp = folder + "/.stego-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
            let cleanup = TemporaryFileGuard(temp)
            defer { cleanup.release() }
            if linkat(AT_FDCWD, source, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0 {
                if errno == EEXIST { continue }
                throw placeFailed()
            }
            defer { unlink(temp) }  // gone already once renamed
            return try moveIntoPlace(temp, replacing: true)
        }
        throw StegoError.runtime("\(path): cannot find a free temporary name in \(folder)")
    }

    private func writeThroughNamedTemporary(_ bytes: [UInt8], folder: String, mode: mode_t, replacing: Bool) throws {
        let cleanup = TemporaryFileGuard(folder + "/.stego-XXXXXX")
        defer { cleanup.release() }
        let (fd, temp) = cleanup.makeTemporary()
        guard fd >= 0 else { throw StegoError.runtime("\(path): cannot create a temporary file (\(Self.errnoText()))") }
        defer { unlink(temp) }  // gone already once renamed
        try writeAll(bytes, to: fd, mode: mode)
        guard close(fd) == 0 else { throw StegoError.runtime("\(path): write failed (\(Self.errnoText()))") }
        try moveIntoPlace(temp, replacing: replacing)
    }

    /// Puts the complete file `temp` at `path`: renamed over the file there (with `force`), else
    /// hard-linked, so that a file created meanwhile is never replaced.
    private func moveIntoPlace(_ temp: String, replacing: Bool) throws {
        if replacing {
            guard rename(temp, path) == 0 else { throw placeFailed() }
        } else {
            guard link(temp, path) == 0 else { throw errno == EEXIST ? alreadyExists : placeFailed() }
        }
    }

    private var alreadyExists: StegoError { .badInput("\(path): already exists (use --force to replace it)") }

    private var notRegularFile: StegoError {
        .badInput("\(path): not a regular file (a link, device or pipe); --force replaces only regular files")
    }

    private func placeFailed() -> StegoError { .runtime("\(path): cannot move output into place (\(Self.errnoText()))") }

    /// Writes every byte, sets the mode and flushes to disk; closes `fd` on failure.
    private func writeAll(_ bytes: [UInt8], to fd: Int32, mode: mode_t) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else {
                let text = Self.errnoText()
                close(fd)
                throw StegoError.runtime("\(path): write failed (\(text))")
            }
            offset += n
        }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            let text = Self.errnoText()
            close(fd)
            throw StegoError.runtime("\(path): write failed (\(text))")
        }
        // A test hook: hold the complete, unpublished file, so that a test can kill the process
        // at that moment (Tests/StegoCLITests: nothing may be left behind).
        if let seconds = ProcessInfo.processInfo.environment["STEGO_TEST_PAUSE_BEFORE_PUBLISH"].flatMap(UInt32.init) { sleep(seconds) }
    }

    /// Linux's O_TMPFILE (not exported to Swift): an unnamed file in the folder opened.
    static let unnamedFileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

    static func folder(of path: String) -> String {
        let folder = FilePath.folder(of: path)
        return folder.isEmpty ? "." : folder
    }

    /// The process's umask (read by setting and restoring it).
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Same file on disk, whatever the spelling of the paths.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
