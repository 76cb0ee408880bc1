import Foundation

/// The figures `stego compare` reports for a pair of images (SPEC section 6): PSNR and SSIM on
/// the luma channel (as the paper reports them) and on RGB, plus MAE and RMSE over RGB samples.
public struct ImageComparison: Sendable, Equatable {
    public var psnrY: Double
    public var psnrRGB: Double
    /// nil when the image is smaller than SSIM's 11x11 window.
    public var ssimY: Double?
    public var ssimRGB: Double?
    public var mae: Double
    public var rmse: Double

    public init(_ a: RGBImage, _ b: RGBImage) throws {
        guard a.size == b.size else {
            throw StegoError.badInput("images differ in size: \(a.size) and \(b.size)")
        }
        let ya = a.lumaPlane, yb = b.lumaPlane
        psnrY = psnr(mse: meanSquaredError(ya, yb))
        // SSIM of Y, R, G and B, the bulk of the work, on all cores.
        let planes = [(ya, yb)] + (0..<3).map { (a.channelPlane($0), b.channelPlane($0)) }
        var ssim = [Double?](repeating: nil, count: 4)
        ssim.withUnsafeMutableBufferPointer { ssim in
            parallelFor(4, minimumPerThread: 1) { ssim[$0] = SSIM.mean(planes[$0].0, planes[$0].1) }
        }
        ssimY = ssim[0]
        var absSum = 0.0, sqSum = 0.0
        for (x, y) in zip(a.pixels, b.pixels) {
            let d = Double(x) - Double(y)
            absSum += abs(d)
            sqSum += d * d
        }
        let n = Double(a.pixels.count)
        mae = absSum / n
        rmse = (sqSum / n).squareRoot()
        psnrRGB = psnr(mse: sqSum / n)
        let perChannel = ssim[1...].compactMap { $0 }
        ssimRGB = perChannel.count == 3 ? perChannel.reduce(0, +) / 3 : nil
    }

    /// Element-wise mean of several comparisons (PSNR averaged in dB, as the paper's tables do).
    /// An infinite PSNR makes the mean infinite; a missing SSIM makes the mean missing.
    public static func mean(_ items: [ImageComparison]) -> ImageComparison {
        precondition(!items.isEmpty)
        func avg(_ key: (ImageComparison) -> Double) -> Double { items.map(key).reduce(0, +) / Double(items.count) }
        func avgOptional(_ key: (ImageComparison) -> Double?) -> Double? {
            let values = items.compactMap(key)
            return values.count == items.count ? values.reduce(0, +) / Double(values.count) : nil
        }
        return ImageComparison(psnrY: avg(\.psnrY), psnrRGB: avg(\.psnrRGB), ssimY: avgOptional(\.ssimY),
                               ssimRGB: avgOptional(\.ssimRGB), mae: avg(\.mae), rmse: avg(\.rmse))
    }

    public init(psnrY: Double, psnrRGB: Double, ssimY: Double?, ssimRGB: Double?, mae: Double, rmse: Double) {
        self.psnrY = psnrY
        self.psnrRGB = psnrRGB
        self.ssimY = ssimY
        self.ssimRGB = ssimRGB
        self.mae = mae
        self.rmse = rmse
    }
}
