import CJPEG
import CPNG
import Foundation

/// An input's embedded ICC colour profile (a PNG's iCCP chunk, a JPEG's APP2 segments). Hide writes
/// the cover's into the stego image, so that colour-managed viewers show it in the cover's colours:
/// a phone's Display P3 photo or a Mac's screenshot written out marked sRGB would look duller than
/// its cover. The pixels are never converted; only the label travels with them.
public struct ColourProfile: Equatable, Sendable {
    /// The profile as an ICC file holds it.
    public let icc: [UInt8]

    public init(icc: [UInt8]) { self.icc = icc }

    /// The profile a PNG or JPEG file's bytes carry; nil where there is none, or it is unreadable
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
            }
        }
        guard let data, length > 0 else { return nil }
        icc = Array(UnsafeBufferPointer(start: data, count: length))
    }
}
