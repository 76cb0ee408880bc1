import Foundation
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
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc, argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzSafeTensorsReader))
        #else
        try replay(CommandLine.arguments.dropFirst(), through: fuzzSafeTensorsReader)
        #endif
    }
}

#if FUZZING
/// libFuzzer's entry for programs with their own main (in its runtime, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32
#endif
