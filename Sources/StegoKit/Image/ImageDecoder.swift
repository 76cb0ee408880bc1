/// Reads an input image in any format the tool accepts, by its content: PNG or JPEG.
public enum ImageDecoder {
    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    public static func read(path: String) throws -> RGBImage {
        try decode(InputFile.readBytes(path: path), name: path)
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
        return keepingAlpha ? try PNGCodec.decodeKeepingAlpha(bytes, name: name) : (try PNGCodec.decode(bytes, name: name), nil)
    }
}
