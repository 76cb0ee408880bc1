/// Reads an input image in any format the tool accepts, by its content: PNG, JPEG, WebP, AVIF or
/// HEIC.
public enum ImageDecoder {
    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    public static func read(path: String) throws -> RGBImage {
        try decode(InputFile.readBytes(path: path), name: path)
    }

    /// The image and, for a PNG with an alpha channel, its alpha (see `PNGCodec.decodeKeepingAlpha`).
    public static func readKeepingAlpha(path: String) throws -> (image: RGBImage, alpha: [UInt8]?) {
        try decode(InputFile.readBytes(path: path), name: path, keepingAlpha: true)
    }

    /// The image as a cover is kept: for a PNG with an alpha channel the stored colour and its alpha
    /// (see `PNGCodec.decodeKeepingAlpha`), and the file's colour profile, if it has one.
    public static func readAsStored(path: String) throws -> (image: RGBImage, alpha: [UInt8]?, profile: ColourProfile?) {
        let bytes = try InputFile.readBytes(path: path)
        let (image, alpha) = try decode(bytes, name: path, keepingAlpha: true)
        return (image, alpha, ColourProfile(in: bytes))
    }

    private static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        if bytes.starts(with: JPEGCodec.signature) { return (try JPEGCodec.decode(bytes, name: name), nil) }
        if WebPCodec.isWebP(bytes) { return try WebPCodec.decode(bytes, name: name, keepingAlpha: keepingAlpha) }
        if AVIFCodec.isAVIF(bytes) { return try AVIFCodec.decode(bytes, name: name, keepingAlpha: keepingAlpha) }
        if HEIFCodec.isHEIC(bytes) { return try HEIFCodec.decode(bytes, name: name, keepingAlpha: keepingAlpha) }
        guard bytes.isEmpty || bytes.starts(with: PNGCodec.signature) else {  // PNGCodec reports an empty file
            throw StegoError.badInput("\(name): not a PNG, JPEG, WebP, AVIF or HEIC image (\(otherFormat(bytes)))")
        }
        return keepingAlpha ? try PNGCodec.decodeKeepingAlpha(bytes, name: name) : (try PNGCodec.decode(bytes, name: name), nil)
    }

    /// Names common formats the tool does not read, so that the error says what the file is and
    /// what to do.
    private static func otherFormat(_ bytes: [UInt8]) -> String {
        let convert = ": convert it to PNG or JPEG first"
        if bytes.starts(with: Array("GIF8".utf8)) { return "looks like GIF" + convert }
        if bytes.starts(with: Array("BM".utf8)) { return "looks like BMP" + convert }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "looks like TIFF" + convert }
        if bytes.starts(with: [0xFF, 0x0A]) || bytes.starts(with: [0, 0, 0, 0x0C] + Array("JXL ".utf8)) { return "looks like JPEG XL" + convert }
        return "no image signature known to it"
    }
}
