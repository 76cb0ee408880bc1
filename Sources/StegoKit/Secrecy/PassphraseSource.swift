import Foundation

/// Where `--method stc` gets its passphrase: never from the command line, where other users of
/// the machine can read it (ps, /proc).
public enum PassphraseSource {
    public static let environmentVariable = "STEGO_PASSPHRASE"

    /// The first line of `file` (`-`: standard input), else $STEGO_PASSPHRASE, else asked on the
    /// terminal without echo (twice when `confirm`, as a typo would make the secret unrecoverable).
    public static func read(file: String?, confirm: Bool) throws -> [UInt8] {
        let passphrase: [UInt8]
        if let file {
            passphrase = firstLine(try InputFile.readBytes(path: file))
        } else if let value = ProcessInfo.processInfo.environment[environmentVariable] {
            passphrase = Array(value.utf8)
        } else {
            passphrase = try prompt("Passphrase: ")
            if confirm, try prompt("Repeat the passphrase: ") != passphrase { throw StegoError.badInput("the passphrases differ") }
        }
        guard !passphrase.isEmpty else { throw StegoError.badInput("the passphrase is empty") }
        return passphrase
    }

    static func firstLine(_ bytes: [UInt8]) -> [UInt8] {
        var line = Array(bytes.prefix { $0 != UInt8(ascii: "\n") })
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    /// One line read from the controlling terminal with echo off.
    static func prompt(_ text: String) throws -> [UInt8] {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else {
            throw StegoError.badInput("no passphrase: give --passphrase-file FILE or set \(environmentVariable) (no terminal to ask on)")
        }
        defer { close(tty) }
        var saved = termios()
        tcgetattr(tty, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        // A Ctrl-C or kill at the prompt must not leave the terminal without echo.
        (echoTerminal, echoSettings) = (tty, saved)
        let previous = TerminationSignals.install(restoreEchoAndDie)
        tcsetattr(tty, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
            TerminationSignals.restore(previous)
        }
        _ = text.withCString { write(tty, $0, strlen($0)) }
        var line: [UInt8] = [], byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        return line
    }
}

nonisolated(unsafe) private var echoTerminal: Int32 = -1
nonisolated(unsafe) private var echoSettings = termios()

/// Puts the terminal's settings back, then dies of the signal as it would have.
private func restoreEchoAndDie(_ signal: Int32) {
    tcsetattr(echoTerminal, TCSANOW, &echoSettings)
    TerminationSignals.resendWithDefaultAction(signal)
}
