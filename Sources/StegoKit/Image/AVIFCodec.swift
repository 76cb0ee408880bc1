import CAVIF
import Foundation

/// AVIF through libavif (AV1 intra coding by libaom): the most quality per byte among the formats
/// measured for the secret of `--method stc` (references: at the bytes 0.1 bits per colour
/// sample of a same-size cover holds, 37.7 dB Y-PSNR against WebP's 36.5 and JPEG's 35.1).
public enum AVIFCodec {
    /// libaom's speed: on a 1024x1024 photo, 6 took 0.5-0.6 s per encode on 2 cores and gave 0.45 dB
    /// more than 8 (0.1 s) at the same bytes.
    public static let speed = 6

    /// AVIF bytes of `image` (4:2:0) at `quantizer`: 0 is the best quality, 63 the smallest file.
    public static func encode(_ image: RGBImage, quantizer: Int) throws -> [UInt8] {
        guard let avif = avifImageCreate(UInt32(image.width), UInt32(image.height), 8, AVIF_PIXEL_FORMAT_YUV420) else {
            throw StegoError.runtime("out of memory for AVIF encoding")
        }
        defer { avifImageDestroy(avif) }
        var rgb = avifRGBImage()
        avifRGBImageSetDefaults(&rgb, avif)
        rgb.format = AVIF_RGB_FORMAT_RGB
        rgb.rowBytes = UInt32(image.width * 3)
        var pixels = image.pixels
        let converted = pixels.withUnsafeMutableBufferPointer { p in
            rgb.pixels = p.baseAddress
            return avifImageRGBToYUV(avif, &rgb)
        }
        guard converted == AVIF_RESULT_OK, let encoder = avifEncoderCreate() else { throw StegoError.runtime("AVIF encoding failed") }
        defer { avifEncoderDestroy(encoder) }
        encoder.pointee.speed = Int32(speed)
        encoder.pointee.minQuantizer = Int32(quantizer)
        encoder.pointee.maxQuantizer = Int32(quantizer)
        encoder.pointee.maxThreads = Int32(Threads.count)
        var output = avifRWData(data: nil, size: 0)
        defer { avifRWDataFree(&output) }
        let result = avifEncoderWrite(encoder, avif, &output)
        guard result == AVIF_RESULT_OK, let data = output.data else {
            throw StegoError.runtime("AVIF encoding failed: \(String(cString: avifResultToString(result)))")
        }
        return Array(UnsafeBufferPointer(start: data, count: output.size))
    }

    /// The best-quality encoding of at most `budget` bytes; nil when even the smallest is larger.
    public static func encode(_ image: RGBImage, fitting budget: Int) throws -> (bytes: [UInt8], quantizer: Int)? {
        try smallestFitting(budget: budget) { try encode(image, quantizer: $0) }
    }

    /// The smallest quantizer (0...63) whose file from `encode` fits in `budget` bytes, and that file.
    /// Files shrink as the quantizer rises, in the middle of the range by about 5% a step, faster
    /// near 0: each next quantizer is where the logarithm of the size, on the line through the
    /// nearest sizes known on either side of the budget, crosses it (5% a step from the one size
    /// known, at first), or the middle of what is left where the last two encodes fell on the same
    /// side (a convex curve, or a flat one, would otherwise be crept up on from one side). On the
    /// validation photos this took 4.8 encodes on average where a binary search takes 6. (A search at
    /// a faster speed cannot stand in for the final one: its sizes differ from the final speed's by
    /// up to a factor of 2, either way, from photo to photo.)
    static func smallestFitting(budget: Int, encode: (Int) throws -> [UInt8]) rethrows -> (bytes: [UInt8], quantizer: Int)? {
        var fitting: (quantizer: Int, bytes: [UInt8])?  // the smallest quantizer known to fit
        var tooLarge: (quantizer: Int, size: Int)?      // the largest known not to
        var quantizer = 32, lastFitted: Bool?
        let logSize = { (size: Int) in log(Double(max(size, 1))) }
        while true {
            let bytes = try encode(quantizer)
            let fits = bytes.count <= budget, sameSideTwice = fits == lastFitted
            lastFitted = fits
            if fits { fitting = (quantizer, bytes) } else { tooLarge = (quantizer, bytes.count) }
            let low = (tooLarge?.quantizer ?? -1) + 1, high = (fitting?.quantizer ?? 64) - 1
            guard low <= high else { return fitting.map { ($0.bytes, $0.quantizer) } }
            let guess: Double
            switch (tooLarge, fitting) {
            case _ where sameSideTwice:
                guess = Double(low + high) / 2
            case let (large?, small?):
                let (x0, y0, x1, y1) = (Double(large.quantizer), logSize(large.size), Double(small.quantizer), logSize(small.bytes.count))
                guess = y0 == y1 ? Double(low + high) / 2 : x0 + (logSize(budget) - y0) * (x1 - x0) / (y1 - y0)
            default:
                let (x, size) = tooLarge ?? (fitting!.quantizer, fitting!.bytes.count)
                guess = Double(x) + min(16, max(-16, (logSize(size) - logSize(budget)) / 0.05))
            }
            quantizer = min(max(Int(guess.rounded(.up)), low), high)
        }
    }

