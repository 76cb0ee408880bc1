import Foundation

/// HiNet's training objective, kept for DLV-HiNet (SPEC section 4), on [0, 1] images:
///   total = wR * ||revealed - secret||² + wG * ||stego - cover||² + wL * ||LL(stego) - LL(cover)||²
///           + wY * ||Y(stego) - Y(cover)||² + wC * ||K ⊛ chroma(stego - cover)||²
/// with sums of squares divided by the batch size (per-image sums, so that the scale does not
/// depend on the batch). The stego image is rounded to 8 bits before reveal, with a
/// straight-through gradient. The luma term (not in HiNet; 0 by default) weighs the stego
/// image's error in luma above its error in colour: the metrics judge luma, the eye too. The
/// chroma term (0 by default) is the colour residual a steganalyst looks at
/// (`Loss.chromaHighPassSumOfSquares`): it pushes the error out of high-pass colour.
public struct HidingObjective: Sendable, Equatable {
    public var reconstructionWeight: Double = 5
    public var guideWeight: Double = 1
    public var lowFrequencyWeight: Double = 1
    public var lumaWeight: Double = 0
    public var chromaWeight: Double = 0

    public init(reconstruction: Double = 5, guide: Double = 1, lowFrequency: Double = 1, luma: Double = 0, chroma: Double = 0) {
        reconstructionWeight = reconstruction
        guideWeight = guide
        lowFrequencyWeight = lowFrequency
        lumaWeight = luma
        chromaWeight = chroma
    }

    public struct Result: Sendable {
        public var total: Double, reconstruction: Double, guide: Double, lowFrequency: Double, luma: Double, chroma: Double
        /// PSNR in dB of the 8-bit stego against the cover, and of the revealed secret.
        public var stegoPSNR: Double, secretPSNR: Double
    }

    /// One forward and backward pass: adds the gradients of `total` to the network's
    /// parameter gradients and returns the loss parts.
    public func step(_ network: HidingNetwork, cover: Tensor, secret: Tensor, latent: Tensor?,
                     z: (cover: Tensor?, secret: Tensor)) -> Result {
        let n = Double(cover.shape.n)
        let coverBranch = network.hide(cover: cover, secret: secret, latent: latent)
        let stego = HidingNetwork.stegoImage(coverBranch: coverBranch)
        let quantized = Quantize8Bit.forward(stego)
        let revealed = network.reveal(stego: quantized, z: z)

        let recon = Loss.sumOfSquares(revealed, secret)
        let guide = Loss.sumOfSquares(stego, cover)
        let low = Loss.sumOfSquares(coverBranch.channels(0..<3), HaarWavelet.forward(cover).channels(0..<3))
        let luma = Loss.lumaSumOfSquares(stego, cover)
        let chroma = chromaWeight != 0 ? Loss.chromaHighPassSumOfSquares(stego, cover) : (value: 0, grad: stego)

        // Backward, in reverse order of the forward passes.
        let gradStego = Quantize8Bit.backward(network.revealBackward(Arithmetic.scale(recon.grad, Float(reconstructionWeight / n))), x: stego)
        Arithmetic.accumulate(gradStego, Arithmetic.scale(guide.grad, Float(guideWeight / n)))
        if lumaWeight != 0 { Arithmetic.accumulate(gradStego, Arithmetic.scale(luma.grad, Float(lumaWeight / n))) }
        if chromaWeight != 0 { Arithmetic.accumulate(gradStego, Arithmetic.scale(chroma.grad, Float(chromaWeight / n))) }
        let gradCoverBranch = Tensor(coverBranch.shape)
        gradCoverBranch.setChannels(0, from: HaarWavelet.forward(gradStego))
        gradCoverBranch.addChannels(0, from: Arithmetic.scale(low.grad, Float(lowFrequencyWeight / n)))
        network.hideBackward(gradCoverBranch)

        let parts = (recon.value / n, guide.value / n, low.value / n, luma.value / n, chroma.value / n)
        return Result(total: reconstructionWeight * parts.0 + guideWeight * parts.1 + lowFrequencyWeight * parts.2 + lumaWeight * parts.3
                          + chromaWeight * parts.4,
                      reconstruction: parts.0, guide: parts.1, lowFrequency: parts.2, luma: parts.3, chroma: parts.4,
                      stegoPSNR: unitPSNR(Loss.meanSquaredError(quantized, cover).value),
                      secretPSNR: unitPSNR(Loss.meanSquaredError(Quantize8Bit.forward(revealed), secret).value))
    }
}

/// PSNR in dB of a mean squared error between [0, 1] images.
func unitPSNR(_ mse: Double) -> Double { mse == 0 ? .infinity : -10 * log10(mse) }
