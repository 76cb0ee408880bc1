/// Reads an input image in any format the tool accepts, by its content: PNG or JPEG.
public enum ImageDecoder {
    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        bytes.starts(with: JPEGCodec.signature) ? try JPEGCodec.decode(bytes, name: name) : try PNGCodec.decode(bytes, name: name)
    }

    public static func read(path: String) throws -> RGBImage {
        try decode(InputFile.readBytes(path: path), name: path)
    }

    /// The image and, for a PNG with an alpha channel, its alpha (see `PNGCodec.decodeKeepingAlpha`).
    public static func readKeepingAlpha(path: String) throws -> (image: RGBImage, alpha: [UInt8]?) {
        let bytes = try InputFile.readBytes(path: path)
        return bytes.starts(with: JPEGCodec.signature) ? (try JPEGCodec.decode(bytes, name: path), nil)
                                                       : try PNGCodec.decodeKeepingAlpha(bytes, name: path)
    }
}
