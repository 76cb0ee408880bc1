import Foundation

/// A one-line progress display on stderr, drawn only when stderr is a terminal so that pipes
/// and logs stay clean.
public struct Progress {
    let label: String
    let total: Int
    let enabled: Bool

    public init(label: String, total: Int) {
        self.label = label
        self.total = total
        self.enabled = isatty(STDERR_FILENO) != 0
    }

    public func update(_ done: Int, detail: String = "") {
        guard enabled else { return }
        let text = "\r\(label) \(done)/\(total)" + (detail.isEmpty ? "" : " \(detail)") + "\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
