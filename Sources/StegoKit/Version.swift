import CSodium
import Foundation

/// What `stego --version` prints: the version, and a fingerprint of each shipped weight file, so
/// that a stego image can be matched with the weights that made it.
public enum StegoVersion {
    public static let number = "0.6.0"
    static let weightFiles = ["dlv-hinet.safetensors", "hinet.safetensors", "baluja.safetensors", "detector.safetensors"]

    public static var description: String {
        (["stego \(number)"] + weightFiles.map { name in
            guard let path = ShippedFiles.path(name) else { return "  \(name): not found" }
            guard let bytes = try? InputFile.readBytes(path: path) else { return "  \(name): unreadable (\(path))" }
            return "  \(name): blake2b \(fingerprint(bytes)) (\(path))"
        }).joined(separator: "\n")
    }

    /// The first 12 hexadecimal digits of the BLAKE2b-256 hash of `bytes`.
    public static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash = [UInt8](repeating: 0, count: 32)
        _ = sodium_init()
        crypto_generichash(&hash, 32, bytes, UInt64(bytes.count), nil, 0)
        return hash.prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
