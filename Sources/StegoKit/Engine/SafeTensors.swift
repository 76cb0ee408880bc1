import Foundation

/// The safetensors checkpoint format (what PyTorch's `safetensors.torch.save_file` writes):
/// an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype,
/// shape and byte range, an optional `__metadata__` map of strings, then the raw little-endian
/// data. Float32 and float16 tensors are read and written; values are held as Float.
public struct SafeTensors: Sendable {
    public enum DType: String, Sendable { case f32 = "F32", f16 = "F16" }

    public struct Entry: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]

        public init(shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
            self.shape = shape
            self.values = values
        }
    }

    public var tensors: [String: Entry]
    public var metadata: [String: String]

    public init(tensors: [String: Entry] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public static func read(path: String) throws -> SafeTensors {
        do {
            return try decode(InputFile.readBytes(path: path))
        } catch let StegoError.badInput(message) where !message.hasPrefix(path) {
            throw StegoError.badInput("\(path): \(message)")
        }
    }

    public static func decode(_ bytes: [UInt8]) throws -> SafeTensors {
        func bad(_ why: String) -> StegoError { .badInput("not a valid safetensors file (\(why))") }
        guard bytes.count >= 8 else { throw bad("shorter than its 8-byte header length") }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else { throw bad("header length \(headerLength) exceeds the file") }
        let dataStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw bad("header is not a JSON object")
        }
        var result = SafeTensors()
        if let meta = header["__metadata__"] {
            guard let meta = meta as? [String: String] else { throw bad("__metadata__ is not a map of strings") }
            result.metadata = meta
        }
        let dataLength = bytes.count - dataStart
        for (name, info) in header where name != "__metadata__" {
            guard let info = info as? [String: Any], let dtypeName = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2
            else { throw bad("entry \(name) lacks dtype, shape or data_offsets") }
            guard let dtype = DType(rawValue: dtypeName) else { throw bad("\(name) has unsupported dtype \(dtypeName)") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw bad("\(name) has a negative dimension") }
            let width = dtype == .f32 ? 4 : 2
            var count = 1, overflow = false
            for d in shape + [width] where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: d) }
            guard !overflow else { throw bad("\(name) has a shape \(shape) too large to exist") }
            count /= width
            guard offsets[0] >= 0, offsets[1] >= offsets[0], offsets[1] <= dataLength else {
                throw bad("\(name) lies outside the file (truncated?)")
            }
            guard offsets[1] - offsets[0] == count * width else { throw bad("\(name) has \(offsets[1] - offsets[0]) bytes for shape \(shape)") }
            let start = dataStart + offsets[0]
            let values: [Float] = bytes.withUnsafeBytes { raw in
                (0..<count).map { i in
                    dtype == .f32
                        ? Float(bitPattern: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self).littleEndian)
                        : Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self).littleEndian))
                }
            }
            result.tensors[name] = Entry(shape: shape, values: values)
        }
        return result
    }

    /// Encodes with every tensor in `dtype`, in name order (deterministic output).
    public func encode(dtype: DType = .f32) throws -> [UInt8] {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var data: [UInt8] = []
        for name in tensors.keys.sorted() {
            let entry = tensors[name]!
            let begin = data.count
            for v in entry.values {
                switch dtype {
                case .f32: withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
                case .f16: withUnsafeBytes(of: Float16(v).bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
            }
            header[name] = ["dtype": dtype.rawValue, "shape": entry.shape, "data_offsets": [begin, data.count]] as [String: Any]
        }
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        return out + json + data
    }
}
