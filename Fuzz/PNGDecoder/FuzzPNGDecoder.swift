import Foundation
import StegoKit

/// libFuzzer target (scripts/fuzz.sh png): any bytes either decode to an image or fail with a
/// StegoError; a crash, a hang or a sanitizer report is a bug. Without -DFUZZING the executable
/// replays the files it is given, which is how crashes become regression tests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNGDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    ImageLimits.maxPixels = 16_000_000  // bounded memory per input while fuzzing
    _ = try? PNGCodec.decode(Array(UnsafeBufferPointer(start: data, count: size)), name: "input")
    return 0
}

@main
enum PNGDecoderFuzzing {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc, argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzPNGDecoder))
        #else
        try replay(CommandLine.arguments.dropFirst(), through: fuzzPNGDecoder)
        #endif
    }
}

#if FUZZING
/// libFuzzer's entry for programs with their own main (in its runtime, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32
#endif
