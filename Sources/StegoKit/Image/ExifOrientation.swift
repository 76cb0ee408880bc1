/// The EXIF orientation of a JPEG, a PNG or a WebP: the turn that shows its stored pixels upright,
/// as photo viewers show them. Cameras store a portrait photo sideways and record `rotate90` or
/// `rotate270`, so a tool that ignored it would hide in, and give back, a sideways image. Rotations
/// are clockwise. (AVIF's rotation and mirroring properties are applied as these turns too:
/// `AVIFCodec`; a WebP's EXIF chunk is read by `init(exif:)` for `WebPCodec`.)
public enum ExifOrientation: Int, Sendable, CaseIterable {
    case identity = 1, flipHorizontal, rotate180, flipVertical, transpose, rotate90, transverse, rotate270

    /// The orientation a JPEG records (tag 0x0112 of IFD0 in an APP1 "Exif" segment before the
    /// scan); nil where it records none, or where the segment is malformed (ignored, as viewers do).
    public init?(jpeg bytes: [UInt8]) {
        var at = 2  // after SOI
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { return nil }  // the scan (or the end) begins
            let end = at + 2 + (Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]))
            guard end >= at + 4, end <= bytes.count else { return nil }
            let segment = bytes[(at + 4)..<end]
            if marker == 0xE1, segment.starts(with: Self.exifHeader), let value = Self.orientation(tiff: Array(segment.dropFirst(6))) {
                guard let orientation = ExifOrientation(rawValue: value) else { return nil }
                self = orientation
                return
            }
            at = end
        }
        return nil
    }

    /// The orientation a PNG's eXIf chunk records, where that chunk comes before the image data
    /// (PNG's third edition puts it there; one after it is ignored, as a viewer that draws rows as
    /// they arrive must); nil as for a JPEG, or where the chunks run past the file's end.
    public init?(png bytes: [UInt8]) {
        var at = 8  // after the signature
        while at + 8 <= bytes.count {
            let length = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            guard type != "IDAT", type != "IEND", at + 12 + length <= bytes.count else { return nil }
            if type == "eXIf" {
                self.init(exif: Array(bytes[(at + 8)..<(at + 8 + length)]))
                return
            }
            at += 12 + length  // length, type, data, CRC
        }
        return nil
    }

    /// The orientation an EXIF block records: a TIFF header and IFD0, as a WebP's EXIF chunk holds
    /// it (some writers put JPEG's "Exif\0\0" before it, skipped); nil as for a JPEG.
    public init?(exif block: [UInt8]) {
        let tiff = block.starts(with: Self.exifHeader) ? Array(block.dropFirst(6)) : block
        guard let value = Self.orientation(tiff: tiff), let orientation = ExifOrientation(rawValue: value) else { return nil }
        self = orientation
    }

    /// What begins an APP1 segment that holds EXIF.
    private static let exifHeader = Array("Exif".utf8) + [0, 0]

    /// The value of the orientation tag in a TIFF header's IFD0.
    private static func orientation(tiff: [UInt8]) -> Int? {
        guard tiff.count >= 8, tiff[0] == tiff[1], tiff[0] == 0x49 || tiff[0] == 0x4D else { return nil }
        let bigEndian = tiff[0] == 0x4D  // "MM"; "II" is little-endian
        func number(at offset: Int, bytes count: Int) -> Int? {
            guard offset >= 0, offset + count <= tiff.count else { return nil }
            let field = tiff[offset..<(offset + count)]
            return (bigEndian ? Array(field) : field.reversed()).reduce(0) { $0 << 8 | Int($1) }
        }
        guard number(at: 2, bytes: 2) == 42, let ifd = number(at: 4, bytes: 4),
              let entries = number(at: ifd, bytes: 2) else { return nil }
        for entry in 0..<entries {
            let at = ifd + 2 + 12 * entry
            guard let tag = number(at: at, bytes: 2) else { return nil }
            guard tag == 0x0112 else { continue }
            // One SHORT (type 3), held in the first two bytes of the value field.
            guard number(at: at + 2, bytes: 2) == 3, number(at: at + 4, bytes: 4) == 1 else { return nil }
            return number(at: at + 8, bytes: 2)
        }
        return nil
    }

    /// `image` (as stored) turned upright: `transpose`, `rotate90`, `transverse` and `rotate270`
    /// swap its width and height.
    public func apply(to image: RGBImage) -> RGBImage {
        let (pixels, width, height) = apply(to: image.pixels, width: image.width, height: image.height, channels: 3)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The same for interleaved `samples` of `channels` per pixel (RGBA keeps its alpha in place).
    func apply(to samples: [UInt8], width storedWidth: Int, height storedHeight: Int, channels: Int) -> (samples: [UInt8], width: Int, height: Int) {
        if self == .identity { return (samples, storedWidth, storedHeight) }
        let (width, height) = rawValue >= 5 ? (storedHeight, storedWidth) : (storedWidth, storedHeight)
        var upright = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { stored in
            upright.withUnsafeMutableBufferPointer { upright in
                for y in 0..<height {
                    for x in 0..<width {
                        let (sx, sy) = storedPosition(x: x, y: y, width: storedWidth, height: storedHeight)
                        let from = (sy * storedWidth + sx) * channels, to = (y * width + x) * channels
                        for c in 0..<channels { upright[to + c] = stored[from + c] }
                    }
                }
            }
        }
        return (upright, width, height)
    }

    /// The stored pixel shown at (`x`, `y`) upright, in an image stored `width` x `height`.
    private func storedPosition(x: Int, y: Int, width: Int, height: Int) -> (Int, Int) {
        switch self {
        case .identity: (x, y)
        case .flipHorizontal: (width - 1 - x, y)
        case .rotate180: (width - 1 - x, height - 1 - y)
        case .flipVertical: (x, height - 1 - y)
        case .transpose: (y, x)
        case .rotate90: (y, height - 1 - x)
        case .transverse: (width - 1 - y, height - 1 - x)
        case .rotate270: (width - 1 - y, x)
        }
    }
}
