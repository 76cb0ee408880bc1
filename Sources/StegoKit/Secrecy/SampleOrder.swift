import CSodium

/// Which samples carry what, for `--method stc`: a public pseudo-random choice of a few samples
/// (the same for every image of a size) carries the header, since its salt must be read before
/// any key exists; all the others carry the frame, in an order only the passphrase gives.
enum SampleOrder {
    /// The public choice's seed: a hash of a fixed label.
    static let publicSeed: [UInt8] = {
        let label = Array("stego stc public sample order v1".utf8)
        var seed = [UInt8](repeating: 0, count: 32)
        crypto_generichash(&seed, 32, label, UInt64(label.count), nil, 0)
        return seed
    }()

    /// Samples are numbered in 32 bits: the most a cover may have.
    static let maximumSamples = Int(Int32.max)

    /// `chosen` distinct usable samples drawn from the public stream, in the order drawn.
    static func header(usable: [Bool], chosen: Int) throws -> [Int32] {
        precondition(chosen < usable.count(where: { $0 }) && usable.count <= maximumSamples)
        try Sodium.ready()
        var draws = chosen * 2
        while true {  // a longer stream starts with the same words
            var picked: [Int32] = [], taken = Set<Int>()
            for random in randomWords(0..<draws, seed: publicSeed) where picked.count < chosen {
                let i = Int(random.multipliedFullWidth(by: UInt64(usable.count)).high)
                if usable[i], taken.insert(i).inserted { picked.append(Int32(i)) }
            }
            if picked.count == chosen { return picked }
            draws *= 2
        }
    }

    /// The usable samples not in `header`, shuffled (Fisher-Yates) by the stream of `key`: word i
    /// picks the sample swapped into place i, from the last place down. The words come a chunk at a
    /// time (a 24-megapixel cover has 72 M samples: 576 MB of words held at once).
    static func frame(usable: [Bool], excluding header: [Int32], key: [UInt8]) -> [Int32] {
        var free = usable
        for i in header { free[Int(i)] = false }
        var rest = [Int32]()  // 32-bit indices: half the memory, and half the traffic of the random swaps
        rest.reserveCapacity(usable.count)
        for i in 0..<usable.count where free[i] { rest.append(Int32(i)) }
        let chunk = 1 << 16
        rest.withUnsafeMutableBufferPointer { rest in
            for start in stride(from: (rest.count - 1) / chunk * chunk, through: 0, by: -chunk) {
                let words = randomWords(start..<min(start + chunk, rest.count), seed: key)
                for i in stride(from: start + words.count - 1, through: max(start, 1), by: -1) {
                    rest.swapAt(i, Int(words[i - start].multipliedFullWidth(by: UInt64(i + 1)).high))
                }
            }
        }
        return rest
    }

    /// Words `range` (64 bits each) of the ChaCha20 stream for `seed`; `range` starts at a multiple of 8.
    static func randomWords(_ range: Range<Int>, seed: [UInt8]) -> [UInt64] {
        Sodium.stream(range.count * 8, seed: seed, offset: range.lowerBound * 8).withUnsafeBytes { raw in
            (0..<range.count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }

    /// The samples of `pixels` at `positions`, in that order; on every thread, as each read is a
    /// cache miss on a large cover.
    static func gather<T: BitwiseCopyable>(_ pixels: [T], at positions: [Int32]) -> [T] {
        [T](unsafeUninitializedCapacity: positions.count) { out, count in
            pixels.withUnsafeBufferPointer { pixels in
                positions.withUnsafeBufferPointer { positions in
                    parallelChunks(positions.count) { range in
                        for k in range { (out.baseAddress! + k).initialize(to: pixels[Int(positions[k])]) }
                    }
                }
            }
            count = positions.count
        }
    }
}
