/// The 4-byte little-endian numbers of stc's formats: the header word, the frame's content length,
/// a deflated file's original length and the image size in the associated data.
enum LittleEndian {
    static func bytes(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// The number in the first 4 bytes of `bytes`.
    static func value(_ bytes: some Collection<UInt8>) -> Int { bytes.prefix(4).reversed().reduce(0) { $0 << 8 | Int($1) } }
}
