import CTrellis

/// Syndrome-trellis codes (Filler, Judas and Fridrich, "Minimizing additive distortion in
/// steganography using syndrome-trellis codes", IEEE TIFS 6(3), 2011), binary: the stego bits y
/// satisfy H y = m for the message m, and the Viterbi search picks, among all such y, the one whose
/// changed bits cost least. H is the paper's band matrix: a fixed h x w submatrix Ĥ placed once per
/// message bit, each copy one row lower; the extractor needs only H, never the costs.
///
/// The cover is cut into segments coded independently, 16 side by side in SIMD lanes (every lane
/// runs the same trellis on its own samples), so memory stays bounded (the decisions take 2^h
/// bits per sample) and both cores are used. `Layout` fixes the segments from the sample count
/// and h alone, so that the extractor finds the same ones.
public struct SyndromeTrellisCode: Sendable {
    /// The constraint height h: the trellis has 2^h states; larger h codes closer to the bound
    /// and costs 2^h work per sample.
    public let height: Int
    /// Segments may be this long at every height (see `Layout`).
    public let segmentLimit: Int

    public static let heights = 2...14
    /// `segmentLimit` now, and in the first layout (stc's earlier images, where h >= 12 cut shorter
    /// segments; for h <= 11 the two layouts are the same).
    public static let segmentLimit = 8192, firstSegmentLimit = 1024

    public init(height: Int, segmentLimit: Int = Self.segmentLimit) throws {
        guard Self.heights.contains(height) else {
            throw StegoError.badInput("constraint height \(height) is outside \(Self.heights.lowerBound)-\(Self.heights.upperBound)")
        }
        self.height = height
        self.segmentLimit = segmentLimit
    }

    /// Samples per SIMD group of segments.
    static let lanes = 16

    /// How `samples` cover samples are cut: `segments` (a multiple of 16) of `length` samples;
    /// the few samples past `segments * length` are never changed.
    public struct Layout: Equatable, Sendable {
        public let segments: Int
        public let length: Int

        /// The fewest groups of 16 segments none longer than the limit: what 32 MB of decisions per
        /// group allows (length * 2^h bits per lane), but never less than `segmentLimit` samples.
        /// The first h - 1 message bits of a segment are covered by fewer columns and cost more, so
        /// short segments undo what a larger h gains (limited to 1024 samples, h = 14 lost 3% more
        /// payload than h = 12 at 0.05 bits per sample).
        public init(samples: Int, height: Int, segmentLimit: Int = SyndromeTrellisCode.segmentLimit) {
            let maximumLength = Self.longestSegment(height: height, segmentLimit: segmentLimit)
            let groups = max(1, (samples + lanes * maximumLength - 1) / (lanes * maximumLength))
            segments = groups * lanes
            length = samples / segments
        }

        static func longestSegment(height: Int, segmentLimit: Int) -> Int { max(segmentLimit, (1 << 24) >> height) }

        /// Message bits that fit at `rate` bits per sample (a multiple of the segment count).
        public func messageBits(rate: Double) -> Int { segments * Int((rate * Double(length)).rounded(.down)) }
    }

    public func layout(samples: Int) -> Layout { Layout(samples: samples, height: height, segmentLimit: segmentLimit) }

    /// Whether this code cuts every cover as the first layout did (at h <= 11 whatever its limit).
    public var cutsAsTheFirstLayout: Bool {
        Layout.longestSegment(height: height, segmentLimit: segmentLimit) == Layout.longestSegment(height: height, segmentLimit: Self.firstSegmentLimit)
    }

    /// The columns of Ĥ for blocks of up to `width` samples: h bits each, the first and last row
    /// set (the paper's condition for a good code), the rest from a fixed seed.
    func submatrix(width: Int) -> [Int] {
        var generator = SeededGenerator(seed: UInt64(height) << 32 | UInt64(width))
        let ends = 1 | 1 << (height - 1)
        return (0..<width).map { _ in Int(generator.next() & UInt64((1 << height) - 1)) | ends }
    }

    /// Where the columns of each message bit's block start within a segment of `length` samples
    /// carrying `bits` message bits (`bits + 1` bounds; widths differ by at most one).
    static func blockStarts(length: Int, bits: Int) -> [Int] { (0...bits).map { $0 * length / bits } }

