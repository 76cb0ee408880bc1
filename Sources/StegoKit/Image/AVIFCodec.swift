import CAVIF

/// AVIF through libavif (AV1 intra coding by libaom): the most quality per byte among the formats
/// measured for the secret of `--method stc` (references: at the bytes 0.1 bits per colour
/// sample of a same-size cover holds, 37.7 dB Y-PSNR against WebP's 36.5 and JPEG's 35.1).
public enum AVIFCodec {
    /// libaom's speed for the file written: on a 1024x1024 photo, 6 took 0.5-0.6 s per encode on 2
    /// cores and gave 0.45 dB more than 8 (0.1 s) at the same bytes; 8 finds the quantizer first.
    public static let speed = 6, searchSpeed = 8

    /// AVIF bytes of `image` (4:2:0) at `quantizer`: 0 is the best quality, 63 the smallest file.
    public static func encode(_ image: RGBImage, quantizer: Int, speed: Int = speed) throws -> [UInt8] {
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
    /// The file size falls as the quantizer rises: a binary search at the fast speed, then a walk
    /// from there at the final speed (whose files at a quantizer are about 2 steps larger).
    public static func encode(_ image: RGBImage, fitting budget: Int) throws -> (bytes: [UInt8], quantizer: Int)? {
        var (low, high) = (0, 64)  // the fast search: the first quantizer that fits is in low...high (64: none)
        while low < high {
            let middle = (low + high) / 2
            if try encode(image, quantizer: middle, speed: searchSpeed).count <= budget { high = middle } else { low = middle + 1 }
        }
        var quantizer = min(low + 2, 63)
        var bytes = try encode(image, quantizer: quantizer)
        guard bytes.count <= budget else {
            while quantizer < 63 {
                quantizer += 1
                bytes = try encode(image, quantizer: quantizer)
                if bytes.count <= budget { return (bytes, quantizer) }
            }
            return nil
        }
        while quantizer > 0 {
            let better = try encode(image, quantizer: quantizer - 1)
            guard better.count <= budget else { break }
            (bytes, quantizer) = (better, quantizer - 1)
        }
        return (bytes, quantizer)
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
