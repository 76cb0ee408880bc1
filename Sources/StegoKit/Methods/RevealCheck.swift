import Foundation

/// A cheap test of whether what `reveal` gave looks like a hidden image, for the methods with no
/// key, whose reveal returns something from any input. Revealing a clean photo gives noise-like
/// detail (lsb4: the cover's low bits) or the cover's own edges (the networks); a real secret is a
/// photo of its own. So the score adds two figures of the revealed image's luma:
/// - roughness: the mean absolute difference of neighbours over the mean absolute deviation;
/// - edge agreement: the correlation of its gradient magnitude with the stego image's.
/// The thresholds were chosen on one set of training photos (stego and clean reveals) and measured
/// on others (docs/steganalysis.md): 0.6 for lsb4, 0.5 for the networks (hinet 0.55 until session
/// 33), whose larger networks' reveals of clean photos score lower than the first small ones' did.
/// Not for baluja: its revealing network gives smooth images from any input (5% of clean reveals
/// above 0.6).
public enum RevealCheck {
    /// Scores above this say nothing looks hidden.
    public static func threshold(for method: MethodName) -> Double {
        switch method {
        case .dlvHinet, .hinet: 0.5
        default: 0.6
        }
    }
    public static let methods: Set<MethodName> = [.dlvHinet, .hinet, .lsb4]

    static func score(revealed: RGBImage, stego: RGBImage) -> Double {
        let r = luma(revealed), s = luma(stego)
        return roughness(r, width: revealed.width, height: revealed.height)
            + correlation(gradient(r, width: revealed.width, height: revealed.height), gradient(s, width: stego.width, height: stego.height))
    }

    /// Scored on the centre 1024x1024 at most, so that the test stays cheap and its memory bounded
    /// (Doubles of a whole 30000x30000 image would take 14 GB).
    public static let largestSide = 1024

    public static func looksHidden(revealed: RGBImage, stego: RGBImage, method: MethodName) -> Bool {
        guard let score = centreScore(revealed: revealed, stego: stego) else { return true }
        return score <= threshold(for: method)
    }

    /// The score of the centre `largestSide` square at most; nil where there is nothing to score.
    public static func centreScore(revealed: RGBImage, stego: RGBImage) -> Double? {
        guard revealed.size == stego.size, revealed.width >= 2, revealed.height >= 2 else { return nil }
        return score(revealed: centre(revealed), stego: centre(stego))
    }

    /// The part of `image` that is scored: its centre `largestSide` square at most.
    static func centre(_ image: RGBImage) -> RGBImage {
        image.centerCropped(to: ImageSize(width: min(image.width, largestSide), height: min(image.height, largestSide)))
    }

    /// The metrics' luma plane; both figures are unchanged by its scale and offset.
    static func luma(_ image: RGBImage) -> [Double] {
        let (plane, width) = (image.lumaPlane, image.width)
        var y = [Double](repeating: 0, count: width * image.height)
        y.withUnsafeMutableBufferPointer { y in
            for row in 0..<image.height { plane.row(row, into: UnsafeMutableBufferPointer(rebasing: y[row * width..<(row + 1) * width])) }
        }
        return y
    }

    static func roughness(_ y: [Double], width: Int, height: Int) -> Double {
        var horizontal = 0.0, vertical = 0.0
        for row in 0..<height {
            for x in 0..<width {
                let i = row * width + x
                if x + 1 < width { horizontal += abs(y[i + 1] - y[i]) }
                if row + 1 < height { vertical += abs(y[i + width] - y[i]) }
            }
        }
        let mean = y.reduce(0, +) / Double(y.count)
        let deviation = y.reduce(0) { $0 + abs($1 - mean) } / Double(y.count)
        let difference = (horizontal / Double((width - 1) * height) + vertical / Double(width * (height - 1))) / 2
        return difference / (deviation + 1)
    }

    /// |∂y/∂row| + |∂y/∂column| at each pixel but the first row and column.
    static func gradient(_ y: [Double], width: Int, height: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity((width - 1) * (height - 1))
        for row in 1..<height {
            for x in 1..<width {
                let i = row * width + x
                out.append(abs(y[i] - y[i - width]) + abs(y[i] - y[i - 1]))
            }
        }
        return out
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count), meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (x, y) in zip(a, b) { ab += (x - meanA) * (y - meanB); aa += (x - meanA) * (x - meanA); bb += (y - meanB) * (y - meanB) }
        return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
    }
}
