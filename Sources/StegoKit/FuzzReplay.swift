import Foundation

/// Runs a fuzz target (a libFuzzer `LLVMFuzzerTestOneInput`) once on each file or on every file of
/// each folder: what the fuzz executables do when built without the fuzzer, so that the corpus
/// and any crash found become regression runs (`.ci/run`).
public func replay(_ paths: some Sequence<String>, through target: (UnsafePointer<UInt8>, Int) -> Int32) throws {
    var count = 0
    for path in paths {
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
}
