/// Splits an image into tiles processed one at a time, so that memory stays bounded for large
/// images. Each tile is computed with `margin` extra pixels of context on every side (where the
/// image has them), and only its core is kept; cores cover the image exactly once. All
/// coordinates are even, as the wavelet transform needs.
public struct Tiling: Sendable, Equatable {
    public var tile: Int
    public var margin: Int

    public init(tile: Int, margin: Int) {
        precondition(tile > 0 && tile % 2 == 0 && margin % 2 == 0, "tile and margin must be even")
        self.tile = tile
        self.margin = margin
    }

    public struct Region: Sendable, Equatable {
        /// The part of the image this tile produces.
        public var core: (x: Int, y: Int, width: Int, height: Int)
        /// The part of the image the network sees: the core plus context.
        public var context: (x: Int, y: Int, width: Int, height: Int)

        public static func == (a: Region, b: Region) -> Bool {
            a.core == b.core && a.context == b.context
        }
    }

    /// The tiles of an image of even `size`, row by row.
    public func regions(for size: ImageSize) -> [Region] {
        precondition(size.width % 2 == 0 && size.height % 2 == 0)
        var out: [Region] = []
        for y in stride(from: 0, to: size.height, by: tile) {
            for x in stride(from: 0, to: size.width, by: tile) {
                let w = min(tile, size.width - x), h = min(tile, size.height - y)
                let cx = max(0, x - margin), cy = max(0, y - margin)
                let cw = min(size.width, x + w + margin) - cx, ch = min(size.height, y + h + margin) - cy
                out.append(Region(core: (x, y, w, h), context: (cx, cy, cw, ch)))
            }
        }
        return out
    }
}

extension Tiling {
    /// Runs `body` on each tile's context window (no gradients recorded) and assembles the
    /// cores of its [1, 3, h, w] outputs, rounded to 8 bits, into an image of `size`.
    /// An image of several tiles shows "`label` tile k/n" on stderr when it is a terminal.
    func assemble(_ size: ImageSize, label: String, _ body: ((x: Int, y: Int, width: Int, height: Int)) -> Tensor) -> RGBImage {
        var out = RGBImage(width: size.width, height: size.height)
        let regions = regions(for: size)
        let progress = regions.count > 1 ? Progress(label: "\(label) tile", total: regions.count) : nil
        defer { progress?.finish() }
        for (k, region) in regions.enumerated() {
            progress?.update(k)
            let result = RGBImage(tensor: Gradients.withoutRecording { body(region.context) })
            let core = region.core, dx = core.x - region.context.x, dy = core.y - region.context.y
            for y in 0..<core.height {
                let src = ((dy + y) * result.width + dx) * 3, dst = ((core.y + y) * out.width + core.x) * 3
                out.pixels[dst..<dst + core.width * 3] = result.pixels[src..<src + core.width * 3]
            }
        }
        return out
    }
}
