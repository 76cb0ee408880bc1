import CWebP

/// WebP decoding through libwebp: lossy and lossless stills, with or without alpha, as covers and
/// secrets (nothing is written as WebP: a stego image stays PNG). An animation is refused rather
/// than reduced to its first frame without a word.
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
        if channels == 3 { return (RGBImage(width: width, height: height, pixels: samples), nil) }
        return AlphaChannel.image(samples, width: width, height: height, keepingAlpha: keepingAlpha)
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
