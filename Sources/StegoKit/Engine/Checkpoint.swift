/// Saving parameters (and optionally optimizer state) to safetensors under their state_dict
/// names, and loading them back with every name and shape checked.
public enum Checkpoint {
    public static func tensors(of parameters: [Parameter]) -> [String: SafeTensors.Entry] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, SafeTensors.Entry(shape: $0.shape, values: $0.value.array)) })
    }

    /// Copies the file's tensors into `parameters`; every parameter must be present with its shape.
    public static func load(_ file: SafeTensors, into parameters: [Parameter], source: String) throws {
        for p in parameters {
            guard let entry = file.tensors[p.name] else {
                throw StegoError.badInput("\(source): no tensor \(p.name) (a checkpoint of another method or size?)")
            }
            guard entry.shape == p.shape else {
                throw StegoError.badInput("\(source): \(p.name) has shape \(entry.shape), expected \(p.shape)")
            }
            try requireFinite(entry, name: p.name, source: source)
            entry.values.withUnsafeBufferPointer { p.value.pointer.update(from: $0.baseAddress!, count: p.count) }
        }
    }

    /// Refuses a tensor holding NaN or infinity: weights a diverged run wrote, to be named, not used.
    static func requireFinite(_ entry: SafeTensors.Entry, name: String, source: String) throws {
        guard entry.values.allSatisfy(\.isFinite) else {
            throw StegoError.badInput("\(source): \(name) holds values that are not finite (NaN or infinity)")
        }
    }
}
