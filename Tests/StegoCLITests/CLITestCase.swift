import Foundation
import XCTest

/// Runs the built `stego` executable in a scratch folder.
class CLITestCase: XCTestCase {
    var folder: String!
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("StegoKitTests/Fixtures").path

    /// SwiftPM builds the test executable (`*.xctest` on Linux) into the same folder as `stego`.
    static let executable = Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("stego").path

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/stego-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    struct Result {
        var status: Int32
        /// Standard output as bytes (a PNG for `-o -`) and as text.
        var output: Data
        var stdout: String { String(decoding: output, as: UTF8.self) }
        var stderr: String
    }

    @discardableResult
    func stego(_ arguments: String...) throws -> Result { try stego(arguments) }

    /// Runs stego with `arguments`, and `input` on its standard input (none by default), with
    /// `environment` added to this process's; `detached` runs it in a new session, with no
    /// terminal to ask a passphrase on.
    @discardableResult
    func stego(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:], detached: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: detached ? "/usr/bin/setsid" : Self.executable)
        process.arguments = detached ? ["--wait", Self.executable] + arguments : arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited["STEGO_PASSPHRASE"] = nil
        process.environment = inherited.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    func fixture(_ relative: String) -> String { Self.fixtures + "/" + relative }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + name) }
}
