import Foundation

/// The largest image any command decodes, checked from the header before any pixel memory is
/// allocated: a 2 KB file may declare 100000x100000 pixels. 100 megapixels by default (a
/// 12000x8000 photo; about 300 MB as 8-bit RGB); `--max-megapixels` raises it.
public enum ImageLimits {
    nonisolated(unsafe) public static var maxPixels = 100_000_000
    /// The most pixels a folder held in memory at once (train, eval, train-detector) may total:
    /// 2,000 megapixels, 6 GB as 8-bit RGB; `--max-total-megapixels` raises it.
    nonisolated(unsafe) public static var maxTotalPixels = 2_000_000_000

    public static func check(width: Int, height: Int, name: String) throws {
        guard width.multipliedReportingOverflow(by: height).partialValue <= maxPixels, width <= maxPixels, height <= maxPixels else {
            let megapixels = String(format: "%.0f", Double(width) * Double(height) / 1e6)
            throw StegoError.badInput("\(name): \(width)x\(height) pixels (\(megapixels) megapixels) is above the limit of "
                                      + "\(Double(maxPixels) / 1e6) megapixels (raise it with --max-megapixels)")
        }
    }
}
