import CJPEG

/// JPEG decoding through libjpeg-turbo (covers and secrets only: a stego image must stay lossless,
/// so nothing is ever written as JPEG). Gray JPEGs are expanded to RGB; CMYK ones are refused.
/// The EXIF orientation is applied: the image comes upright, as viewers show it.
public enum JPEGCodec {
    static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        var width: UInt32 = 0, height: UInt32 = 0
        var message = [CChar](repeating: 0, count: Int(JMSG_LENGTH_MAX))
        func fail() -> StegoError {
            .badInput("\(name): unreadable JPEG (\(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))")
        }
        let header = bytes.withUnsafeBufferPointer { stego_jpeg_decode($0.baseAddress, UInt($0.count), nil, &width, &height, &message) }
        guard header != 0 else { throw fail() }
        try ImageLimits.check(width: Int(width), height: Int(height), name: name)
        guard width > 0, height > 0 else { throw StegoError.badInput("\(name): JPEG has no pixels") }
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * 3)
        let ok = bytes.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { stego_jpeg_decode(source.baseAddress, UInt(source.count), $0.baseAddress, &width, &height, &message) }
        }
        guard ok != 0 else { throw fail() }
        let stored = RGBImage(width: Int(width), height: Int(height), pixels: pixels)
        return ExifOrientation(jpeg: bytes)?.apply(to: stored) ?? stored
    }
}
