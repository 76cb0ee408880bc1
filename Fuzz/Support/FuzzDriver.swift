import Foundation
import StegoKit

/// Runs a fuzz target (libFuzzer's `LLVMFuzzerTestOneInput` signature). Built with -DFUZZING
/// (scripts/fuzz.sh), libFuzzer drives it; otherwise it runs once on each file, or every file of
/// each folder, given on the command line, so that the corpus and any crash found become
/// regression runs (`.ci/run`).
public func runFuzzTarget(_ target: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) throws {
    #if FUZZING
    var argc = CommandLine.argc, argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
    #else
    var count = 0
    for path in CommandLine.arguments.dropFirst() {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let files = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 } : [path]
        for file in files {
            let bytes = try InputFile.readBytes(path: file)
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            count += 1
        }
    }
    print("replayed \(count) inputs")
    #endif
}

#if FUZZING
/// libFuzzer's entry for programs with their own main (in its runtime, linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32
#endif
