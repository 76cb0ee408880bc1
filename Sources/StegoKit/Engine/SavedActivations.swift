/// Whether forward passes save what their backward needs (like PyTorch's `torch.no_grad()`
/// when off). Inference runs inside `Gradients.withoutRecording` and saves nothing.
public enum Gradients {
    nonisolated(unsafe) public private(set) static var isRecording = true

    public static func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
        let previous = isRecording
        isRecording = false
        defer { isRecording = previous }
        return try body()
    }
}

/// What a module saves in forward for its backward. A module may run several times before any
/// backward (HiNet runs each block forward to hide and inverse to reveal, then back-propagates
/// through both), so saved values form a stack: each backward pops what the matching forward
/// pushed, in reverse order of the forwards.
struct SavedActivations<Value> {
    private var stack: [Value] = []

    mutating func push(_ value: Value) {
        if Gradients.isRecording { stack.append(value) }
    }

    mutating func pop(_ module: String) -> Value {
        guard let value = stack.popLast() else { preconditionFailure("\(module): backward without a recorded forward") }
        return value
    }

    mutating func removeAll() { stack.removeAll() }
}
