import Foundation

/// What `stego analyze` says of one image: the structural payload estimates, the trained
/// detector's probability, and a one-line verdict.
public struct ImageAnalysis: Sendable {
    public var spa: Double, rs: Double, chi2: Double
    /// The trained detector's probability that the image is a stego image of the method it
    /// was trained on.
    public var probability: Double

    /// Estimates (fractions of samples) at or above this read as LSB replacement: most clean
    /// photos stay below 0.05, but SPA and RS reach 0.1-0.22 on a few (smooth or flat ones,
    /// measured on the training photos), so both must agree and clear 0.25.
    public static let payloadThreshold = 0.25

    public init(_ image: RGBImage, detector: TrainedDetector) {
        spa = SamplePairAnalysis.payload(image)
        rs = RSAnalysis.payload(image)
        chi2 = ChiSquareAttack.payload(image)
        probability = image.width >= 4 && image.height >= 4 ? detector.probability(image) : 0.5
    }

    public var verdict: String {
        var findings: [String] = []
        let structural = min(spa, rs)
        if structural >= Self.payloadThreshold {
            findings.append(String(format: "LSB replacement likely (about %.0f%% of samples)", 100 * min(structural, 1)))
        }
        if chi2 >= Self.payloadThreshold {
            findings.append(String(format: "sequential LSB payload in the first %.0f%% of samples", 100 * chi2))
        }
        if probability >= 0.5 {
            findings.append(String(format: "looks like a hiding network's stego image (p = %.2f)", probability))
        }
        return findings.isEmpty ? "no sign of hidden data" : findings.joined(separator: "; ")
    }

    public var jsonObject: [String: Any] {
        ["spa": spa, "rs": rs, "chi2": chi2, "probability": probability, "verdict": verdict]
    }
}
