/// How well a steganalyst tells a method's stego images from their covers: the ROC AUC (0.5:
/// no better than chance, 1: every stego image found) of each structural detector's payload
/// estimate, and of a `TrainedDetector` cross-validated by cover image, each with a bootstrap
/// 95% interval over images.
public struct Detectability: Sendable {
    /// What the detectors read from one image: the structural payload estimates and the
    /// residual features of its four quadrants (the trained detector's samples).
    public struct Sample: Sendable {
        public var spa: Double, rs: Double, chi2: Double
        public var quadrantFeatures: [[Double]]

        public init(_ image: RGBImage) {
            spa = SamplePairAnalysis.payload(image)
            rs = RSAnalysis.payload(image)
            chi2 = ChiSquareAttack.payload(image)
            quadrantFeatures = Sample.quadrantFeatures(image)
        }

        /// The residual features of each quadrant: all that the trained detector and
        /// `singleFeatures` look at, without the structural detectors' cost.
        public static func quadrantFeatures(_ image: RGBImage) -> [[Double]] {
            TrainedDetector.quadrants(image).map(ResidualFeatures.of)
        }

        /// Images smaller than this have quadrants too small for the residual statistics.
        public static let minimumSide = 8
    }

    public static let detectors = ["spa", "rs", "chi2", "trained"]
    /// One estimate per name of `detectors`, in that order.
    public var estimates: [ROC.Estimate]

    /// `covers[i]` and `stegos[i]` come from the same cover image.
    public init(covers: [Sample], stegos: [Sample]) {
        precondition(covers.count == stegos.count && covers.count >= 2)
        let pairs = Array(zip(stegos, covers))
        func structural(_ key: (Sample) -> Double) -> ROC.Estimate {
            ROC.aucWithInterval(groups: pairs.map { ([key($0.0)], [key($0.1)]) })
        }
        let groups = pairs.map { CrossValidation.Group(positives: $0.0.quadrantFeatures, negatives: $0.1.quadrantFeatures) }
        estimates = [structural(\.spa), structural(\.rs), structural(\.chi2), CrossValidation.auc(groups)]
    }

    /// Each residual feature on its own, with nothing trained: its name and the AUC of its value
    /// over the quadrants, stego images positive, with the bootstrap interval over images; the
    /// features that give the embedding away best (AUC furthest from 0.5) first. An AUC below 0.5
    /// means the feature is lower in stego images. Each image is given as its quadrants' features
    /// (`Sample.quadrantFeatures`).
    public static func singleFeatures(covers: [[[Double]]], stegos: [[[Double]]], resamples: Int = 1000)
        -> [(name: String, estimate: ROC.Estimate)] {
        precondition(covers.count == stegos.count && covers.count >= 2)
        return ResidualFeatures.names.enumerated().map { feature, name in
            (name, ROC.aucWithInterval(groups: zip(stegos, covers).map { stego, cover in
                (stego.map { $0[feature] }, cover.map { $0[feature] })
            }, resamples: resamples))
        }.sorted { abs($0.estimate.auc - 0.5) > abs($1.estimate.auc - 0.5) }
    }
}
