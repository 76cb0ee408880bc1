import CWebP
import Foundation

/// WebP decoding through libwebp: lossy and lossless stills, with or without alpha, as covers and
/// secrets (nothing is written as WebP: a stego image stays PNG). An animation is refused rather
/// than reduced to its first frame without a word. An EXIF orientation is applied as for a JPEG
/// (`cwebp -metadata exif` keeps a phone photo's sideways pixels and its tag).
public enum WebPCodec {
    /// "RIFF", the file's size, then "WEBP".
    static func isWebP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && bytes.starts(with: Array("RIFF".utf8)) && bytes[8..<12].elementsEqual("WEBP".utf8)
    }

    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    /// The image and, for a cover (`keepingAlpha`) with an alpha channel, its alpha; without
    /// `keepingAlpha` an alpha channel is composited onto black, as for PNG.
    static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        var features = WebPBitstreamFeatures()
        let status = bytes.withUnsafeBufferPointer { WebPGetFeatures($0.baseAddress, $0.count, &features) }
        guard status == VP8_STATUS_OK else { throw StegoError.badInput("\(name): unreadable WebP (\(describe(status)))") }
        guard features.has_animation == 0 else {
            throw StegoError.badInput("\(name): an animated WebP; save the frame to use as PNG first")
        }
        let (width, height) = (Int(features.width), Int(features.height))
        guard width > 0, height > 0 else { throw StegoError.badInput("\(name): WebP has no pixels") }
        try ImageLimits.check(width: width, height: height, name: name)
        let channels = features.has_alpha != 0 ? 4 : 3
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        let decoded = bytes.withUnsafeBufferPointer { file in
            samples.withUnsafeMutableBufferPointer { out in
                let decode = channels == 4 ? WebPDecodeRGBAInto : WebPDecodeRGBInto
                return decode(file.baseAddress, file.count, out.baseAddress, out.count, Int32(width * channels)) != nil
            }
        }
        guard decoded else { throw StegoError.badInput("\(name): corrupt or truncated WebP") }
        let upright = (orientation(bytes) ?? .identity).apply(to: samples, width: width, height: height, channels: channels)
        if channels == 3 { return (RGBImage(width: upright.width, height: upright.height, pixels: upright.samples), nil) }
        return AlphaChannel.image(upright.samples, width: upright.width, height: upright.height, keepingAlpha: keepingAlpha)
    }

    /// The orientation in the file's EXIF chunk; nil where it has none or it is malformed.
    static func orientation(_ bytes: [UInt8]) -> ExifOrientation? {
        var exif: UnsafeMutablePointer<UInt8>?
        defer { free(exif) }
        var length = 0
        let found = bytes.withUnsafeBufferPointer { stego_webp_chunk($0.baseAddress, $0.count, "EXIF", &exif, &length) }
        guard found != 0, let exif else { return nil }
        return ExifOrientation(exif: Array(UnsafeBufferPointer(start: exif, count: length)))
    }

    private static func describe(_ status: VP8StatusCode) -> String {
        switch status {
        case VP8_STATUS_NOT_ENOUGH_DATA: "truncated"
        case VP8_STATUS_UNSUPPORTED_FEATURE: "a feature libwebp does not support"
        case VP8_STATUS_OUT_OF_MEMORY: "out of memory"
        default: "bad bitstream"
        }
    }
}
