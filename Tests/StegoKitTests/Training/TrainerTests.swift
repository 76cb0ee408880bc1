import XCTest
@testable import StegoKit

final class TrainerTests: XCTestCase {
    var folder: String!

    /// Six small synthetic "photos": smooth colour gradients with a few edges.
    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/stego-train-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/data/nested", withIntermediateDirectories: true)
        for k in 0..<6 {
            var image = RGBImage(width: 40, height: 36)
            for y in 0..<36 { for x in 0..<40 {
                image[x, y, 0] = UInt8((x * 6 + k * 40) % 256)
                image[x, y, 1] = UInt8((y * 7 + k * 25) % 256)
                image[x, y, 2] = (x / 10 + y / 9 + k) % 2 == 0 ? 200 : 40
            } }
            try OutputFile(path: folder + "/data/\(k < 3 ? "" : "nested/")img\(k).png", force: false, inputs: []).write(PNGCodec.encode(image))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func options(steps: Int) -> TrainingOptions {
        var o = TrainingOptions(spec: NetworkSpec.preset("tiny", method: .dlvHinet)!)
        o.cropSize = 16
        o.batchSize = 4
        o.steps = steps
        o.schedule = LearningRateSchedule(base: 2e-3)
        o.checkpointSeconds = 1e9
        return o
    }

    /// A short run lowers the loss; a resumed run continues from the saved step with the
    /// saved weights and optimizer state.
    func testTrainingLowersLossAndResumes() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        XCTAssertEqual(data.images.count, 6)
        let out = folder + "/model.safetensors"
        let trainer = try Trainer(options: options(steps: 60), output: out, resume: false)
        trainer.log = { _ in }
        var rng = SeededGenerator(seed: 9)
        let probe = data.randomPairs(count: 8, size: 16, using: &rng)
        func probeLoss(_ t: Trainer) -> Double {
            var probeRNG = SeededGenerator(seed: 10)
            let result = t.network.step(cover: probe.cover, secret: probe.secret, options: t.options, using: &probeRNG)
            t.adam.zeroGradients()
            return result.total
        }
        let before = probeLoss(trainer)
        try trainer.run(data: data, validation: nil)
        let after = probeLoss(trainer)
        print("tiny training: probe loss \(before) -> \(after) after 60 steps")
        XCTAssertLessThan(after, 0.5 * before)
        XCTAssertEqual(trainer.step, 60)

        let resumed = try Trainer(options: options(steps: 70), output: out, resume: true)
        resumed.log = { _ in }
        XCTAssertEqual(resumed.step, 60)
        XCTAssertEqual(resumed.adam.step, 60)
        XCTAssertEqual(resumed.network.parameters.map(\.value.array), trainer.network.parameters.map(\.value.array))
        XCTAssertEqual(probeLoss(resumed), after, accuracy: 1e-6 * after)
        try resumed.run(data: data, validation: nil)
        XCTAssertEqual(resumed.step, 70)
    }

