import StegoKit
import XCTest
@testable import StegoKit

func randomTensor(_ shape: TensorShape, seed: UInt64, range: ClosedRange<Float> = -1...1, awayFromZero: Float = 0) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let t = Tensor(shape)
    for i in 0..<t.count {
        var v = Float.random(in: range, using: &rng)
        if abs(v) < awayFromZero { v = v < 0 ? v - awayFromZero : v + awayFromZero }
        t.data[i] = v
    }
    return t
}

/// max |a - b| / max |b|: the relative error the tests report.
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
    let scale = max(b.map { Double(abs($0)) }.max() ?? 0, 1e-12)
    return zip(a, b).map { Double(abs($0 - $1)) }.max()! / scale
}

/// max |a - b| over all elements.
func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    zip(a.storage.array, b.storage.array).map { abs($0 - $1) }.max()!
}

func dot(_ a: Tensor, _ b: Tensor) -> Double {
    (0..<a.count).reduce(0.0) { $0 + Double(a.data[$1]) * Double(b.data[$1]) }
}

/// Checks an analytic gradient against central finite differences of L = sum(g * f(x)) at up
/// to `samples` elements of `buffer`; returns the relative error (also printed).
@discardableResult
func checkGradient(_ label: String, buffer: UnsafeMutablePointer<Float>, count: Int, analytic: [Float],
                   epsilon: Float = 1e-2, samples: Int = 24, tolerance: Double = 1e-2,
                   file: StaticString = #filePath, line: UInt = #line, loss: () -> Double) -> Double {
    var numeric: [Float] = [], picked: [Float] = []
    let step = max(1, count / samples)
    for i in stride(from: 0, to: count, by: step) {
        let saved = buffer[i]
        buffer[i] = saved + epsilon
        let plus = loss()
        buffer[i] = saved - epsilon
        let minus = loss()
        buffer[i] = saved
        numeric.append(Float((plus - minus) / (2 * Double(epsilon))))
        picked.append(analytic[i])
    }
    let error = relativeError(picked, numeric)
    print("gradient check \(label): relative error \(error)")
    XCTAssertLessThan(error, tolerance, label, file: file, line: line)
    return error
}