    /// The stego bits (0 or 1) for the cover bits `cover` and flip costs `costs` (infinity: never
    /// flip) whose syndrome is `message` (0 or 1 each, a multiple of the layout's segment count,
    /// at most one bit per sample), changing the cover bits of least total cost.
    public func embed(cover: [UInt8], costs: [Float], message: [UInt8]) throws -> [UInt8] {
        precondition(cover.count == costs.count)
        let layout = layout(samples: cover.count)
        let bits = try bitsPerSegment(layout: layout, messageBits: message.count)
        // As the C search takes them, once for all groups.
        let starts = Self.blockStarts(length: layout.length, bits: bits).map(Int64.init)
        let columns = submatrix(width: (layout.length + bits - 1) / bits).map(Int64.init)
        var stego = cover
        var feasible = [Bool](repeating: true, count: layout.segments / Self.lanes)
        // Each thread holds one group's decisions at a time: at most 512 MB of them together.
        let groups = layout.segments / Self.lanes, groupBytes = layout.length * (1 << height) * 2
        let threads = max(1, (1 << 29) / groupBytes)
        stego.withUnsafeMutableBufferPointer { out in
            feasible.withUnsafeMutableBufferPointer { feasible in
                parallelFor(groups, minimumPerThread: 1, maximumThreads: threads) { group in
                    feasible[group] = embedGroup(group, layout: layout, starts: starts, columns: columns,
                                                 cover: cover, costs: costs, message: message, stego: out)
                }
            }
        }
        guard feasible.allSatisfy({ $0 }) else {
            throw StegoError.badInput("the payload does not fit: too many samples may not change (pixels at 0 or 255)")
        }
        return stego
    }

    /// The Viterbi search over the trellis for the 16 segments of `group`, side by side
    /// (`stego_trellis_embed`); false when a segment has no solution of finite cost.
    private func embedGroup(_ group: Int, layout: Layout, starts: [Int64], columns: [Int64], cover: [UInt8], costs: [Float],
                            message: [UInt8], stego: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let length = layout.length, bits = starts.count - 1, lanes = Self.lanes
        let first = group * lanes  // the group's first segment; its segments lie one after another
        // The cost of a 0 and of a 1 at each column, per lane.
        var zero = [Float](repeating: 0, count: length * lanes), one = zero
        for k in 0..<lanes {
            for j in 0..<length {
                let i = (first + k) * length + j
                if cover[i] == 0 { one[j * lanes + k] = costs[i] } else { zero[j * lanes + k] = costs[i] }
            }
        }
        let wanted = (0..<bits * lanes).map { message[(first + $0 % lanes) * bits + $0 / lanes] }
        let result = stego_trellis_embed(Int32(height), Int32(length), Int32(bits), starts, columns, zero, one, wanted,
                                         stego.baseAddress! + first * length)
        precondition(result >= 0, "out of memory for the trellis")
        return result == 0
    }

    /// The message of `messageBits` bits that `stego` (bits) carries: the syndrome H y.
    public func extract(stego: [UInt8], messageBits: Int) throws -> [UInt8] {
        let layout = layout(samples: stego.count)
        let bits = try bitsPerSegment(layout: layout, messageBits: messageBits)
        let starts = Self.blockStarts(length: layout.length, bits: bits)
        let columns = submatrix(width: (layout.length + bits - 1) / bits)
        var message = [UInt8](repeating: 0, count: messageBits)
        for segment in 0..<layout.segments {
            var window = 0
            for block in 0..<bits {
                for j in starts[block]..<starts[block + 1] where stego[segment * layout.length + j] & 1 == 1 {
                    window ^= columns[j - starts[block]]
                }
                message[segment * bits + block] = UInt8(window & 1)
                window >>= 1
            }
        }
        return message
    }

    private func bitsPerSegment(layout: Layout, messageBits: Int) throws -> Int {
        guard layout.length > 0, messageBits > 0, messageBits % layout.segments == 0, messageBits / layout.segments <= layout.length else {
            throw StegoError.badInput("\(messageBits) message bits do not fit the code's \(layout.segments) segments of \(layout.length) samples")
        }
        return messageBits / layout.segments
    }
}
