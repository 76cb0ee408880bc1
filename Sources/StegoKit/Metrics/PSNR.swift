import Foundation

/// Peak signal-to-noise ratio for 8-bit data: 10 log10(255^2 / MSE); +infinity when MSE is 0.
public func psnr(mse: Double) -> Double {
    mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}

/// Mean squared difference of two planes.
func meanSquaredError(_ a: Plane, _ b: Plane) -> Double {
    precondition(a.width == b.width && a.height == b.height)
    let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: a.width), y = UnsafeMutableBufferPointer<Double>.allocate(capacity: a.width)
    defer { x.deallocate(); y.deallocate() }
    var sum = 0.0
    for row in 0..<a.height {
        a.row(row, into: x)
        b.row(row, into: y)
        for i in 0..<a.width {
            let d = x[i] - y[i]
            sum += d * d
        }
    }
    return sum / Double(a.width * a.height)
}
