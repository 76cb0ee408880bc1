import CDNNL
import Glibc

/// An owned, 64-byte-aligned array of Float: the storage of tensors and parameters.
/// A class so that large buffers are shared, reused and freed deterministically, never copied
/// by accident.
public final class FloatBuffer: @unchecked Sendable {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    public init(count: Int, zeroed: Bool = true) {
        _ = Self.keepFreedMemoryMapped
        self.count = count
        let bytes = max(count, 1) * 4
        let huge = bytes >= Self.hugePageBytes
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? Self.hugePageBytes : 64)
        // Large activations in 2 MB pages: 512 times fewer page faults on first touch.
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        if zeroed { pointer.initialize(repeating: 0, count: count) }
    }

    public convenience init(_ values: [Float]) {
        self.init(count: values.count, zeroed: false)
        values.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: values.count) }
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    private static let hugePageBytes = 2 << 20

    /// glibc hands allocations above 128 KB to mmap and unmaps them on free, so every new
    /// activation buffer page-faults and is zeroed by the kernel again: 20-30% of a large
    /// convolution's time here. Serving them from the heap and not trimming it lets freed
    /// buffers be reused at once (what PyTorch's caching allocator achieves).
    private static let keepFreedMemoryMapped: Void = stego_keep_freed_memory_mapped()

    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    public subscript(i: Int) -> Float {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }

    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

    public func copy(from other: FloatBuffer) {
        precondition(other.count == count)
        pointer.update(from: other.pointer, count: count)
    }
}
