import Foundation

/// Removes a named temporary file if SIGINT, SIGTERM or SIGHUP would end the process while the
/// file exists; signals the program handles itself (training stops after its checkpoint) pass on
/// to its handler untouched, since the write then completes. One file at a time.
final class TemporaryFileGuard {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private let name: UnsafeMutablePointer<CChar>
    private var previous: [SignalAction] = []
    private var released = false

    /// Guards `path` (or the file `makeTemporary` makes from it, a template ending in XXXXXX).
    init(_ path: String) {
        name = strdup(path)!
        pendingTemporary = name
        for (k, signal) in Self.signals.enumerated() {
            var action = SignalAction(), old = SignalAction()
            action.__sigaction_handler.sa_handler = removePendingTemporary
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, &old)
            previous.append(old)
            previousHandlers[k] = old
        }
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
        for (signal, old) in zip(Self.signals, previous) {
            var old = old
            sigaction(signal, &old, nil)
        }
        free(name)
    }

    deinit { release() }
}

nonisolated(unsafe) private var pendingTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var previousHandlers: [SignalAction] = Array(repeating: SignalAction(), count: 3)
private typealias SignalAction = Glibc.sigaction

private func removePendingTemporary(_ signal: Int32) {
    let k = signal == SIGINT ? 0 : signal == SIGTERM ? 1 : 2
    let handler = previousHandlers[k].__sigaction_handler.sa_handler
    let defaultAction = unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_DFL, to: Int.self)
    if defaultAction {
        if let name = pendingTemporary { unlink(name) }
        var action = SignalAction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &action, nil)
        raise(signal)
    } else if unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
        handler?(signal)
    }
}
