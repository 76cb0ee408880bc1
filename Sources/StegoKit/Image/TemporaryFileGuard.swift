import Foundation

/// Removes a named temporary file if SIGINT, SIGTERM or SIGHUP would end the process while the
/// file exists; signals the program handles itself (training stops after its checkpoint) pass on
/// to its handler untouched, since the write then completes. One file at a time.
final class TemporaryFileGuard {
    private let name: UnsafeMutablePointer<CChar>
    private var released = false

    /// Guards `path` (or the file `makeTemporary` makes from it, a template ending in XXXXXX).
    init(_ path: String) {
        name = strdup(path)!
        pendingTemporary = name
        previousHandlers = TerminationSignals.install(removePendingTemporary)
    }

    /// mkstemp on the guarded template: the created file is guarded from the start.
    func makeTemporary() -> (fd: Int32, path: String) {
        let fd = mkstemp(name)
        return (fd, String(cString: name))
    }

    /// Stops guarding (the file was renamed, linked or removed) and restores the handlers.
    func release() {
        guard !released else { return }
        released = true
        pendingTemporary = nil
        TerminationSignals.restore(previousHandlers)
        free(name)
    }

    deinit { release() }
}

nonisolated(unsafe) private var pendingTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var previousHandlers: [sigaction] = Array(repeating: sigaction(), count: TerminationSignals.all.count)  // SIG_DFL until installed

private func removePendingTemporary(_ signal: Int32) {
    let k = TerminationSignals.all.firstIndex(of: signal)!
    let handler = previousHandlers[k].__sigaction_handler.sa_handler
    let defaultAction = unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_DFL, to: Int.self)
    if defaultAction {
        if let name = pendingTemporary { unlink(name) }
        TerminationSignals.resendWithDefaultAction(signal)
    } else if unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
        handler?(signal)
    }
}
