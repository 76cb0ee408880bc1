import Foundation

/// The signals that end a command-line program when nobody handles them (Ctrl-C, kill, a closed
/// terminal), for the code that must undo something first: a temporary file, a terminal left
/// without echo.
enum TerminationSignals {
    static let all = [SIGINT, SIGTERM, SIGHUP]

    /// Installs `handler` for each of `all`; returns the actions it replaced, in the same order.
    static func install(_ handler: @convention(c) (Int32) -> Void) -> [sigaction] {
        all.map { signal in
            var action = sigaction(), old = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, &old)
            return old
        }
    }

    /// Puts back what `install` returned.
    static func restore(_ previous: [sigaction]) {
        for (signal, old) in zip(all, previous) {
            var old = old
            sigaction(signal, &old, nil)
        }
    }

    /// From a handler of `signal`: the process dies of it, as with no handler, once the handler
    /// returns (the signal stays blocked until then).
    static func resendWithDefaultAction(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &action, nil)
        raise(signal)
    }
}
