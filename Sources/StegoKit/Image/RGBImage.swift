/// An 8-bit RGB image, row-major, channels interleaved (R, G, B per pixel).
public struct RGBImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` samples.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "image must not be empty")
        precondition(pixels.count == width * height * 3, "pixel count does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A black image.
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 3))
    }

    public var size: ImageSize { ImageSize(width: width, height: height) }

    /// Whether every pixel is gray (R = G = B).
    public var isGray: Bool {
        for i in stride(from: 0, to: pixels.count, by: 3) where pixels[i] != pixels[i + 1] || pixels[i] != pixels[i + 2] { return false }
        return true
    }

    public subscript(x: Int, y: Int, channel: Int) -> UInt8 {
        get { pixels[(y * width + x) * 3 + channel] }
        set { pixels[(y * width + x) * 3 + channel] = newValue }
    }

    /// The sub-image of `size` whose top-left corner is at (`x`, `y`).
    public func cropped(x: Int, y: Int, size: ImageSize) -> RGBImage {
        precondition(x >= 0 && y >= 0 && x + size.width <= width && y + size.height <= height, "crop outside image")
        var out = [UInt8](repeating: 0, count: size.width * size.height * 3)
        for row in 0..<size.height {
            let src = ((y + row) * width + x) * 3
            let dst = row * size.width * 3
            out[dst..<dst + size.width * 3] = pixels[src..<src + size.width * 3]
        }
        return RGBImage(width: size.width, height: size.height, pixels: out)
    }

    /// The centred sub-image of `size`.
    public func centerCropped(to size: ImageSize) -> RGBImage {
        cropped(x: (width - size.width) / 2, y: (height - size.height) / 2, size: size)
    }
}

public struct ImageSize: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)x\(height)" }
}
