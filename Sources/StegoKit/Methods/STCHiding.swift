import Foundation

/// `--method stc`, for secrecy and exact data: the secret is compressed (an image to AVIF at the
/// best quality that fits, or kept as PNG when that fits; a file deflated), encrypted and
/// authenticated with keys from a passphrase (`PassphraseKeys`, `SealedFrame`), and embedded as
/// ±1 changes of the cover's samples where HILL's costs say they are least detectable, by two
/// layers of syndrome-trellis codes (`PlusMinusOneEmbedding`: the direction of each change carries
/// data too). Only the payload `rate` (bits per
/// usable colour sample) of the cover carries data; the rest of the image is the cover, untouched.
///
/// Samples at 0 or 255 are never used, and no change makes one (1 only rises, 254 only falls),
/// so the extractor finds the same usable samples: a cover with large black or white areas holds
/// less, but never fails to embed. Among the usable samples, `headerSamples` drawn in a public
/// pseudo-random order carry the header (salt, then the frame length, constraint height and layer
/// split masked with a key), coded in bit 0 at 1 bit per 16 samples; all others, in an order only
/// the passphrase gives, carry the sealed frame.
public struct STCHiding: StegoMethod {
    public enum Payload: Equatable, Sendable {
        case image(RGBImage)
        case file([UInt8])
    }

    /// What a hide did, for the user.
    public struct Report: Sendable {
        /// How the secret was stored: "PNG (exact)", "AVIF (quantizer 23)", "file", "deflated file".
        public var storage: String
        public var contentBytes: Int
        /// Content bytes the frame had room for.
        public var capacity: Int
        public var changedSamples: Int
        public var samples: Int
        /// 2: the changes' directions carry data too; 1: bit 0 only, where the two layers did not fit.
        public var layers: Int
    }

    public let passphrase: [UInt8]
    /// Payload in bits per colour sample.
    public let rate: Double
    public let code: SyndromeTrellisCode

    public static let rates = 0.001...1.0
    public static let failure = StegoError.runtime("no hidden data, or wrong passphrase")

    static let headerBytes = PassphraseKeys.saltBytes + 8
    static let headerSamplesPerBit = 16
    static let headerSamples = headerBytes * 8 * headerSamplesPerBit
    static let headerCode = try! SyndromeTrellisCode(height: 10)
    static let label = Array("stego stc v1".utf8)

    public init(passphrase: [UInt8], rate: Double = 0.1, height: Int = 10) throws {
        guard !passphrase.isEmpty else { throw StegoError.badInput("the passphrase is empty") }
        guard Self.rates.contains(rate) else { throw StegoError.badInput("rate \(rate) is outside \(Self.rates.lowerBound)-\(Self.rates.upperBound) bits per sample") }
        self.passphrase = passphrase
        self.rate = rate
        code = try SyndromeTrellisCode(height: height)
    }

    /// Content bytes `cover` holds (the frame less its header and tag); 0 when too small.
    public func capacity(of cover: RGBImage) -> Int { Self.capacity(of: cover, rate: rate, height: code.height) }

    public static func capacity(of cover: RGBImage, rate: Double, height: Int = 10) -> Int {
        max(0, frameBytes(samples: usable(cover).count { $0 }, rate: rate, height: height) - SealedFrame.overhead)
    }

    /// Samples are numbered in 32 bits (`SampleOrder`): about 715 megapixels at most.
    static func checkSize(_ image: RGBImage) throws {
        guard image.pixels.count <= SampleOrder.maximumSamples else {
            throw StegoError.badInput("the image (\(image.size)) is too large for --method stc: at most \(SampleOrder.maximumSamples / 3_000_000) megapixels")
        }
    }

    /// Which samples carry data: all but those at 0 or 255.
    static func usable(_ image: RGBImage) -> [Bool] { image.pixels.map { $0 != 0 && $0 != 255 } }

    static func frameBytes(samples: Int, rate: Double, height: Int) -> Int {
        guard samples > headerSamples else { return 0 }
        return SyndromeTrellisCode.Layout(samples: samples - headerSamples, height: height).messageBits(rate: rate) / 8
    }

    public func hide(cover: RGBImage, secret: RGBImage) throws -> RGBImage { try hide(cover: cover, payload: .image(secret)).stego }

    public func reveal(stego: RGBImage) throws -> RGBImage {
        guard case .image(let image) = try reveal(stego) else {
            throw StegoError.badInput("the stego image holds a file, not an image (stego reveal --method stc writes it out byte for byte)")
        }
        return image
    }

