import CSodium

/// The encrypted frame `--method stc` embeds: XChaCha20-Poly1305 (libsodium) over
///
///     kind (1 byte) | content length (4 bytes, little-endian) | content | random padding
///
/// padded to the whole payload, so that its size says nothing of the content's, and followed by
/// the 16-byte tag. Every embedded bit looks random; a wrong key or any changed bit fails the tag.
enum SealedFrame {
    enum Kind: UInt8 {
        case avifImage = 1, pngImage = 2, file = 3, deflatedFile = 4
    }

    static let headerBytes = 5
    static let tagBytes = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
    /// Frame bytes that do not carry content.
    static let overhead = headerBytes + tagBytes

    /// The frame of exactly `bytes` bytes carrying `content`, authenticated with `associated`.
    static func seal(kind: Kind, content: [UInt8], bytes: Int, keys: PassphraseKeys, associated: [UInt8]) throws -> [UInt8] {
        precondition(content.count <= bytes - overhead)
        var plain = [kind.rawValue] + LittleEndian.bytes(content.count) + content
        plain += try Sodium.randomBytes(bytes - overhead - content.count)
        defer { sodium_memzero(&plain, plain.count) }
        var sealed = [UInt8](repeating: 0, count: bytes)
        var sealedLength: UInt64 = 0
        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&sealed, &sealedLength, plain, UInt64(plain.count), associated,
                                                       UInt64(associated.count), nil, keys.nonce, keys.encryption)
        return sealed
    }

    /// The kind and content of a sealed frame; nil when the tag does not verify or the frame is
    /// malformed.
    static func open(_ sealed: [UInt8], keys: PassphraseKeys, associated: [UInt8]) -> (kind: Kind, content: [UInt8])? {
        guard sealed.count >= overhead else { return nil }
        var plain = [UInt8](repeating: 0, count: sealed.count - tagBytes)
        var plainLength: UInt64 = 0
        guard crypto_aead_xchacha20poly1305_ietf_decrypt(&plain, &plainLength, nil, sealed, UInt64(sealed.count), associated,
                                                         UInt64(associated.count), keys.nonce, keys.encryption) == 0 else { return nil }
        let length = LittleEndian.value(plain[1...])
        guard let kind = Kind(rawValue: plain[0]), length <= plain.count - headerBytes else { return nil }
        return (kind, Array(plain[headerBytes..<headerBytes + length]))
    }
}
