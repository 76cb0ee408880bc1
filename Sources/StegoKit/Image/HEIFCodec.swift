import CHEIF

/// HEIC decoding through libheif (HEVC by libde265): an iPhone's photos, as covers and secrets.
/// The primary image is read as viewers show it: libheif applies its crop, rotation and mirroring,
/// and tiles a grid; more than 8 bits are reduced to 8. Alpha is kept for a cover, else composited
/// onto black, as for PNG.
public enum HEIFCodec {
    /// The first brands of HEVC-coded HEIF files (AVIF's are told apart before: `AVIFCodec.isAVIF`).
    static func isHEIC(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && bytes[4..<8].elementsEqual("ftyp".utf8)
            && ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].contains(String(decoding: bytes[8..<12], as: UTF8.self))
    }

    /// libheif's plugins (its decoders) are registered once, before the first file.
    private static let initialised: Void = { _ = heif_init(nil) }()

    public static func decode(_ bytes: [UInt8], name: String) throws -> RGBImage {
        try decode(bytes, name: name, keepingAlpha: false).image
    }

    static func decode(_ bytes: [UInt8], name: String, keepingAlpha: Bool) throws -> (image: RGBImage, alpha: [UInt8]?) {
        try withPrimaryImage(bytes, name: name) { handle in
            let (width, height) = (Int(heif_image_handle_get_width(handle)), Int(heif_image_handle_get_height(handle)))
            guard width > 0, height > 0 else { throw StegoError.badInput("\(name): HEIC image has no pixels") }
            try ImageLimits.check(width: width, height: height, name: name)
            let channels = heif_image_handle_has_alpha_channel(handle) != 0 ? 4 : 3
            guard let options = heif_decoding_options_alloc() else { throw StegoError.runtime("out of memory for HEIC decoding") }
            defer { heif_decoding_options_free(options) }
            options.pointee.convert_hdr_to_8bit = 1
            var decoded: OpaquePointer?
            try check(heif_decode_image(handle, &decoded, heif_colorspace_RGB,
                                        channels == 4 ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, options), name)
            guard let decoded else { throw StegoError.badInput("\(name): HEIC image did not decode") }
            defer { heif_image_release(decoded) }
            var stride: Int32 = 0
            guard heif_image_get_width(decoded, heif_channel_interleaved) == Int32(width),
                  heif_image_get_height(decoded, heif_channel_interleaved) == Int32(height),
                  let plane = heif_image_get_plane_readonly(decoded, heif_channel_interleaved, &stride) else {
                throw StegoError.badInput("\(name): HEIC image decoded to an unexpected layout")
            }
            let row = width * channels
            var samples = [UInt8](repeating: 0, count: row * height)
            samples.withUnsafeMutableBufferPointer { out in
                for y in 0..<height { (out.baseAddress! + y * row).update(from: plane + y * Int(stride), count: row) }
            }
            if channels == 3 { return (RGBImage(width: width, height: height, pixels: samples), nil) }
            return AlphaChannel.image(samples, width: width, height: height, keepingAlpha: keepingAlpha)
        }
    }

    /// The ICC profile of the file's primary image, from its header alone; nil without one (or
    /// with colour given as code points, nclx).
    static func profile(_ bytes: [UInt8]) -> [UInt8]? {
        try? withPrimaryImage(bytes, name: "") { handle in
            let type = heif_image_handle_get_color_profile_type(handle)
            guard type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC else { return nil }
            var icc = [UInt8](repeating: 0, count: heif_image_handle_get_raw_color_profile_size(handle))
            guard !icc.isEmpty, heif_image_handle_get_raw_color_profile(handle, &icc).code == heif_error_Ok else { return nil }
            return icc
        }
    }

    /// Runs `body` on the primary image of the file `bytes` hold (read in place, not copied).
    private static func withPrimaryImage<T>(_ bytes: [UInt8], name: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        _ = initialised
        guard let context = heif_context_alloc() else { throw StegoError.runtime("out of memory for HEIC decoding") }
        defer { heif_context_free(context) }
        return try bytes.withUnsafeBufferPointer { file in
            try check(heif_context_read_from_memory_without_copy(context, file.baseAddress, file.count, nil), name)
            var handle: OpaquePointer?
            try check(heif_context_get_primary_image_handle(context, &handle), name)
            guard let handle else { throw StegoError.badInput("\(name): HEIC file has no primary image") }
            defer { heif_image_handle_release(handle) }
            return try body(handle)
        }
    }

    private static func check(_ error: heif_error, _ name: String) throws {
        guard error.code != heif_error_Ok else { return }
        throw StegoError.badInput("\(name): unreadable HEIC (\(String(cString: error.message)))")
    }
}
