import Foundation

/// Peak signal-to-noise ratio for 8-bit data: 10 log10(255^2 / MSE); +infinity when MSE is 0.
public func psnr(mse: Double) -> Double {
    mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}

/// Mean squared difference of two planes.
func meanSquaredError(_ a: Plane, _ b: Plane) -> Double {
    precondition(a.values.count == b.values.count)
    var sum = 0.0
    for i in 0..<a.values.count {
        let d = a.values[i] - b.values[i]
        sum += d * d
    }
    return sum / Double(a.values.count)
}