    public func hide(cover: RGBImage, payload: Payload) throws -> (stego: RGBImage, report: Report) {
        try Self.checkSize(cover)
        let usable = Self.usable(cover)
        let frameBytes = Self.frameBytes(samples: usable.count(where: { $0 }), rate: rate, height: code.height)
        let capacity = frameBytes - SealedFrame.overhead
        guard capacity > 0 else {
            throw StegoError.badInput("the cover (\(cover.size)) is too small to hide anything at rate \(rate) (samples at 0 or 255 are not used)")
        }
        let (kind, content, storage) = try compress(payload, capacity: capacity)
        let salt = try Sodium.randomBytes(PassphraseKeys.saltBytes)
        let keys = try PassphraseKeys(passphrase: passphrase, salt: salt)
        let headerPositions = try SampleOrder.header(usable: usable, chosen: Self.headerSamples)
        let framePositions = SampleOrder.frame(usable: usable, excluding: headerPositions, key: keys.order)
        let costs = HILLCost.costs(cover)
        let (values, up, down) = Self.sampleCosts(cover, at: framePositions, costs: costs)
        let embedding = PlusMinusOneEmbedding(code: code)
        let segments = code.layout(samples: framePositions.count).segments
        var stego = cover
        var changed = 0, layers = 0
        // Two layers; where they do not fit (many samples that may not change, a high rate), bit 0
        // alone, as the first version did. The header says which, and is authenticated with the frame.
        let layered = embedding.plan(values: values, up: up, down: down, messageBits: frameBytes * 8)
        for plan in layered.layer2Bits > 0 ? [layered, .bit0Only] : [layered] {
            let word = Self.headerWord(frameBits: frameBytes * 8, code: code, layer2BitsPerSegment: plan.layer2Bits / segments)
            let sealed = try SealedFrame.seal(kind: kind, content: content, bytes: frameBytes, keys: keys,
                                              associated: associatedData(salt: salt, word: word, size: cover.size))
            let frame: [UInt8]
            do {
                frame = try embedding.embed(values: values, up: up, down: down, message: Self.bits(sealed), plan: plan)
            } catch where plan.layer2Bits > 0 {
                continue
            }
            let header = salt + zip(word, keys.headerMask).map { $0 ^ $1 }
            let (headerValues, headerUp, headerDown) = Self.sampleCosts(cover, at: headerPositions, costs: costs)
            let headerStego = try PlusMinusOneEmbedding(code: Self.headerCode).embed(values: headerValues, up: headerUp, down: headerDown,
                                                                                    message: Self.bits(header), plan: .bit0Only)
            for (positions, old, new) in [(framePositions, values, frame), (headerPositions, headerValues, headerStego)] {
                for (k, position) in positions.enumerated() where new[k] != old[k] {
                    stego.pixels[Int(position)] = new[k]
                    changed += 1
                }
            }
            layers = plan.layer2Bits > 0 ? 2 : 1
            break
        }
        return (stego, Report(storage: storage, contentBytes: content.count, capacity: capacity, changedSamples: changed, samples: cover.pixels.count, layers: layers))
    }

    /// What `hide` embedded with this passphrase; `failure` when the image holds nothing for it.
    public func reveal(_ stego: RGBImage) throws -> Payload {
        try Self.checkSize(stego)
        let usable = Self.usable(stego)
        guard usable.count(where: { $0 }) > Self.headerSamples else { throw Self.failure }
        let headerPositions = try SampleOrder.header(usable: usable, chosen: Self.headerSamples)
        let header = try extract(from: stego, at: headerPositions, code: Self.headerCode, bytes: Self.headerBytes)
        let salt = Array(header[..<PassphraseKeys.saltBytes])
        let keys = try PassphraseKeys(passphrase: passphrase, salt: salt)
        let word = zip(header[PassphraseKeys.saltBytes...], keys.headerMask).map { $0 ^ $1 }
        let frameBits = LittleEndian.value(word), layer2BitsPerSegment = LittleEndian.value(word[5...] + [0])
        guard let code = Self.code(heightByte: word[4]) else { throw Self.failure }
        let framePositions = SampleOrder.frame(usable: usable, excluding: headerPositions, key: keys.order)
        let layout = code.layout(samples: framePositions.count)
        guard frameBits > 0, frameBits % 8 == 0, frameBits % layout.segments == 0, frameBits / layout.segments <= layout.length,
              layer2BitsPerSegment <= frameBits / layout.segments else { throw Self.failure }
        let bits = try PlusMinusOneEmbedding(code: code).extract(values: SampleOrder.gather(stego.pixels, at: framePositions), messageBits: frameBits,
                                                                  layer2Bits: layer2BitsPerSegment * layout.segments)
        let sealed = Self.bytes(bits)
        guard let (kind, content) = SealedFrame.open(sealed, keys: keys, associated: associatedData(salt: salt, word: word, size: stego.size)) else {
            throw Self.failure
        }
        switch kind {
        case .avifImage: return .image(try AVIFCodec.decode(content, name: "the hidden image"))
        case .pngImage: return .image(try PNGCodec.decode(content, name: "the hidden image"))
        case .file: return .file(content)
        case .deflatedFile:
            guard let bytes = Deflate.decompress(content) else { throw StegoError.runtime("the hidden file is corrupt") }
            return .file(bytes)
        }
    }

