import FuzzSupport
import StegoKit

/// libFuzzer target (scripts/fuzz.sh png): any bytes given as an input image (PNG, or JPEG, WebP,
/// AVIF or HEIC by its signature) either decode or fail with a StegoError, and have a colour profile or
/// none; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNGDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    ImageLimits.maxPixels = 4_000_000  // bounded memory and time per input while fuzzing
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ImageDecoder.decode(bytes, name: "input")
    _ = ColourProfile(in: bytes)
    return 0
}

@main
enum PNGDecoderFuzzing {
    static func main() throws { try runFuzzTarget(fuzzPNGDecoder) }
}
