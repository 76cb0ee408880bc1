import XCTest
@testable import StegoKit

final class STCHidingTests: XCTestCase {
    let passphrase = Array("correct horse battery staple".utf8)

    func photo(_ name: String = "kphotoalbum_bar55", side: Int = 64) throws -> RGBImage {
        try PNGCodec.decode(Fixtures.bytes("photos/\(name).png"), name: name).cropped(x: 40, y: 40, size: ImageSize(width: side, height: side))
    }

    func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    func testFilesComeBackByteForByteUpToTheCapacity() throws {
        let method = try STCHiding(passphrase: passphrase, rate: 0.2)
        let cover = try photo()
        let capacity = method.capacity(of: cover)
        XCTAssertGreaterThan(capacity, 150)
        for file in [[], Array("hello".utf8), randomBytes(capacity, seed: 1), [UInt8](repeating: 65, count: 3 * capacity)] {
            let (stego, report) = try method.hide(cover: cover, payload: .file(file))
            XCTAssertEqual(try method.reveal(stego), .file(file))
            XCTAssertLessThanOrEqual(report.contentBytes, capacity)
            XCTAssertGreaterThan(report.changedSamples, 0)
            // ±1 changes only, on a small share of the samples.
            XCTAssertTrue(zip(cover.pixels, stego.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
            XCTAssertLessThan(report.changedSamples, report.samples / 10)
        }
        XCTAssertThrowsError(try method.hide(cover: cover, payload: .file(randomBytes(capacity + 1, seed: 2)))) { error in
            XCTAssertTrue((error as? StegoError)?.isBadInput ?? false, "\(error)")
        }
    }

    func testImagesComeBackExactAsPNGWhenTheyFitElseAsAVIF() throws {
        let method = try STCHiding(passphrase: passphrase, rate: 0.5)
        let cover = try photo(side: 96)
        let small = try photo("kphotoalbum_anne_helene", side: 12)
        let (stego, report) = try method.hide(cover: cover, payload: .image(small))
        XCTAssertEqual(report.storage, "PNG (exact)")
        XCTAssertEqual(try method.reveal(stego: stego), small)
        let larger = try photo("kphotoalbum_anne_helene", side: 48)
        let (avifStego, avifReport) = try method.hide(cover: cover, payload: .image(larger))
        XCTAssertTrue(avifReport.storage.hasPrefix("AVIF"), avifReport.storage)
        let revealed = try method.reveal(stego: avifStego)
        XCTAssertEqual(revealed.size, larger.size)
        XCTAssertGreaterThan(try ImageComparison(larger, revealed).psnrY, 20)
    }

    func testWrongPassphraseChangedSampleCleanPhotoAndCropAreRefused() throws {
        let method = try STCHiding(passphrase: passphrase)
        let cover = try photo()
        let (stego, _) = try method.hide(cover: cover, payload: .file(Array("meet at noon".utf8)))
        XCTAssertEqual(try method.reveal(stego), .file(Array("meet at noon".utf8)))
        func assertRefused(_ image: RGBImage, _ hiding: STCHiding, _ what: String) {
            XCTAssertThrowsError(try hiding.reveal(image), what) { XCTAssertEqual($0 as? StegoError, STCHiding.failure, what) }
        }
        assertRefused(stego, try STCHiding(passphrase: Array("correct horse battery stapler".utf8)), "wrong passphrase")
        assertRefused(cover, method, "clean photo")
        assertRefused(stego.cropped(x: 0, y: 0, size: ImageSize(width: 64, height: 63)), method, "cropped")
        // One sample changed by one, in the header and in the frame (whose order the hide's salt gives).
        let header = try SampleOrder.header(usable: STCHiding.usable(stego), chosen: STCHiding.headerSamples)
        let salt = Array(try method.extract(from: stego, at: header, code: STCHiding.headerCode, bytes: STCHiding.headerBytes)[..<16])
        let frame = SampleOrder.frame(usable: STCHiding.usable(stego), excluding: header, key: try PassphraseKeys(passphrase: passphrase, salt: salt).order)
        for position in [header[5], frame[0], frame[frame.count / 2]].map(Int.init) {
            var changed = stego
            changed.pixels[position] = changed.pixels[position] == 255 ? 254 : changed.pixels[position] + 1
            assertRefused(changed, method, "sample \(position) changed by one")
        }
        var flipped = stego
        for position in stride(from: 0, to: flipped.pixels.count, by: 997) { flipped.pixels[position] ^= 1 }
        assertRefused(flipped, method, "samples changed")
    }

    /// Samples at 0 and 255 never change and no sample becomes 0 or 255, so a cover that is mostly
    /// white or black still works: it only holds less.
    func testSaturatedAreasAreNeverUsedNorMade() throws {
        var cover = try photo(side: 96)
        for i in 0..<cover.pixels.count {
            switch i % 7 {
            case 0, 1, 2: cover.pixels[i] = 255
            case 3: cover.pixels[i] = 0
            case 4: cover.pixels[i] = i % 2 == 0 ? 1 : 254
            default: break
            }
        }
        let method = try STCHiding(passphrase: passphrase, rate: 0.4)
        let capacity = method.capacity(of: cover)
        XCTAssertLessThan(capacity, method.capacity(of: try photo(side: 96)) * 3 / 7 + 1)
        let file = randomBytes(capacity, seed: 3)
        let (stego, _) = try method.hide(cover: cover, payload: .file(file))
        XCTAssertEqual(try method.reveal(stego), .file(file))
        for (before, after) in zip(cover.pixels, stego.pixels) {
            XCTAssertEqual(before == 0 || before == 255, after == 0 || after == 255)
            if before == 0 || before == 255 { XCTAssertEqual(before, after) }
        }
    }

    /// The directions of the changes carry data (two layers), and come out balanced (+1 as often as
    /// -1: no trace for the detectors of LSB replacement); at the highest rate bit 0 alone may carry it.
    func testChangeDirectionsCarryDataAndTheHighestRateStillFits() throws {
        let cover = try photo(side: 96)
        let method = try STCHiding(passphrase: passphrase, rate: 0.2)
        let file = randomBytes(method.capacity(of: cover), seed: 4)
        let (stego, report) = try method.hide(cover: cover, payload: .file(file))
        XCTAssertEqual(report.layers, 2)
        XCTAssertEqual(try method.reveal(stego), .file(file))
        let ups = zip(cover.pixels, stego.pixels).count { $1 > $0 }, downs = zip(cover.pixels, stego.pixels).count { $1 < $0 }
        XCTAssertEqual(ups + downs, report.changedSamples)
        XCTAssertEqual(Double(ups) / Double(ups + downs), 0.5, accuracy: 0.1)
        // One bit per sample with a 4-state trellis: layer 1, with the samples layer 2 changed fixed,
        // has no solution; bit 0 alone (one column per message bit) always has one.
        let full = try STCHiding(passphrase: passphrase, rate: 1, height: 2)
        let everything = randomBytes(full.capacity(of: cover), seed: 5)
        let (fullStego, fullReport) = try full.hide(cover: cover, payload: .file(everything))
        XCTAssertEqual(fullReport.layers, 1)
        XCTAssertEqual(try full.reveal(fullStego), .file(everything))
    }

    /// An image from the first version (bit 0 only, the layer bytes of the header 0) still reveals.
    func testImagesOfTheFirstVersionStillReveal() throws {
        let stego = try PNGCodec.decode(Fixtures.bytes("stc/v1-stego.png"), name: "v1-stego")
        XCTAssertEqual(try STCHiding(passphrase: Array("stc v1 fixture".utf8)).reveal(stego),
                       .file(Array("stc v1 fixture: hidden by the first version (bit 0 only)\n".utf8)))
    }

    /// From h = 12 the header marks the current layout of segments (up to 8192 samples long at every
    /// height); an image of the first layout (the fixture: h = 12, hidden before the layout
    /// changed, on a cover where the two layouts differ) still reveals.
    func testImagesOfBothLayoutsOfSegmentsReveal() throws {
        let old = try PNGCodec.decode(Fixtures.bytes("stc/h12-first-layout.png"), name: "h12-first-layout")
        XCTAssertEqual(try STCHiding(passphrase: Array("stc h12 fixture".utf8)).reveal(old),
                       .file(Array("stc fixture: hidden at constraint height 12 in the first layout of segments\n".utf8)))
        let samples = STCHiding.usable(old).count { $0 } - STCHiding.headerSamples
        XCTAssertNotEqual(try SyndromeTrellisCode(height: 12).layout(samples: samples),
                          try SyndromeTrellisCode(height: 12, segmentLimit: SyndromeTrellisCode.firstSegmentLimit).layout(samples: samples))
        for height in SyndromeTrellisCode.heights {
            let byte = STCHiding.heightByte(try SyndromeTrellisCode(height: height))
            XCTAssertEqual(byte, UInt8(height) | (height >= 12 ? 0x80 : 0))
            XCTAssertEqual(STCHiding.code(heightByte: byte)?.layout(samples: 3 << 20), try SyndromeTrellisCode(height: height).layout(samples: 3 << 20))
        }
        XCTAssertEqual(STCHiding.code(heightByte: 12)?.segmentLimit, SyndromeTrellisCode.firstSegmentLimit)
    }

    func testTheConstraintHeightTravelsInTheHeader() throws {
        let cover = try photo()
        let (stego, _) = try STCHiding(passphrase: passphrase, rate: 0.3, height: 6).hide(cover: cover, payload: .file(Array("h=6".utf8)))
        XCTAssertEqual(try STCHiding(passphrase: passphrase).reveal(stego), .file(Array("h=6".utf8)))
    }

    func testBadSettingsAndTinyCoversAreRefused() throws {
        XCTAssertThrowsError(try STCHiding(passphrase: []))
        XCTAssertThrowsError(try STCHiding(passphrase: passphrase, rate: 0))
        XCTAssertThrowsError(try STCHiding(passphrase: passphrase, rate: 1.5))
        let method = try STCHiding(passphrase: passphrase)
        let tiny = try photo(side: 32)
        XCTAssertEqual(method.capacity(of: tiny), 0)
        XCTAssertThrowsError(try method.hide(cover: tiny, payload: .file([1])))
        XCTAssertThrowsError(try method.reveal(tiny)) { XCTAssertEqual($0 as? StegoError, STCHiding.failure) }
    }
}
