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

    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        guard let decoder = avifDecoderCreate(), let avif = avifImageCreateEmpty() else { throw StegoError.runtime("out of memory for AVIF decoding") }
        defer { avifDecoderDestroy(decoder); avifImageDestroy(avif) }
        decoder.pointee.imageSizeLimit = UInt32(min(ImageLimits.maxPixels, Int(UInt32.max)))
        decoder.pointee.maxThreads = Int32(Threads.count)
        let result = avifDecoderReadMemory(decoder, avif, bytes, bytes.count)
        guard result == AVIF_RESULT_OK else { throw StegoError.badInput("\(name): not a valid AVIF image (\(String(cString: avifResultToString(result))))") }
        let (width, height) = (Int(avif.pointee.width), Int(avif.pointee.height))
        guard width > 0, height > 0 else { throw StegoError.badInput("\(name): an AVIF image of no pixels") }
        try ImageLimits.check(width: width, height: height, name: name)
        var image = RGBImage(width: width, height: height)
        var rgb = avifRGBImage()
        avifRGBImageSetDefaults(&rgb, avif)
        rgb.format = AVIF_RGB_FORMAT_RGB
        rgb.depth = 8
        rgb.rowBytes = UInt32(width * 3)
        let converted = image.pixels.withUnsafeMutableBufferPointer { p in
            rgb.pixels = p.baseAddress
            return avifImageYUVToRGB(avif, &rgb)
        }
        guard converted == AVIF_RESULT_OK else { throw StegoError.badInput("\(name): AVIF colour conversion failed") }
        return image
    }
}