    /// The secret in at most `capacity` bytes: a file deflated when that is smaller; an image as
    /// PNG (exact) when it fits, else as AVIF at the best quality that fits.
    func compress(_ payload: Payload, capacity: Int) throws -> (SealedFrame.Kind, [UInt8], String) {
        let advice = "raise --rate (at most \(Self.rates.upperBound); detection grows with it) or use a larger cover"
        switch payload {
        case .file(let bytes):
            let deflated = Deflate.compress(bytes)
            let (kind, content, storage) = deflated.count < bytes.count ? (SealedFrame.Kind.deflatedFile, deflated, "deflated file")
                                                                      : (.file, bytes, "file")
            guard content.count <= capacity else {
                throw StegoError.badInput("the file needs \(content.count) bytes (\(storage)) but the cover holds \(capacity) at rate \(rate): \(advice)")
            }
            return (kind, content, storage)
        case .image(let image):
            let png = try PNGCodec.encode(image)
            if png.count <= capacity { return (.pngImage, png, "PNG (exact)") }
            guard let (avif, quantizer) = try AVIFCodec.encode(image, fitting: capacity) else {
                let smallest = try AVIFCodec.encode(image, quantizer: 63).count
                throw StegoError.badInput("the secret image needs at least \(smallest) bytes (AVIF at its lowest quality) but the cover holds "
                                          + "\(capacity) at rate \(rate): \(advice), or hide a smaller secret")
            }
            return (.avifImage, avif, "AVIF (quantizer \(quantizer) of 63)")
        }
    }

    /// The frame length in bits (4 bytes, little-endian), the code (`heightByte`), and the frame
    /// bits per segment in layer 2 (3 bytes; 0 in images from the first version, which flipped bit 0
    /// only).
    static func headerWord(frameBits: Int, code: SyndromeTrellisCode, layer2BitsPerSegment: Int) -> [UInt8] {
        precondition(layer2BitsPerSegment < 1 << 24)
        return LittleEndian.bytes(frameBits) + [heightByte(code)] + LittleEndian.bytes(layer2BitsPerSegment).prefix(3)
    }

    /// The constraint height, with bit 7 set where the code cuts other segments than the first
    /// layout did (h >= 12), so that images of the first layout still reveal.
    static func heightByte(_ code: SyndromeTrellisCode) -> UInt8 {
        UInt8(code.height) | (code.cutsAsTheFirstLayout ? 0 : 0x80)
    }

    static func code(heightByte: UInt8) -> SyndromeTrellisCode? {
        try? SyndromeTrellisCode(height: Int(heightByte & 0x7f), segmentLimit: heightByte & 0x80 != 0 ? SyndromeTrellisCode.segmentLimit
                                                                                                       : SyndromeTrellisCode.firstSegmentLimit)
    }

    /// The cover values of the samples at `positions` and their costs of +1 and -1.
    static func sampleCosts(_ cover: RGBImage, at positions: [Int32], costs: [Float]) -> (values: [UInt8], up: [Float], down: [Float]) {
        let values = SampleOrder.gather(cover.pixels, at: positions)
        let (up, down) = PlusMinusOneEmbedding.directionCosts(values: values, costs: SampleOrder.gather(costs, at: positions))
        return (values, up, down)
    }

    /// Bytes as bits, least significant first, and back.
    static func bits(_ bytes: [UInt8]) -> [UInt8] { bytes.flatMap { byte in (0..<8).map { byte >> $0 & 1 } } }
    static func bytes(_ bits: [UInt8]) -> [UInt8] { (0..<bits.count / 8).map { i in (0..<8).reduce(UInt8(0)) { $0 | bits[i * 8 + $1] << $1 } } }

    func associatedData(salt: [UInt8], word: [UInt8], size: ImageSize) -> [UInt8] {
        Self.label + salt + word + LittleEndian.bytes(size.width) + LittleEndian.bytes(size.height)
    }

    func extract(from stego: RGBImage, at positions: [Int32], code: SyndromeTrellisCode, bytes: Int) throws -> [UInt8] {
        Self.bytes(try code.extract(stego: SampleOrder.gather(stego.pixels, at: positions), messageBits: bytes * 8))
    }
}
