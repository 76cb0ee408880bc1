import FuzzSupport
import StegoKit

/// libFuzzer target (scripts/fuzz.sh safetensors): any bytes as a `--model` file either load into
/// a network or fail with a StegoError, never crash or allocate without bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensorsReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? SafeTensors.decode(bytes) {
        _ = try? HidingNetwork(checkpoint: file, source: "input", expectedDualLatent: nil)
        _ = try? BalujaNetwork(checkpoint: file, source: "input")
    }
    return 0
}

@main
enum SafeTensorsReaderFuzzing {
    static func main() throws { try runFuzzTarget(fuzzSafeTensorsReader) }
}
