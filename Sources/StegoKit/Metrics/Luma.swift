/// One plane of an image on the 0...255 scale, the form every metric works on: the luma or one
/// colour channel, made a row at a time, so that the metrics of a large pair hold rows rather than
/// planes of Doubles (8 bytes a sample: 1 GB for the two luma planes of an 8000x8000 pair).
public struct Plane: Sendable {
    enum Kind: Sendable {
        /// ITU-R BT.601 luma as the paper computes it (MATLAB's `rgb2ycbcr`), unrounded:
        /// Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 on 0...255 values.
        case luma
        case channel(Int)
    }

    let image: RGBImage
    let kind: Kind
    public var width: Int { image.width }
    public var height: Int { image.height }

    /// Row `row`'s values into `out` (`width` of them).
    func row(_ row: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let base = row * width * 3
        image.pixels.withUnsafeBufferPointer { p in
            switch kind {
            case .luma:
                for x in 0..<width {
                    let r = Double(p[base + 3 * x]), g = Double(p[base + 3 * x + 1]), b = Double(p[base + 3 * x + 2])
                    out[x] = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
                }
            case .channel(let c):
                for x in 0..<width { out[x] = Double(p[base + 3 * x + c]) }
            }
        }
    }
}

extension RGBImage {
    public var lumaPlane: Plane { Plane(image: self, kind: .luma) }

    /// One colour channel (0 = R, 1 = G, 2 = B) as a plane.
    public func channelPlane(_ channel: Int) -> Plane { Plane(image: self, kind: .channel(channel)) }
}
