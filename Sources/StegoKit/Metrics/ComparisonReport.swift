import Foundation

/// Text and JSON renderings of comparisons, one row per named pair.
public enum ComparisonReport {
    public typealias Row = (name: String, comparison: ImageComparison)

    static let columns = ["PSNR-Y", "PSNR-RGB", "SSIM-Y", "SSIM-RGB", "MAE", "RMSE"]

    /// A table with a header, one line per row; PSNR in dB, MAE and RMSE on the 0...255 scale.
    public static func table(_ rows: [Row]) -> String {
        let nameWidth = max(4, rows.map(\.name.count).max() ?? 0)
        var lines = [("pair".padding(toLength: nameWidth, withPad: " ", startingAt: 0)) + columns.map { $0.rightAligned(10) }.joined()]
        for row in rows {
            let c = row.comparison
            let cells = [formatPSNR(c.psnrY), formatPSNR(c.psnrRGB), formatSSIM(c.ssimY), formatSSIM(c.ssimRGB),
                         String(format: "%.4f", c.mae), String(format: "%.4f", c.rmse)]
            lines.append(row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + cells.map { $0.rightAligned(10) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// The figures as a JSON object. JSON has no infinity: the PSNR of identical images is null
    /// (so is an SSIM that cannot be computed, for images smaller than 11x11).
    public static func jsonObject(_ c: ImageComparison) -> [String: Any] {
        func psnr(_ v: Double) -> Any { v.isInfinite ? NSNull() : v }
        return ["psnr_y": psnr(c.psnrY), "psnr_rgb": psnr(c.psnrRGB), "ssim_y": c.ssimY ?? NSNull(),
                "ssim_rgb": c.ssimRGB ?? NSNull(), "mae": c.mae, "rmse": c.rmse]
    }

    public static func json(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func formatPSNR(_ v: Double) -> String { v.isInfinite ? "inf" : String(format: "%.2f", v) }
    static func formatSSIM(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "n/a" }
}
