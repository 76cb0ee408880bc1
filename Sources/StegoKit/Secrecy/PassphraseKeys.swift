import CSodium

/// The keys one hide or reveal with `--method stc` uses, all derived from the passphrase and a
/// random salt: Argon2id (libsodium's crypto_pwhash, memory-hard, so that each guess at a
/// passphrase costs an attacker `memoryLimit` of memory and 3 passes over it: 0.15 s here) gives a master
/// key, and crypto_kdf splits it into independent subkeys.
public struct PassphraseKeys: Sendable {
    public static let saltBytes = 16
    /// Argon2id passes and memory: fixed by the format (a reveal must use what the hide used).
    public static let operationsLimit = 3
    public static let memoryLimit = 64 << 20

    /// Seeds the order of the samples that carry the frame.
    public let order: [UInt8]
    /// XChaCha20-Poly1305 key and nonce (a fresh salt makes both unique to one stego image).
    public let encryption: [UInt8]
    public let nonce: [UInt8]
    /// XORed onto the public header, so that it looks random without the passphrase.
    public let headerMask: [UInt8]

    public init(passphrase: [UInt8], salt: [UInt8]) throws {
        precondition(salt.count == Self.saltBytes)
        try Sodium.ready()
        var master = [UInt8](repeating: 0, count: 32)
        var characters = passphrase.map { CChar(bitPattern: $0) }
        defer { sodium_memzero(&characters, characters.count) }
        let status = crypto_pwhash(&master, 32, characters, UInt64(characters.count), salt, UInt64(Self.operationsLimit),
                                   Self.memoryLimit, crypto_pwhash_ALG_ARGON2ID13)
        guard status == 0 else { throw StegoError.runtime("key derivation failed: not enough memory for Argon2id (\(Self.memoryLimit >> 20) MiB)") }
        defer { sodium_memzero(&master, master.count) }
        func subkey(_ id: UInt64, _ count: Int) -> [UInt8] {
            var key = [UInt8](repeating: 0, count: count)
            _ = crypto_kdf_derive_from_key(&key, count, id, "stegostc", master)
            return key
        }
        order = subkey(1, 32)
        encryption = subkey(2, 32)
        nonce = subkey(3, 24)
        headerMask = subkey(4, 16)
    }
}

/// libsodium's one-time initialisation, and its random bytes.
enum Sodium {
    static func ready() throws {
        guard sodium_init() >= 0 else { throw StegoError.runtime("libsodium could not be initialised") }
    }

    /// `count` bytes from the system's secure random source.
    static func randomBytes(_ count: Int) throws -> [UInt8] {
        try ready()
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// `count` bytes of ChaCha20 keystream for the 32-byte `seed`, from byte `offset` (a multiple of
    /// 64): libsodium's `randombytes_buf_deterministic` stream (ChaCha20-IETF under its fixed nonce),
    /// a piece at a time, so that a long stream never has to be held whole.
    static func stream(_ count: Int, seed: [UInt8], offset: Int = 0) -> [UInt8] {
        precondition(seed.count == 32 && offset % 64 == 0 && offset / 64 < 1 << 32)
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        bytes.withUnsafeMutableBufferPointer { bytes in
            _ = crypto_stream_chacha20_ietf_xor_ic(bytes.baseAddress!, bytes.baseAddress!, UInt64(count), deterministicNonce, UInt32(offset / 64), seed)
        }
        return bytes
    }

    static let deterministicNonce = Array("LibsodiumDRG".utf8)
}
