import Foundation

/// What the decoders do with interleaved RGBA samples: a cover keeps its stored colour and its
/// alpha apart (hide writes both back), every other input is composited onto black.
enum AlphaChannel {
    /// The stored colour and the alpha of `width` x `height` RGBA samples.
    static func split(_ rgba: [UInt8], width: Int, height: Int) -> (image: RGBImage, alpha: [UInt8]) {
        let image = RGBImage(width: width, height: height, pixels: (0..<width * height * 3).map { rgba[$0 / 3 * 4 + $0 % 3] })
        return (image, (0..<width * height).map { rgba[$0 * 4 + 3] })
    }

    /// The RGBA samples composited onto black in linear light, as libpng composites a PNG's: each
    /// sRGB-encoded sample is decoded, scaled by its alpha and encoded again.
    static func compositedOntoBlack(_ rgba: [UInt8], width: Int, height: Int) -> RGBImage {
        let composite = (0..<256 * 256).map { i -> UInt8 in  // [alpha * 256 + sample]
            let (alpha, sample) = (Double(i / 256) / 255, Double(i % 256) / 255)
            return UInt8((encodeSRGB(decodeSRGB(sample) * alpha) * 255).rounded())
        }
        return RGBImage(width: width, height: height, pixels: (0..<width * height * 3).map { i in
            let pixel = i / 3 * 4
            return composite[Int(rgba[pixel + 3]) << 8 | Int(rgba[pixel + i % 3])]
        })
    }

    private static func decodeSRGB(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
    private static func encodeSRGB(_ l: Double) -> Double { l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055 }

    /// Split for a cover (`keepingAlpha`), else composited.
    static func image(_ rgba: [UInt8], width: Int, height: Int, keepingAlpha: Bool) -> (image: RGBImage, alpha: [UInt8]?) {
        keepingAlpha ? split(rgba, width: width, height: height) : (compositedOntoBlack(rgba, width: width, height: height), nil)
    }
}
