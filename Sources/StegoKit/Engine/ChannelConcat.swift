/// Channel concatenation and its backward (a split).
public enum ChannelConcat {
    /// [N, C1, H, W] + [N, C2, H, W] + ... -> [N, C1 + C2 + ..., H, W] (a single part is returned as it is).
    public static func forward(_ parts: [Tensor]) -> Tensor {
        if parts.count == 1 { return parts[0] }
        let out = Tensor(parts[0].shape.with(c: parts.map(\.shape.c).reduce(0, +)), zeroed: false)
        var start = 0
        for part in parts {
            out.setChannels(start, from: part)
            start += part.shape.c
        }
        return out
    }

    /// Splits the gradient of the concatenation into the gradients of its parts.
    public static func backward(_ grad: Tensor, widths: [Int]) -> [Tensor] {
        var start = 0
        return widths.map { width in
            defer { start += width }
            return grad.channels(start..<start + width)
        }
    }
}
