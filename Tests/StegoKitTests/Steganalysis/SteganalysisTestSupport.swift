import Foundation
@testable import StegoKit

/// The committed clean photos (Fixtures/photos, 128x128 crops) and LSB replacement with a known
/// payload: the inputs whose right answer the detectors' tests know.
enum CleanPhotos {
    static let all: [RGBImage] = {
        let names = try! FileManager.default.contentsOfDirectory(atPath: Fixtures.path("photos")).filter { $0.hasSuffix(".png") }.sorted()
        return names.map { try! PNGCodec.read(path: Fixtures.path("photos/" + $0)) }
    }()

    /// `image` with the LSBs of a fraction `rate` of its samples replaced by random bits, the
    /// samples chosen at random (`sequential`: the first samples in file order).
    static func lsbReplaced(_ image: RGBImage, rate: Double, sequential: Bool = false, seed: UInt64) -> RGBImage {
        var rng = SeededGenerator(seed: seed)
        var out = image
        let count = Int((Double(image.pixels.count) * rate).rounded())
        let positions = sequential ? Array(0..<count) : Array(Array(image.pixels.indices).shuffled(using: &rng).prefix(count))
        for i in positions { out.pixels[i] = out.pixels[i] & 0xFE | UInt8.random(in: 0...1, using: &rng) }
        return out
    }
}
