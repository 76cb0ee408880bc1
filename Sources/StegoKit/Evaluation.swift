import Foundation

/// The paper's Table 5 for any folder: every method hides image i+1 in image i (cyclically) and
/// reveals it; cover/stego and secret/recovery figures are averaged over the pairs.
public struct Evaluation {
    public struct Row: Sendable {
        public var method: String
        /// Learned parameters (0 for LSB).
        public var parameters: Int
        public var stego: ImageComparison
        public var secret: ImageComparison
        /// Mean wall time of hide plus reveal per pair.
        public var seconds: Double
        /// How well steganalysis tells the stego images from the covers; nil for images under
        /// 8x8 pixels.
        public var detectability: Detectability?
    }

    public let images: [(name: String, image: RGBImage)]
    /// A fixed size to center-crop every pair to; nil: each pair's common size, made even.
    public let size: ImageSize?

    /// Files of the folder left out (unreadable, or under 2x2 pixels), with the reason.
    public let skipped: [(name: String, reason: String)]

    public init(folder: String, size: ImageSize?) throws {
        let data = try ImageFolder(path: folder, minimumSize: 2)
        guard data.images.count >= 2 else { throw StegoError.badInput("\(folder): eval needs at least two images of at least 2x2 pixels") }
        images = Array(zip(data.names, data.images))
        skipped = data.skipped
        if let size, let small = images.first(where: { $0.image.width < size.width || $0.image.height < size.height }) {
            throw StegoError.badInput("\(small.name) is \(small.image.size), smaller than --size \(size)")
        }
        self.size = size
    }

    /// Cover and secret of pair i, center-cropped to the pair's size.
    public func pair(_ i: Int) -> (name: String, cover: RGBImage, secret: RGBImage) {
        let common = pairSize(i)
        return (pairName(i), images[i].image.centerCropped(to: common), images[(i + 1) % images.count].image.centerCropped(to: common))
    }

    /// The size pair i is centre-cropped to.
    func pairSize(_ i: Int) -> ImageSize {
        let a = images[i].image, b = images[(i + 1) % images.count].image
        return size ?? ImageSize(width: min(a.width, b.width) / 2 * 2, height: min(a.height, b.height) / 2 * 2)
    }

    func pairName(_ i: Int) -> String { FilePath.deletingExtension(of: images[i].name) }

    static let savedKinds = ["cover", "secret", "stego", "revealed"]

    /// Where `run(method, ..., saveTo: folder)` writes one of pair's `savedKinds`.
    static func savedPath(folder: String, method: String, pair: String, kind: String) -> String {
        "\(folder)/\(method)-\(pair)-\(kind).png"
    }

    /// One of the images `run(method, ..., saveTo: folder)` wrote.
    public static func readSaved(folder: String, method: String, pair: String, kind: String) throws -> RGBImage {
        try ImageDecoder.read(path: savedPath(folder: folder, method: method, pair: pair, kind: kind))
    }

    /// The pairs of `method` that `run(method, ..., saveTo: folder)` wrote there, by their cover files, sorted.
    public static func savedPairs(folder: String, method: String) throws -> [String] {
        let (prefix, suffix) = (method + "-", "-cover.png")
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
            .map { String($0.dropFirst(prefix.count).dropLast(suffix.count)) }.sorted()
    }

    /// The files `run(method, ..., saveTo: folder)` writes (eval checks them before any work).
    public func savedFiles(method: String, folder: String) -> [String] {
        images.indices.flatMap { i in Self.savedKinds.map { Self.savedPath(folder: folder, method: method, pair: pairName(i), kind: $0) } }
    }

    /// Runs one method on every pair; with `saveTo`, writes each pair's cover, secret, stego and
    /// revealed images there as NAME-{cover,secret,stego,revealed}.png, replacing existing files
    /// only with `force`.
    public func run(_ name: String, _ method: any StegoMethod, parameters: Int, saveTo folder: String?, force: Bool = false,
                    progress: Progress?) throws -> Row {
        var stego: [ImageComparison] = [], secret: [ImageComparison] = []
        var coverSamples: [Detectability.Sample] = [], stegoSamples: [Detectability.Sample] = []
        let detect = images.indices.allSatisfy { min(pairSize($0).width, pairSize($0).height) >= Detectability.Sample.minimumSide }
        var seconds = 0.0
        for i in 0..<images.count {
            progress?.update(i, detail: "\(name) \(images[i].name)")
            let p = pair(i)
            let start = DispatchTime.now().uptimeNanoseconds
            let hidden = try method.hide(cover: p.cover, secret: p.secret)
            let revealed = try method.reveal(stego: hidden)
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            stego.append(try ImageComparison(p.cover, hidden))
            secret.append(try ImageComparison(p.secret, revealed))
            if detect {
                coverSamples.append(Detectability.Sample(p.cover))
                stegoSamples.append(Detectability.Sample(hidden))
            }
            if let folder {
                for (kind, image) in zip(Self.savedKinds, [p.cover, p.secret, hidden, revealed]) {
                    try OutputFile(path: Self.savedPath(folder: folder, method: name, pair: p.name, kind: kind), force: force, inputs: [])
                        .write(PNGCodec.encode(image))
                }
            }
        }
        progress?.finish()
        return Row(method: name, parameters: parameters, stego: ImageComparison.mean(stego),
                   secret: ImageComparison.mean(secret), seconds: seconds / Double(images.count),
                   detectability: detect ? Detectability(covers: coverSamples, stegos: stegoSamples) : nil)
    }

