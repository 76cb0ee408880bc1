/// Reads an input image in any format the tool accepts, by its content: PNG or JPEG.
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

    private static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        if bytes.starts(with: JPEGCodec.signature) { return (try JPEGCodec.decode(bytes, name: name), nil) }
        return keepingAlpha ? try PNGCodec.decodeKeepingAlpha(bytes, name: name) : (try PNGCodec.decode(bytes, name: name), nil)
    }
}