    /// The Baluja pair trains with the same trainer.
    func testBalujaTrainingLowersLoss() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        var o = options(steps: 40)
        o.spec = NetworkSpec.preset("tiny", method: .baluja)!
        let trainer = try Trainer(options: o, output: folder + "/baluja.safetensors", resume: false)
        var losses: [Double] = []
        trainer.log = { _ in }
        var rng = SeededGenerator(seed: 11)
        let probe = data.randomPairs(count: 8, size: 16, using: &rng)
        for _ in 0..<2 {
            losses.append(trainer.network.step(cover: probe.cover, secret: probe.secret, options: o, using: &rng).total)
            trainer.adam.zeroGradients()
            try trainer.run(data: data, validation: nil)
        }
        print("tiny baluja training: probe loss \(losses[0]) -> \(losses[1]) after 40 steps")
        XCTAssertLessThan(losses[1], 0.7 * losses[0])
        let method = try BalujaHiding(checkpoint: folder + "/baluja.safetensors")
        XCTAssertEqual(try method.hide(cover: data.images[0], secret: data.images[1]).size, data.images[0].size)
    }

    /// `averageEvery` writes the mean of the weights after every N-th step: here steps 2 and 4,
    /// each known from a fresh run of the same seed stopped there.
    func testRunningAverageIsTheMeanOfTheSampledSteps() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        func trained(steps: Int, averageEvery: Int = 0) throws -> Trainer {
            var o = options(steps: steps)
            o.averageEvery = averageEvery
            let trainer = try Trainer(options: o, output: folder + "/run\(steps).safetensors", resume: false)
            trainer.log = { _ in }
            try trainer.run(data: data, validation: nil)
            return trainer
        }
        let two = try trained(steps: 2), at2 = two.network.parameters.map(\.value.array)
        let at4 = try trained(steps: 4).network.parameters.map(\.value.array)
        let averaged = try trained(steps: 5, averageEvery: 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: two.averagePath))
        XCTAssertEqual(averaged.averagePath, folder + "/run5-average.safetensors")
        let mean = try SafeTensors.read(path: averaged.averagePath)
        XCTAssertEqual(mean.metadata["averaged_steps"], "2-4 every 2")
        XCTAssertNil(mean.metadata["step"], "an average is not a point to resume from")
        XCTAssertEqual(try NetworkSpec(metadata: mean.metadata), averaged.options.spec)
        var largest: Float = 0
        for (k, p) in averaged.network.parameters.enumerated() {
            let values = try XCTUnwrap(mean.tensors[p.name]).values
            for i in values.indices { largest = max(largest, abs(values[i] - (at2[k][i] + at4[k][i]) / 2)) }
        }
        XCTAssertLessThan(largest, 1e-6)
        let checkpoint = try SafeTensors.read(path: averaged.output)
        let both = try WeightAveraging.average([("mean", mean), ("checkpoint", checkpoint)])
        XCTAssertEqual(both.metadata["averaged_steps"], "[2-4 every 2],5")
    }

    func testResumeRefusesAnotherNetwork() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        let out = folder + "/model.safetensors"
        let trainer = try Trainer(options: options(steps: 1), output: out, resume: false)
        trainer.log = { _ in }
        try trainer.run(data: data, validation: nil)
        var other = options(steps: 2)
        other.spec = NetworkSpec.preset("tiny", method: .hinet)!
        XCTAssertThrowsError(try Trainer(options: other, output: out, resume: true)) {
            XCTAssertTrue("\($0)".contains("differs"), "\($0)")
        }
    }

    /// A network grown by a block from a trained one hides and reveals exactly as it did, and
    /// the grown run trains; another growth, or a file that lacks one of its tensors, is refused.
    func testGrowFromAddsIdentityBlocks() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        let small = folder + "/small.safetensors"
        let trainer = try Trainer(options: options(steps: 20), output: small, resume: false)
        trainer.log = { _ in }
        try trainer.run(data: data, validation: nil)

        var grown = options(steps: 25)
        guard case .hiding(var config) = grown.spec else { return XCTFail() }
        config.blocks += 1
        grown.spec = .hiding(config)
        grown.grownFrom = small
        let big = try Trainer(options: grown, output: folder + "/big.safetensors", resume: false)
        big.log = { _ in }
        guard case .hiding(let bigNetwork) = big.network else { return XCTFail() }
        let before = try InvertibleHiding(checkpoint: small, dualLatent: true, seed: 3)
        let after = InvertibleHiding(network: bigNetwork, gaussianRevealLatent: false, seed: 3)
        let (cover, secret) = (data.images[0], data.images[1])
        let stego = try before.hide(cover: cover, secret: secret)
        XCTAssertEqual(try after.hide(cover: cover, secret: secret).pixels, stego.pixels)
        XCTAssertEqual(try after.reveal(stego: stego).pixels, try before.reveal(stego: stego).pixels)
        try big.run(data: data, validation: nil)
        XCTAssertEqual(big.step, 25)

        var lacking = try SafeTensors.read(path: small)
        lacking.tensors["inv1.f.conv2.weight"] = nil
        try OutputFile(path: folder + "/lacking.safetensors", force: false, inputs: []).write(lacking.encode())
        var fromLacking = grown
        fromLacking.grownFrom = folder + "/lacking.safetensors"
        XCTAssertThrowsError(try Trainer(options: fromLacking, output: folder + "/other.safetensors", resume: false)) {
            XCTAssertTrue("\($0)".contains("no tensor inv1.f.conv2.weight"), "\($0)")
        }

        var other = grown
        config.growth += 1
        other.spec = .hiding(config)
        XCTAssertThrowsError(try Trainer(options: other, output: folder + "/other.safetensors", resume: false)) {
            XCTAssertTrue("\($0)".contains("cannot grow"), "\($0)")
        }
    }

    /// A kill between the state and the weights leaves the weights a checkpoint behind: resume
    /// continues from the weights' step with a fresh optimizer and says so.
    func testResumeRepairsWeightsBehindTheState() throws {
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        let out = folder + "/model.safetensors"
        func train(to steps: Int, resume: Bool) throws -> Trainer {
            let trainer = try Trainer(options: options(steps: steps), output: out, resume: resume)
            trainer.log = { _ in }
            try trainer.run(data: data, validation: nil)
            return trainer
        }
        _ = try train(to: 2, resume: false)
        let behind = try SafeTensors.read(path: out)
        _ = try train(to: 4, resume: true)
        try OutputFile(path: out, force: true, inputs: []).write(behind.encode())  // weights at 2, state at 4

        let repaired = try Trainer(options: options(steps: 5), output: out, resume: true)
        XCTAssertEqual(repaired.step, 2)
        XCTAssertEqual(repaired.adam.step, 0)
        repaired.log = { _ in }
        try repaired.run(data: data, validation: nil)
        XCTAssertEqual(try SafeTensors.read(path: out).metadata["step"], "5")
    }

    /// Unreadable and too-small files are skipped and listed, not fatal.
    func testImageFolderSkipsUnreadableAndSmallFiles() throws {
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: folder + "/data/broken.png"))
        try OutputFile(path: folder + "/data/thin.png", force: false, inputs: []).write(PNGCodec.encode(RGBImage(width: 1, height: 30)))
        let data = try ImageFolder(path: folder + "/data", minimumSize: 16)
        XCTAssertEqual(data.images.count, 6)
        XCTAssertEqual(data.skipped.map(\.name), ["broken.png", "thin.png"])
    }
}
