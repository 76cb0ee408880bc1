import CZlib

/// zlib's deflate, for files hidden with `--method stc` (kept only when it makes them smaller).
enum Deflate {
    /// The original length (4 bytes, little-endian) and the deflated bytes.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = compress2(&out, &bound, bytes, uLong(bytes.count), Z_BEST_COMPRESSION)
        precondition(status == Z_OK, "deflate into a buffer of compressBound bytes cannot fail")
        return LittleEndian.bytes(bytes.count) + out[0..<Int(bound)]
    }

    /// The bytes `compress` was given; nil when `data` is not its output.
    static func decompress(_ data: [UInt8]) -> [UInt8]? {
        guard data.count >= 4 else { return nil }
        let length = LittleEndian.value(data)
        guard length <= 1032 * data.count else { return nil }  // deflate's largest ratio
        var out = [UInt8](repeating: 0, count: max(length, 1))
        var outLength = uLong(length)
        let rest = Array(data[4...])
        guard uncompress(&out, &outLength, rest, uLong(rest.count)) == Z_OK, Int(outLength) == length else { return nil }
        return Array(out[0..<length])
    }
}
