import Foundation

/// `--method stc`, for secrecy and exact data: the secret is compressed (an image to AVIF at the
/// best quality that fits, or kept as PNG when that fits; a file deflated), encrypted and
/// authenticated with keys from a passphrase (`PassphraseKeys`, `SealedFrame`), and embedded as
/// ±1 changes of the cover's samples where HILL's costs say they are least detectable, by a
/// syndrome-trellis code that changes the cheapest samples. Only the payload `rate` (bits per
/// usable colour sample) of the cover carries data; the rest of the image is the cover, untouched.
///
/// Samples at 0 or 255 are never used, and no change makes one (1 only rises, 254 only falls),
/// so the extractor finds the same usable samples: a cover with large black or white areas holds
/// less, but never fails to embed. Among the usable samples, `headerSamples` drawn in a public
/// pseudo-random order carry the header (salt, then the frame length and constraint height masked
/// with a key), coded at 1 bit per 16 samples; all others, in an order only the passphrase gives,
/// carry the sealed frame.
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
        let word = Self.headerWord(frameBits: frameBytes * 8, height: code.height)
        let header = salt + zip(word, keys.headerMask).map { $0 ^ $1 }
        let sealed = try SealedFrame.seal(kind: kind, content: content, bytes: frameBytes, keys: keys,
                                          associated: associatedData(salt: salt, word: word, size: cover.size))
        let costs = HILLCost.costs(cover)
        var stego = cover
        let changed = try embed(header, at: headerPositions, code: Self.headerCode, costs: costs, into: &stego)
            + embed(sealed, at: framePositions, code: code, costs: costs, into: &stego)
        return (stego, Report(storage: storage, contentBytes: content.count, capacity: capacity, changedSamples: changed, samples: cover.pixels.count))
    }

    /// What `hide` embedded with this passphrase; `failure` when the image holds nothing for it.
    public func reveal(_ stego: RGBImage) throws -> Payload {
        let usable = Self.usable(stego)
        guard usable.count(where: { $0 }) > Self.headerSamples else { throw Self.failure }
        let headerPositions = try SampleOrder.header(usable: usable, chosen: Self.headerSamples)
        let header = try extract(from: stego, at: headerPositions, code: Self.headerCode, bytes: Self.headerBytes)
        let salt = Array(header[..<PassphraseKeys.saltBytes])
        let keys = try PassphraseKeys(passphrase: passphrase, salt: salt)
        let word = zip(header[PassphraseKeys.saltBytes...], keys.headerMask).map { $0 ^ $1 }
        let frameBits = LittleEndian.value(word)
        guard word[5...].allSatisfy({ $0 == 0 }), let code = try? SyndromeTrellisCode(height: Int(word[4])) else { throw Self.failure }
        let framePositions = SampleOrder.frame(usable: usable, excluding: headerPositions, key: keys.order)
        let layout = code.layout(samples: framePositions.count)
        guard frameBits > 0, frameBits % 8 == 0, frameBits % layout.segments == 0, frameBits / layout.segments <= layout.length else { throw Self.failure }
        let sealed = try extract(from: stego, at: framePositions, code: code, bytes: frameBits / 8)
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

    /// The frame length in bits (4 bytes, little-endian), the constraint height, 3 zero bytes.
    static func headerWord(frameBits: Int, height: Int) -> [UInt8] {
        LittleEndian.bytes(frameBits) + [UInt8(height), 0, 0, 0]
    }

    func associatedData(salt: [UInt8], word: [UInt8], size: ImageSize) -> [UInt8] {
        Self.label + salt + word + LittleEndian.bytes(size.width) + LittleEndian.bytes(size.height)
    }

    /// Embeds `bytes` (least significant bit first) into the samples at `positions`, each change
    /// +1 or -1 at random (1 up, 254 down: never to 0 or 255); returns the number of samples changed.
    func embed(_ bytes: [UInt8], at positions: [Int], code: SyndromeTrellisCode, costs: [Float], into stego: inout RGBImage) throws -> Int {
        let message = bytes.flatMap { byte in (0..<8).map { byte >> $0 & 1 } }
        let cover = positions.map { stego.pixels[$0] & 1 }
        let bits = try code.embed(cover: cover, costs: positions.map { costs[$0] }, message: message)
        var random = SystemRandomNumberGenerator(), changed = 0
        for (k, position) in positions.enumerated() where bits[k] != cover[k] {
            let value = stego.pixels[position]
            stego.pixels[position] = value == 254 || (value > 1 && Bool.random(using: &random)) ? value - 1 : value + 1
            changed += 1
        }
        return changed
    }

    func extract(from stego: RGBImage, at positions: [Int], code: SyndromeTrellisCode, bytes: Int) throws -> [UInt8] {
        let bits = try code.extract(stego: positions.map { stego.pixels[$0] & 1 }, messageBits: bytes * 8)
        return (0..<bytes).map { i in (0..<8).reduce(UInt8(0)) { $0 | bits[i * 8 + $1] << $1 } }
    }
}
