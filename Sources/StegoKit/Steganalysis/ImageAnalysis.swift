import Foundation

/// What `stego analyze` says of one image: the structural payload estimates, the trained
/// detector's probability, whether its low bits hold an image, and a one-line verdict.
public struct ImageAnalysis: Sendable {
    public var spa: Double, rs: Double, chi2: Double
    /// The trained detector's probability that the image is a stego image of the method it
    /// was trained on.
    public var probability: Double
    /// What the trained detector looks for.
    public var detectorMethod: MethodName?
    /// `RevealCheck`'s score of the image's low four bits shown as an image: at most its
    /// threshold when they hold a picture of their own, as 4-bit LSB substitution leaves them.
    /// SPA and RS miss that substitution (its low bit is the secret's fourth bit, as smooth as a
    /// photo's), and so does a detector trained on a network's stego images. Nil for images
    /// under 2x2.
    public var lowBits: Double?

    /// Estimates (fractions of samples) at or above this read as LSB replacement: most clean
    /// photos stay below 0.05, but SPA and RS reach 0.1-0.22 on a few (smooth or flat ones,
    /// measured on the training photos), so both must agree and clear 0.25.
    public static let payloadThreshold = 0.25

    public init(_ image: RGBImage, detector: TrainedDetector) {
        spa = SamplePairAnalysis.payload(image)
        rs = RSAnalysis.payload(image)
        chi2 = ChiSquareAttack.payload(image)
        probability = image.width >= 4 && image.height >= 4 ? detector.probability(image) : 0.5
        detectorMethod = detector.method
        let centre = RevealCheck.centre(image)  // cropped before revealing: a huge image is not copied whole
        lowBits = (try? LSB4().reveal(stego: centre)).flatMap { RevealCheck.centreScore(revealed: $0, stego: centre) }
    }

    public var lowBitsHoldImage: Bool { lowBits.map { $0 <= RevealCheck.threshold(for: .lsb4) } ?? false }

    /// A network's noise also moves SPA and RS (past the threshold on a third of the shipped
    /// network's stego images), so where a detector trained on a network finds one, their
    /// estimates are reported as its side effect rather than as a second, LSB, method.
    public var verdict: String {
        var findings: [String] = []
        let structural = min(spa, rs), found = probability >= 0.5
        let network = found && detectorMethod?.isNetwork == true
        if lowBitsHoldImage {
            findings.append("4-bit LSB substitution likely (the low bits hold an image)")
        }
        if found {
            let kind = network ? "a hiding network's" : detectorMethod.map { "a " + $0.rawValue } ?? "the trained detector's kind of"
            findings.append("looks like \(kind) stego image (p = \(String(format: "%.2f", probability)))")
        }
        if structural >= Self.payloadThreshold {
            findings.append(String(format: network ? "its noise also moves SPA and RS (about %.0f%% of samples)"
                                                   : "LSB replacement likely (about %.0f%% of samples)", 100 * min(structural, 1)))
        }
        if chi2 >= Self.payloadThreshold {
            findings.append(String(format: "sequential LSB payload in the first %.0f%% of samples", 100 * chi2))
        }
        return findings.isEmpty ? "no sign of hidden data" : findings.joined(separator: "; ")
    }

    public var jsonObject: [String: Any] {
        ["spa": spa, "rs": rs, "chi2": chi2, "probability": probability, "low_bits": lowBits ?? NSNull(), "verdict": verdict]
    }
}
