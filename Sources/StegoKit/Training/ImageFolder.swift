import Foundation

/// All images under a folder (recursively), decoded once into memory, with random crops and flips
/// for training batches.
public struct ImageFolder: Sendable {
    public let images: [RGBImage]
    public let names: [String]
    /// Files left out, with the reason: unreadable, or smaller than the minimum size.
    public let skipped: [(name: String, reason: String)]

    /// Loads every image (`*.png`, `*.jpg`, `*.jpeg`, `*.webp`, `*.avif`, `*.heic`) below `path`, sorted by path; images
    /// smaller than `minimumSize` on either side and unreadable files are skipped (and listed in
    /// `skipped`).
    public init(path: String, minimumSize: Int = 1) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw StegoError.badInput("\(path): cannot list folder")
        }
        let files = enumerator.compactMap { $0 as? String }.filter { [".png", ".jpg", ".jpeg", ".webp", ".avif", ".heic"].contains(where: $0.lowercased().hasSuffix) }.sorted()
        var images: [RGBImage] = [], names: [String] = [], skipped: [(name: String, reason: String)] = []
        var total = 0
        for file in files {
            let image: RGBImage
            do {
                image = try ImageDecoder.read(path: path + "/" + file)
            } catch let error as StegoError {
                skipped.append((file, error.description))
                continue
            }
            guard image.width >= minimumSize, image.height >= minimumSize else {
                skipped.append((file, "\(image.size) is smaller than \(minimumSize)x\(minimumSize)"))
                continue
            }
            total += image.width * image.height
            guard total <= ImageLimits.maxTotalPixels else {
                throw StegoError.badInput("\(path): its images total more than \(Double(ImageLimits.maxTotalPixels) / 1e6) megapixels, the limit "
                                          + "for a folder held in memory (raise it with --max-total-megapixels)")
            }
            images.append(image)
            names.append(file)
        }
        self.skipped = skipped
        guard !images.isEmpty else { throw StegoError.badInput("\(path): no PNG of at least \(minimumSize)x\(minimumSize) pixels") }
        self.images = images
        self.names = names
    }

    /// A batch of random `size` x `size` crops, randomly flipped, as [N, 3, size, size] in [0, 1]:
    /// covers and secrets come from different images.
    public func randomPairs(count: Int, size: Int, using rng: inout some RandomNumberGenerator) -> (cover: Tensor, secret: Tensor) {
        precondition(images.count >= 2, "need at least two images to pair covers with secrets")
        let shape = TensorShape(count, 3, size, size)
        let cover = Tensor(shape, zeroed: false), secret = Tensor(shape, zeroed: false)
        for n in 0..<count {
            let i = Int.random(in: 0..<images.count, using: &rng)
            var j = Int.random(in: 0..<images.count - 1, using: &rng)
            if j >= i { j += 1 }
            writeCrop(of: images[i], into: cover, index: n, size: size, using: &rng)
            writeCrop(of: images[j], into: secret, index: n, size: size, using: &rng)
        }
        return (cover, secret)
    }

    private func writeCrop(of image: RGBImage, into t: Tensor, index n: Int, size: Int, using rng: inout some RandomNumberGenerator) {
        let x0 = Int.random(in: 0...(image.width - size), using: &rng)
        let y0 = Int.random(in: 0...(image.height - size), using: &rng)
        let flipX = Bool.random(using: &rng), flipY = Bool.random(using: &rng)
        for y in 0..<size {
            let sy = y0 + (flipY ? size - 1 - y : y)
            for x in 0..<size {
                let sx = x0 + (flipX ? size - 1 - x : x)
                for c in 0..<3 { t[n, c, y, x] = Float(image[sx, sy, c]) / 255 }
            }
        }
    }
}

extension RGBImage {
    /// [1, 3, H, W] in [0, 1]. The tensor's NHWC storage is the image's interleaved RGB order.
    public var tensor: Tensor { tensor(x: 0, y: 0, width: width, height: height) }

    /// The window whose top-left corner is (x, y) as [1, 3, height, width] in [0, 1].
    public func tensor(x: Int, y: Int, width w: Int, height h: Int) -> Tensor {
        precondition(x >= 0 && y >= 0 && x + w <= width && y + h <= height, "window outside the image")
        let t = Tensor(TensorShape(1, 3, h, w), zeroed: false)
        let (dst, rowLength, stride) = (t.data, w * 3, width * 3)
        pixels.withUnsafeBufferPointer { src in
            parallelChunks(h, minimumPerThread: 16) { rows in
                for row in rows {
                    let (from, to) = ((y + row) * stride + x * 3, row * rowLength)
                    for i in 0..<rowLength { dst[to + i] = Float(src[from + i]) / 255 }
                }
            }
        }
        return t
    }

    /// Image `n` of a [N, 3, H, W] tensor, clamped to [0, 1] and rounded to 8 bits.
    public init(tensor t: Tensor, index n: Int = 0) {
        precondition(t.shape.c == 3, "an RGB image needs 3 channels, got \(t.shape)")
        let count = t.shape.h * t.shape.w * 3
        let base = t.data + n * count
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { dst, initialized in
            parallelChunks(count) { range in
                for i in range { dst[i] = UInt8((min(max(base[i], 0), 1) * 255).rounded()) }
            }
            initialized = count
        }
        self.init(width: t.shape.w, height: t.shape.h, pixels: pixels)
    }
}
