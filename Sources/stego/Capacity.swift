import ArgumentParser
import Foundation
import StegoKit

struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How many bytes --method stc can hide in each cover, at each rate.",
        discussion: """
            The bytes of a secret (after compression: an image as AVIF or PNG, a file deflated) \
            that fit at each payload rate in bits per usable colour sample (samples at 0 or 255 \
            are never used: large black or white areas hold nothing). Lower rates are harder to \
            detect: 0.1 (the default of hide) keeps trained detectors near chance on photos; \
            above 0.2 detection becomes likely.
            Example: stego capacity cover.png --rate 0.05 --rate 0.1
            """)

    @Argument(help: "Cover images (PNG, JPEG, WebP, AVIF or HEIC).")
    var covers: [String]

    @Option(help: "Rates to report, in bits per colour sample.")
    var rate: [Double] = [0.05, 0.1, 0.2, 0.4]

    @Option(help: "The constraint height hide will use (2-14): from 12 on, the cover is cut into other segments, and what it holds can differ by a few bytes.")
    var constraintHeight = 10

    @Flag(help: "Print JSON instead of the table.")
    var json = false

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        guard !covers.isEmpty else { throw ValidationError("give at least one cover") }
        guard rate.allSatisfy(STCHiding.rates.contains) else { throw ValidationError("--rate must be in 0.001-1") }
        guard SyndromeTrellisCode.heights.contains(constraintHeight) else { throw ValidationError("--constraint-height must be in 2-14") }
    }

    func run() throws {
        limits.apply()
        var rows: [(name: String, size: ImageSize, bytes: [Int])] = []
        for cover in covers {
            let image = try ImageDecoder.read(path: cover)
            rows.append((cover, image.size, rate.map { STCHiding.capacity(of: image, rate: $0, height: constraintHeight) }))
        }
        if json {
            print(try ComparisonReport.json(["covers": rows.map { row -> [String: Any] in
                ["file": row.name, "width": row.size.width, "height": row.size.height,
                 "bytes": Dictionary(uniqueKeysWithValues: zip(rate.map { "\($0)" }, row.bytes))]
            }]))
            return
        }
        let nameWidth = max(5, rows.map(\.name.count).max() ?? 0)
        print("cover".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  size       "
              + rate.map { "\($0)".rightAligned(10) }.joined() + "   (bytes hidden at each rate, bits per colour sample)")
        for row in rows {
            print(row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                  + row.size.description.padding(toLength: 11, withPad: " ", startingAt: 0)
                  + row.bytes.map { String(format: "%10d", $0) }.joined())
        }
    }
}