    /// Table 5's layout with RGB next to Y: PSNR and SSIM on Y and on RGB, MAE and RMSE on RGB,
    /// for both pairs; then the detectability table.
    public static func table(_ rows: [Row]) -> String {
        let pairColumns = ["PSNR-Y", "PSNR-RGB", "SSIM-Y", "SSIM-RGB", "MAE", "RMSE"]
        var lines = [String(repeating: " ", count: 19) + "cover/stego".rightAligned(60) + "secret/recovery".rightAligned(60)]
        lines.append("method".padding(toLength: 10, withPad: " ", startingAt: 0) + "params".rightAligned(9)
                     + (pairColumns + pairColumns).map { $0.rightAligned(10) }.joined() + "s/pair".rightAligned(10))
        for r in rows {
            var line = r.method.padding(toLength: 10, withPad: " ", startingAt: 0) + formatCount(r.parameters).rightAligned(9)
            for c in [r.stego, r.secret] { line += figures(c).map { $0.rightAligned(10) }.joined() }
            lines.append(line + String(format: "%.3f", r.seconds).rightAligned(10))
        }
        let detectable = rows.filter { $0.detectability != nil }
        guard !detectable.isEmpty else { return lines.joined(separator: "\n") }
        lines += ["", "detectability: ROC AUC of stego vs cover [95% bootstrap interval]; 0.50 = chance, 1.00 = always found"]
        lines.append("method".padding(toLength: 10, withPad: " ", startingAt: 0) + Detectability.detectors.map { $0.rightAligned(20) }.joined())
        for r in detectable {
            lines.append(r.method.padding(toLength: 10, withPad: " ", startingAt: 0)
                         + r.detectability!.estimates.map { String(format: "%.2f [%.2f,%.2f]", $0.auc, $0.low, $0.high).rightAligned(20) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    private static func figures(_ c: ImageComparison) -> [String] {
        [ComparisonReport.formatPSNR(c.psnrY), ComparisonReport.formatPSNR(c.psnrRGB), ComparisonReport.formatSSIM(c.ssimY),
         ComparisonReport.formatSSIM(c.ssimRGB), String(format: "%.3f", c.mae), String(format: "%.3f", c.rmse)]
    }

    public static func jsonObject(_ r: Row) -> [String: Any] {
        var object: [String: Any] = ["method": r.method, "parameters": r.parameters, "seconds_per_pair": r.seconds,
                                     "cover_stego": ComparisonReport.jsonObject(r.stego), "secret_recovery": ComparisonReport.jsonObject(r.secret)]
        if let d = r.detectability {
            object["detectability"] = Dictionary(uniqueKeysWithValues: zip(Detectability.detectors, d.estimates).map {
                ($0, ["auc": $1.auc, "ci95": [$1.low, $1.high]] as [String: Any])
            })
        }
        return object
    }

    public static func csv(_ rows: [Row]) -> String {
        let pairColumns = ["psnr_y", "psnr_rgb", "ssim_y", "ssim_rgb", "mae", "rmse"]
        let detectorColumns = Detectability.detectors.flatMap { ["auc_\($0)", "auc_\($0)_low", "auc_\($0)_high"] }
        var lines = [(["method", "parameters"] + pairColumns.map { "cs_\($0)" } + pairColumns.map { "sr_\($0)" }
                      + ["seconds_per_pair"] + detectorColumns).joined(separator: ",")]
        for r in rows {
            let cells = [r.stego, r.secret].flatMap { c in
                [ComparisonReport.formatPSNR(c.psnrY), ComparisonReport.formatPSNR(c.psnrRGB), ComparisonReport.formatSSIM(c.ssimY),
                 ComparisonReport.formatSSIM(c.ssimRGB), "\(c.mae)", "\(c.rmse)"]
            }
            let detection = r.detectability.map { $0.estimates.flatMap { ["\($0.auc)", "\($0.low)", "\($0.high)"] } }
                ?? detectorColumns.map { _ in "" }
            lines.append(([r.method, "\(r.parameters)"] + cells + ["\(r.seconds)"] + detection).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }


    private static func formatCount(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.2fM", Double(n) / 1e6) : n >= 1000 ? String(format: "%.0fK", Double(n) / 1e3) : "\(n)"
    }
}

extension StegoMethod {
    /// Learned parameters of the method (0 for LSB).
    public var parameterCount: Int {
        let parameters = (self as? InvertibleHiding)?.network.parameters ?? (self as? BalujaHiding)?.network.parameters ?? []
        return parameters.map(\.count).reduce(0, +)
    }
}
