/// Planes of float64 samples on the 0...255 scale, the form every metric works on.
public struct Plane: Sendable {
    public let width: Int
    public let height: Int
    public var values: [Double]
}

extension RGBImage {
    /// The ITU-R BT.601 luma used by the paper (MATLAB's `rgb2ycbcr`), unrounded:
    /// Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 on 0...255 values.
    public var lumaPlane: Plane {
        var y = [Double](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<y.count {
                let r = Double(p[3 * i]), g = Double(p[3 * i + 1]), b = Double(p[3 * i + 2])
                y[i] = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
            }
        }
        return Plane(width: width, height: height, values: y)
    }

    /// One colour channel (0 = R, 1 = G, 2 = B) as a plane.
    public func channelPlane(_ channel: Int) -> Plane {
        var v = [Double](repeating: 0, count: width * height)
        for i in 0..<v.count { v[i] = Double(pixels[3 * i + channel]) }
        return Plane(width: width, height: height, values: v)
    }
}
