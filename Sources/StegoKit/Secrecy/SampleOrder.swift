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

    /// `chosen` distinct usable samples drawn from the public stream, in the order drawn.
    static func header(usable: [Bool], chosen: Int) throws -> [Int] {
        precondition(chosen < usable.count(where: { $0 }))
        try Sodium.ready()
        var draws = chosen * 2
        while true {  // a longer stream starts with the same words
            var picked: [Int] = [], taken = Set<Int>()
            for random in randomWords(draws, seed: publicSeed) where picked.count < chosen {
                let i = Int(random.multipliedFullWidth(by: UInt64(usable.count)).high)
                if usable[i], taken.insert(i).inserted { picked.append(i) }
            }
            if picked.count == chosen { return picked }
            draws *= 2
        }
    }

    /// The usable samples not in `header`, shuffled (Fisher-Yates) by the stream of `key`.
    static func frame(usable: [Bool], excluding header: [Int], key: [UInt8]) -> [Int] {
        var free = usable
        for i in header { free[i] = false }
        var rest = [Int32]()  // 32-bit indices: half the memory traffic of the random swaps
        rest.reserveCapacity(usable.count)
        for i in 0..<usable.count where free[i] { rest.append(Int32(i)) }
        let words = randomWords(rest.count, seed: key)
        for i in stride(from: rest.count - 1, to: 0, by: -1) {
            rest.swapAt(i, Int(words[i].multipliedFullWidth(by: UInt64(i + 1)).high))
        }
        return rest.map(Int.init)
    }

    /// `count` 64-bit words of the ChaCha20 stream for `seed`.
    static func randomWords(_ count: Int, seed: [UInt8]) -> [UInt64] {
        Sodium.stream(count * 8, seed: seed).withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }
}