    /// Whether `bytes` begin an AVIF file: an ISO media file whose brands include AVIF's, or whose
    /// first brand is AVIF's (then a damaged one, which the decoder reports as such).
    static func isAVIF(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8), ["avif", "avis"].contains(String(decoding: bytes[8..<12], as: UTF8.self)) {
            return true
        }
        return bytes.withUnsafeBufferPointer { file in
            var data = avifROData(data: file.baseAddress, size: file.count)
            return avifPeekCompatibleFileType(&data) != 0
        }
    }

    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    /// The image of an AVIF file as viewers show it: its clean aperture, rotation and mirroring
    /// applied, in that order (MIAF's), and an alpha channel kept for a cover (`keepingAlpha`) or
    /// composited onto black, as for PNG. A sequence of several images is refused.
    static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        guard let decoder = avifDecoderCreate() else { throw StegoError.runtime("out of memory for AVIF decoding") }
        defer { avifDecoderDestroy(decoder) }
        decoder.pointee.maxThreads = Int32(Threads.count)  // libavif's own size limit stays: ours is checked after parsing
        // Read what viewers read, older writers' files included; an invalid clean aperture is then ignored.
        decoder.pointee.strictFlags = AVIF_STRICT_DISABLED.rawValue
        func failure(_ result: avifResult) -> StegoError {
            .badInput("\(name): not a valid AVIF image (\(String(cString: avifResultToString(result))))")
        }
        return try bytes.withUnsafeBufferPointer { file in  // the decoder reads the bytes in place
            var result = avifDecoderSetIOMemory(decoder, file.baseAddress, file.count)
            if result == AVIF_RESULT_OK { result = avifDecoderParse(decoder) }
            guard result == AVIF_RESULT_OK, let avif = decoder.pointee.image else { throw failure(result) }
            guard decoder.pointee.imageCount <= 1 else {
                throw StegoError.badInput("\(name): an AVIF image sequence; save the frame to use as PNG first")
            }
            let (width, height) = (Int(avif.pointee.width), Int(avif.pointee.height))
            guard width > 0, height > 0 else { throw StegoError.badInput("\(name): an AVIF image of no pixels") }
            try ImageLimits.check(width: width, height: height, name: name)
            result = avifDecoderNextImage(decoder)
            guard result == AVIF_RESULT_OK else { throw failure(result) }
            let channels = avif.pointee.alphaPlane != nil ? 4 : 3
            var samples = [UInt8](repeating: 0, count: width * height * channels)
            var rgb = avifRGBImage()
            avifRGBImageSetDefaults(&rgb, avif)
            rgb.format = channels == 4 ? AVIF_RGB_FORMAT_RGBA : AVIF_RGB_FORMAT_RGB
            rgb.depth = 8
            rgb.rowBytes = UInt32(width * channels)
            let converted = samples.withUnsafeMutableBufferPointer { p in
                rgb.pixels = p.baseAddress
                return avifImageYUVToRGB(avif, &rgb)
            }
            guard converted == AVIF_RESULT_OK else { throw StegoError.badInput("\(name): AVIF colour conversion failed") }
            var shown = (samples: samples, width: width, height: height)
            if let rect = cleanAperture(of: avif) {
                shown = (cropped(samples, width: width, channels: channels, to: rect), Int(rect.width), Int(rect.height))
            }
            for turn in turns(of: avif) {
                shown = turn.apply(to: shown.samples, width: shown.width, height: shown.height, channels: channels)
            }
            if channels == 3 { return (RGBImage(width: shown.width, height: shown.height, pixels: shown.samples), nil) }
            return AlphaChannel.image(shown.samples, width: shown.width, height: shown.height, keepingAlpha: keepingAlpha)
        }
    }

    /// The rectangle an image's clap property keeps; nil without one, or where it is invalid.
    private static func cleanAperture(of avif: UnsafeMutablePointer<avifImage>) -> avifCropRect? {
        guard avif.pointee.transformFlags & AVIF_TRANSFORM_CLAP.rawValue != 0 else { return nil }
        var rect = avifCropRect(), diagnostics = avifDiagnostics()
        let valid = avifCropRectConvertCleanApertureBox(&rect, &avif.pointee.clap, avif.pointee.width, avif.pointee.height,
                                                        avif.pointee.yuvFormat, &diagnostics)
        return valid != 0 && rect.width > 0 && rect.height > 0 ? rect : nil
    }

    /// The irot property's anti-clockwise quarter turns, then the imir property's mirroring.
    private static func turns(of avif: UnsafeMutablePointer<avifImage>) -> [ExifOrientation] {
        let flags = avif.pointee.transformFlags
        var turns: [ExifOrientation] = []
        if flags & AVIF_TRANSFORM_IROT.rawValue != 0 {
            turns += [[], [.rotate270], [.rotate180], [.rotate90]][Int(avif.pointee.irot.angle & 3)]
        }
        if flags & AVIF_TRANSFORM_IMIR.rawValue != 0 {
            turns.append(stego_avif_mirror_axis(avif) == 0 ? .flipVertical : .flipHorizontal)
        }
        return turns
    }

    /// The `rect` of interleaved `samples` (`channels` per pixel, rows of `width` pixels).
    private static func cropped(_ samples: [UInt8], width: Int, channels: Int, to rect: avifCropRect) -> [UInt8] {
        let (x, y, rowLength) = (Int(rect.x), Int(rect.y), Int(rect.width) * channels)
        return (0..<Int(rect.height)).flatMap { row in
            let start = ((y + row) * width + x) * channels
            return samples[start..<(start + rowLength)]
        }
    }
}
