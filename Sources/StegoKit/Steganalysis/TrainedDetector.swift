import Foundation

/// A stego detector: `ResidualFeatures`, standardized with the training set's mean and standard
/// deviation, into a `LogisticRegression`. Images are split into quadrants for training (four
/// samples per image, each large enough for the statistics); any image is scored whole.
public struct TrainedDetector: Sendable {
    public var mean: [Double]
    public var scale: [Double]
    public var model: LogisticRegression
    /// What it was trained on, for `--version`-style reports.
    public var description: String
    /// The method whose stego images it was trained on (nil in files that do not say).
    public var method: MethodName?

    /// Ridge strength used for every detector the tool trains (standardized features).
    public static let lambda = 10.0

    public static func train(positives: [[Double]], negatives: [[Double]], description: String = "", method: MethodName? = nil) -> TrainedDetector {
        let rows = positives + negatives
        let n = Double(rows.count), d = rows[0].count
        var mean = [Double](repeating: 0, count: d), scale = [Double](repeating: 0, count: d)
        for row in rows { for i in 0..<d { mean[i] += row[i] / n } }
        for row in rows { for i in 0..<d { scale[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / n } }
        scale = scale.map { $0.squareRoot() + 1e-9 }
        let standardized = rows.map { row in (0..<d).map { (row[$0] - mean[$0]) / scale[$0] } }
        let labels = positives.map { _ in true } + negatives.map { _ in false }
        let model = LogisticRegression.fit(standardized, labels, lambda: lambda)
        return TrainedDetector(mean: mean, scale: scale, model: model, description: description, method: method)
    }

    public init(mean: [Double], scale: [Double], model: LogisticRegression, description: String, method: MethodName? = nil) {
        self.mean = mean
        self.scale = scale
        self.model = model
        self.description = description
        self.method = method
    }

    /// The logit (monotone in the probability; what ROC curves use).
    public func score(features: [Double]) -> Double {
        model.score((0..<features.count).map { (features[$0] - mean[$0]) / scale[$0] })
    }

    public func probability(features: [Double]) -> Double { 1 / (1 + exp(-score(features: features))) }

    public func probability(_ image: RGBImage) -> Double { probability(features: ResidualFeatures.of(image)) }

    /// The four quadrants of an image: the training samples of one image.
    public static func quadrants(_ image: RGBImage) -> [RGBImage] {
        let w = image.width / 2, h = image.height / 2, size = ImageSize(width: w, height: h)
        return [(0, 0), (w, 0), (0, h), (w, h)].map { image.cropped(x: $0.0, y: $0.1, size: size) }
    }

    // MARK: - Files (safetensors: mean, scale, weights [131] and bias [1]; metadata with the method)

    public func encode() throws -> [UInt8] {
        let f = { (v: [Double]) in SafeTensors.Entry(shape: [v.count], values: v.map(Float.init)) }
        var metadata = ["kind": "stego-detector", "features": "residual-131", "lambda": "\(Self.lambda)", "description": description]
        metadata["method"] = method?.rawValue
        return try SafeTensors(tensors: ["mean": f(mean), "scale": f(scale), "weights": f(model.weights), "bias": f([model.bias])],
                               metadata: metadata).encode()
    }

    public static func read(path: String) throws -> TrainedDetector {
        let file = try SafeTensors.read(path: path)
        guard file.metadata["kind"] == "stego-detector", file.metadata["features"] == "residual-131" else {
            throw StegoError.badInput("\(path): not a stego detector file (made by 'stego train-detector')")
        }
        func vector(_ name: String, _ count: Int) throws -> [Double] {
            guard let e = file.tensors[name], e.shape == [count], e.values.allSatisfy(\.isFinite) else {
                throw StegoError.badInput("\(path): tensor '\(name)' is missing, not [\(count)] or not finite")
            }
            return e.values.map(Double.init)
        }
        let d = ResidualFeatures.count
        let scale = try vector("scale", d)
        guard scale.allSatisfy({ $0 > 0 }) else { throw StegoError.badInput("\(path): tensor 'scale' must be positive") }
        return TrainedDetector(mean: try vector("mean", d), scale: scale,
                               model: LogisticRegression(weights: try vector("weights", d), bias: try vector("bias", 1)[0]),
                               description: file.metadata["description"] ?? "", method: file.metadata["method"].flatMap(MethodName.init))
    }

    /// The detector that ships with stego (`Sources/StegoKit/Weights/detector.safetensors`).
    public static var shippedPath: String? { ShippedFiles.path("detector.safetensors") }
}
