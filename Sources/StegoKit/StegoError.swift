/// Errors a user can act on. Each renders as one line (`description`) for the CLI.
public enum StegoError: Error, CustomStringConvertible, Equatable {
    /// The input is unusable (unreadable file, not a PNG, wrong size, ...): exit code 2.
    case badInput(String)
    /// Something failed while doing valid work (disk full, rename failed, ...): exit code 1.
    case runtime(String)

    public var description: String {
        switch self {
        case .badInput(let message), .runtime(let message): return message
        }
    }

    public var isBadInput: Bool {
        if case .badInput = self { return true }
        return false
    }
}
