import CPNG
import Foundation

/// PNG decoding through libpng's simplified `png_image` API, which handles every colour type, bit
/// depth and interlacing itself and reports errors in `message` (it catches its own longjmp, so
/// nothing unwinds through Swift frames); encoding through libpng's full API in a C function
/// (Sources/CPNG/shim.h) that does the same.
///
/// Decoding always yields 8-bit RGB: gray is replicated, palettes are expanded, 16-bit samples are
/// scaled to 8 bits (assumed sRGB-encoded when the file has no gAMA/sRGB chunk), and an alpha
/// channel is composited onto black (or, for a cover, kept beside the stored colour): see
/// `AlphaChannel`.
public enum PNGCodec {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes PNG bytes; `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    /// Decodes PNG bytes to RGB and, when the file has an alpha channel, its alpha: the RGB is then
    /// the stored colour, not composited, so that writing both back gives the same picture.
    public static func decodeKeepingAlpha(_ bytes: [UInt8], name: String) throws -> (image: RGBImage, alpha: [UInt8]?) {
        try decode(bytes, name: name, keepingAlpha: true)
    }

    private static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        let stored = try decodeStored(bytes, name: name, keepingAlpha: keepingAlpha)
        guard let orientation = ExifOrientation(png: bytes), orientation != .identity else { return stored }
        let alpha = stored.alpha.map {
            orientation.apply(to: $0, width: stored.image.width, height: stored.image.height, channels: 1).samples
        }
        return (orientation.apply(to: stored.image), alpha)
    }

    /// The pixels as stored, before the eXIf chunk's turn.
    private static func decodeStored(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        guard !bytes.isEmpty else { throw StegoError.badInput("\(name): file is empty") }
        guard bytes.starts(with: signature) else {
            throw StegoError.badInput("\(name): not a PNG file")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let began = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard began != 0 else { throw StegoError.badInput("\(name): unreadable PNG (\(message(of: &image)))") }
        let width = Int(image.width), height = Int(image.height)
        try ImageLimits.check(width: width, height: height, name: name)
        if bytes[24] == 16 && bytes[28] == 1 {  // IHDR (always first): bit depth, interlace method
            return try decodeStored(deinterlaced(bytes, name: name), name: name, keepingAlpha: keepingAlpha)
        }
        let alpha = image.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
        let channels = alpha ? 4 : 3
        image.format = png_uint_32(PNG_FORMAT_RGB) | (alpha ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0)
        image.flags |= png_uint_32(PNG_IMAGE_FLAG_16BIT_sRGB)
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&image, nil, $0.baseAddress, png_int_32(width * channels), nil)
        }
        guard finished != 0 else { throw StegoError.badInput("\(name): corrupt PNG (\(message(of: &image)))") }
        guard alpha else { return (RGBImage(width: width, height: height, pixels: pixels), nil) }
        // Composited here, not by libpng, whose 8-bit linear tables turn dark samples under partial
        // alpha to black; so WebP and AVIF inputs composite the same way.
        return AlphaChannel.image(pixels, width: width, height: height, keepingAlpha: keepingAlpha)
    }

    /// The same image without interlacing (see stego_png_deinterlace).
    static func deinterlaced(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        try output(failure: { .badInput("\(name): corrupt PNG (\($0))") }) { sink in
            bytes.withUnsafeBufferPointer { stego_png_deinterlace($0.baseAddress, $0.count, &sink) }
        }
    }

    /// zlib level 4 rather than libpng's default 6: on 1024x1024 stego and revealed photos,
    /// encoding took 125 ms instead of 286 ms for files 1.6% larger (docs/engine.md).
    static let compressionLevel: Int32 = 4

    /// Encodes an 8-bit RGB PNG (adaptive row filters), or RGBA with `alpha` (one sample per
    /// pixel), marked with `profile` (a cover's, for its stego image) or else as sRGB.
    public static func encode(_ rgb: RGBImage, alpha: [UInt8]? = nil, profile: ColourProfile? = nil) throws -> [UInt8] {
        let (pixels, channels) = alpha.map { alpha in
            precondition(alpha.count == rgb.width * rgb.height)
            return ((0..<alpha.count * 4).map { $0 % 4 == 3 ? alpha[$0 / 4] : rgb.pixels[$0 / 4 * 3 + $0 % 4] }, 4)
        } ?? (rgb.pixels, 3)
        return try output(failure: { .runtime("PNG encoding failed (\($0))") }) { sink in
            pixels.withUnsafeBufferPointer { pixels in
                (profile?.icc ?? []).withUnsafeBufferPointer { icc in
                    stego_png_encode(pixels.baseAddress, Int32(channels), png_uint_32(rgb.width), png_uint_32(rgb.height),
                                     compressionLevel, profile == nil ? nil : icc.baseAddress, png_uint_32(icc.count), &sink)
                }
            }
        }
    }

    /// The bytes a C function of shim.h writes into a sink; libpng's error, caught in C, comes
    /// back as the sink's message.
    private static func output(failure: (String) -> StegoError, _ fill: (inout stego_png_sink) -> Int32) throws -> [UInt8] {
        var sink = stego_png_sink()
        defer { free(sink.data) }
        guard fill(&sink) != 0 else {
            throw failure(withUnsafeBytes(of: &sink.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) })
        }
        return Array(UnsafeBufferPointer(start: sink.data, count: sink.size))
    }

    /// Reads and decodes a PNG file.
    public static func read(path: String) throws -> RGBImage {
        try decode(InputFile.readBytes(path: path), name: path)
    }

    private static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return text.isEmpty ? "unknown libpng error" : text
    }
}
