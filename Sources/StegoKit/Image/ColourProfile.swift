import CAVIF
import CJPEG
import CPNG
import CWebP
import Foundation

/// An input's embedded ICC colour profile (a PNG's iCCP chunk, a JPEG's APP2 segments, a WebP's
/// ICCP chunk, an AVIF's or a HEIC's colr property). Hide writes
/// the cover's into the stego image, so that colour-managed viewers show it in the cover's colours:
/// a phone's Display P3 photo or a Mac's screenshot written out marked sRGB would look duller than
/// its cover. The pixels are never converted; only the label travels with them.
public struct ColourProfile: Equatable, Sendable {
    /// The profile as an ICC file holds it.
    public let icc: [UInt8]

    public init(icc: [UInt8]) { self.icc = icc }

    /// The profile an input file's bytes carry; nil where there is none, or it is unreadable
    /// (the image then counts as sRGB, as it did before).
    public init?(in bytes: [UInt8]) {
        var data: UnsafeMutablePointer<UInt8>?
        defer { free(data) }
        var length = 0
        bytes.withUnsafeBufferPointer { file in
            if bytes.starts(with: JPEGCodec.signature) {
                var count: UInt32 = 0
                if stego_jpeg_icc_profile(file.baseAddress, UInt(file.count), &data, &count) != 0 { length = Int(count) }
            } else if bytes.starts(with: PNGCodec.signature) {
                var count: png_uint_32 = 0
                if stego_png_icc_profile(file.baseAddress, file.count, &data, &count) != 0 { length = Int(count) }
            } else if WebPCodec.isWebP(bytes) {
                if stego_webp_chunk(file.baseAddress, file.count, "ICCP", &data, &length) == 0 { length = 0 }
            }
        }
        if let data, length > 0 {
            icc = Array(UnsafeBufferPointer(start: data, count: length))
        } else if AVIFCodec.isAVIF(bytes), let icc = Self.avifProfile(bytes), !icc.isEmpty {
            self.icc = icc
        } else if HEIFCodec.isHEIC(bytes), let icc = HEIFCodec.profile(bytes) {
            self.icc = icc
        } else {
            return nil
        }
    }

    /// An AVIF file's profile, from its header alone (nothing is decoded).
    private static func avifProfile(_ bytes: [UInt8]) -> [UInt8]? {
        guard let decoder = avifDecoderCreate() else { return nil }
        defer { avifDecoderDestroy(decoder) }
        decoder.pointee.strictFlags = AVIF_STRICT_DISABLED.rawValue
        return bytes.withUnsafeBufferPointer { file in
            guard avifDecoderSetIOMemory(decoder, file.baseAddress, file.count) == AVIF_RESULT_OK,
                  avifDecoderParse(decoder) == AVIF_RESULT_OK, let icc = decoder.pointee.image?.pointee.icc, let data = icc.data else { return nil }
            return Array(UnsafeBufferPointer(start: data, count: icc.size))
        }
    }
}
