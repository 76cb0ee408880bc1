import CDNNL
import Foundation

/// The CPU engine and stream every primitive runs on.
final class DNNL: @unchecked Sendable {
    static let shared = DNNL()
    let engine: dnnl_engine_t
    let stream: dnnl_stream_t

    private init() {
        var engine: dnnl_engine_t?
        check(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create")
        var stream: dnnl_stream_t?
        check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "stream_create")
        self.engine = engine!
        self.stream = stream!
    }
}

/// oneDNN failures here are programming errors (bad shapes or descriptors), not user errors.
func check(_ status: dnnl_status_t, _ what: @autoclosure () -> String) {
    precondition(status == dnnl_success, "oneDNN \(what()) failed with status \(status.rawValue)")
}

func memoryDesc4(_ d0: Int, _ d1: Int, _ d2: Int, _ d3: Int, _ tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
    var md = dnnl_memory_desc_t()
    check(stego_md4(&md, Int64(d0), Int64(d1), Int64(d2), Int64(d3), tag), "memory_desc_init")
    return md
}

typealias ConvDescs = (src: dnnl_memory_desc_t, weights: dnnl_memory_desc_t, bias: dnnl_memory_desc_t, dst: dnnl_memory_desc_t)

/// A convolution primitive of `kind` (see `stego_conv_desc`), or nil when oneDNN has no
/// implementation for these descriptors and attributes (e.g. a post-op it cannot fuse).
func convolutionPrimitive(kind: Int32, descs: ConvDescs, geometry: (stride: Int, padding: Padding), hint: DNNLPrimitive?,
                          attributes: dnnl_primitive_attr_t? = nil) -> DNNLPrimitive? {
    var d = descs
    var cd = dnnl_convolution_desc_t()
    let p = geometry.padding, s = Int64(geometry.stride)
    check(stego_conv_desc(&cd, kind, &d.src, &d.weights, &d.bias, &d.dst, s, s, Int64(p.top), Int64(p.left),
                          Int64(p.bottom), Int64(p.right)), "convolution desc \(kind)")
    var pd: dnnl_primitive_desc_t?
    guard dnnl_primitive_desc_create(&pd, &cd, attributes, DNNL.shared.engine, hint?.descriptor) == dnnl_success else { return nil }
    return DNNLPrimitive(pd!)
}

extension dnnl_memory_desc_t {
    /// Same dimensions and layout.
    func matches(_ other: dnnl_memory_desc_t) -> Bool {
        var (a, b) = (self, other)
        return dnnl_memory_desc_equal(&a, &b) != 0
    }
}

/// A oneDNN memory object: either owning its storage (`allocate`) or pointing at a buffer that
/// is re-bound before each execution.
final class DNNLMemory {
    let handle: dnnl_memory_t
    var desc: dnnl_memory_desc_t

    init(_ desc: dnnl_memory_desc_t, allocate: Bool) {
        self.desc = desc
        var handle: dnnl_memory_t?
        check(dnnl_memory_create(&handle, &self.desc, DNNL.shared.engine, allocate ? stego_memory_allocate() : nil), "memory_create")
        self.handle = handle!
    }

    deinit { dnnl_memory_destroy(handle) }

    func bind(_ pointer: UnsafeMutablePointer<Float>) { bind(raw: pointer) }

    func bind(raw pointer: UnsafeMutableRawPointer) {
        check(dnnl_memory_set_data_handle(handle, pointer), "set_data_handle")
    }

    var pointer: UnsafeMutablePointer<Float> {
        var raw: UnsafeMutableRawPointer?
        check(dnnl_memory_get_data_handle(handle, &raw), "get_data_handle")
        return raw!.assumingMemoryBound(to: Float.self)
    }
}

/// One buffer for the scratch space of primitives that never run at the same time (oneDNN's user
/// scratchpad mode). Left to itself each primitive keeps its own for as long as it lives: the 60
/// Winograd and direct convolutions of the shipped network held 3.2 GB that way to hide one
/// 512x512 pair. Grows to the largest need it is asked for.
public final class DNNLScratchpad {
    private var buffer: UnsafeMutableRawPointer?
    private var capacity = 0

    public init() {}

    deinit { buffer?.deallocate() }

    /// At least `bytes` bytes, valid until the next call.
    func pointer(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes > capacity {
            buffer?.deallocate()
            buffer = .allocate(byteCount: bytes, alignment: 64)
            capacity = bytes
        }
        return buffer!
    }
}

/// A created primitive and its descriptor.
final class DNNLPrimitive {
    let descriptor: dnnl_primitive_desc_t
    let handle: dnnl_primitive_t

    init(_ descriptor: dnnl_primitive_desc_t) {
        self.descriptor = descriptor
        var handle: dnnl_primitive_t?
        check(dnnl_primitive_create(&handle, descriptor), "primitive_create")
        self.handle = handle!
    }

    deinit {
        dnnl_primitive_destroy(handle)
        dnnl_primitive_desc_destroy(descriptor)
    }

    func desc(_ query: dnnl_query_t) -> dnnl_memory_desc_t { dnnl_primitive_desc_query_md(descriptor, query, 0).pointee }

    var implementation: String {
        var info: UnsafePointer<CChar>?
        dnnl_primitive_desc_query(descriptor, dnnl_query_impl_info_str, 0, &info)
        return info.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) } ?? "?"
    }

    func execute(_ args: [(Int32, DNNLMemory)]) {
        var list = args.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1.handle) }
        check(dnnl_primitive_execute(handle, DNNL.shared.stream, Int32(list.count), &list), "primitive_execute")
        check(dnnl_stream_wait(DNNL.shared.stream), "stream_wait")
    }
}

/// Converts between a parameter's PyTorch layout and the layout a primitive prefers; nil when
/// they are the same, so no copy is made.
final class Reorder {
    let primitive: DNNLPrimitive
    let source: DNNLMemory
    let target: DNNLMemory

    init?(from source: DNNLMemory, to target: DNNLMemory) {
        if dnnl_memory_desc_equal(&source.desc, &target.desc) != 0 { return nil }
        var pd: dnnl_primitive_desc_t?
        check(dnnl_reorder_primitive_desc_create(&pd, &source.desc, DNNL.shared.engine, &target.desc, DNNL.shared.engine, nil), "reorder")
        primitive = DNNLPrimitive(pd!)
        self.source = source
        self.target = target
    }

    func run() { primitive.execute([(DNNL_ARG_FROM, source), (DNNL_ARG_TO, target)]) }
}
