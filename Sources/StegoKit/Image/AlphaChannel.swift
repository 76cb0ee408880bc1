import Foundation

/// What the decoders do with interleaved RGBA samples: a cover keeps its stored colour and its
/// alpha apart (hide writes both back), every other input is composited onto black.
enum AlphaChannel {
    /// The stored colour and the alpha of `width` x `height` RGBA samples.
    static func split(_ rgba: [UInt8], width: Int, height: Int) -> (image: RGBImage, alpha: [UInt8]) {
        var image = RGBImage(width: width, height: height), alpha = [UInt8](repeating: 0, count: width * height)
        rgba.withUnsafeBufferPointer { rgba in
            image.pixels.withUnsafeMutableBufferPointer { rgb in
                for pixel in 0..<width * height {
                    for c in 0..<3 { rgb[pixel * 3 + c] = rgba[pixel * 4 + c] }
                    alpha[pixel] = rgba[pixel * 4 + 3]
                }
            }
        }
        return (image, alpha)
    }

    /// The RGBA samples composited onto black in linear light, as libpng composites a PNG's: each
    /// sRGB-encoded sample is decoded, scaled by its alpha and encoded again.
    static func compositedOntoBlack(_ rgba: [UInt8], width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        rgba.withUnsafeBufferPointer { rgba in
            image.pixels.withUnsafeMutableBufferPointer { rgb in
                for pixel in 0..<width * height {
                    let alpha = Int(rgba[pixel * 4 + 3]) << 8
                    for c in 0..<3 { rgb[pixel * 3 + c] = composite[alpha | Int(rgba[pixel * 4 + c])] }
                }
            }
        }
        return image
    }

    /// Split for a cover (`keepingAlpha`), else composited.
    static func image(_ rgba: [UInt8], width: Int, height: Int, keepingAlpha: Bool) -> (image: RGBImage, alpha: [UInt8]?) {
        keepingAlpha ? split(rgba, width: width, height: height) : (compositedOntoBlack(rgba, width: width, height: height), nil)
    }

    /// Every sample under every alpha, composited: [alpha << 8 | sample].
    private static let composite = (0..<256 * 256).map { i -> UInt8 in
        let (alpha, sample) = (Double(i >> 8) / 255, Double(i & 255) / 255)
        return UInt8((encodeSRGB(decodeSRGB(sample) * alpha) * 255).rounded())
    }

    private static func decodeSRGB(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
    private static func encodeSRGB(_ l: Double) -> Double { l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055 }
}
