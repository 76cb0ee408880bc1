// oneDNN's C API plus small inline helpers that build descriptors from plain integers, since
// dnnl_dims_t (a fixed C array) is awkward to fill from Swift.
#include <dnnl.h>

// Debian's libdnnl uses the GNU OpenMP runtime; its thread count is the engine's thread count.
void omp_set_num_threads(int);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
// libgomp's entry point for a parallel region (what `#pragma omp parallel` compiles to): runs
// fn(data) on a team of num_threads threads, the caller included, and returns when all are done.
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

/// A 4-D f32 memory descriptor with dims in oneDNN's logical order (N, C, H, W) or (O, I, H, W).
static inline dnnl_status_t stego_md4(dnnl_memory_desc_t *md, int64_t d0, int64_t d1, int64_t d2,
                                      int64_t d3, dnnl_format_tag_t tag) {
    dnnl_dims_t dims = {d0, d1, d2, d3};
    return dnnl_memory_desc_init_by_tag(md, 4, dims, dnnl_f32, tag);
}

static inline dnnl_status_t stego_md1(dnnl_memory_desc_t *md, int64_t d0) {
    dnnl_dims_t dims = {d0};
    return dnnl_memory_desc_init_by_tag(md, 1, dims, dnnl_f32, dnnl_x);
}

/// Forward (training), backward-data, backward-weights or forward (inference) convolution
/// descriptor (kind 0, 1, 2, 3), direct algorithm, or a Winograd forward (inference)
/// convolution (kind 4), with strides and asymmetric padding.
static inline dnnl_status_t stego_conv_desc(dnnl_convolution_desc_t *cd, int kind,
        const dnnl_memory_desc_t *src, const dnnl_memory_desc_t *weights,
        const dnnl_memory_desc_t *bias, const dnnl_memory_desc_t *dst,
        int64_t stride_h, int64_t stride_w, int64_t pad_top, int64_t pad_left,
        int64_t pad_bottom, int64_t pad_right) {
    dnnl_dims_t strides = {stride_h, stride_w};
    dnnl_dims_t pad_l = {pad_top, pad_left};
    dnnl_dims_t pad_r = {pad_bottom, pad_right};
    switch (kind) {
    case 0:
        return dnnl_convolution_forward_desc_init(cd, dnnl_forward_training, dnnl_convolution_direct,
                                                  src, weights, bias, dst, strides, pad_l, pad_r);
    case 3:
        return dnnl_convolution_forward_desc_init(cd, dnnl_forward_inference, dnnl_convolution_direct,
                                                  src, weights, bias, dst, strides, pad_l, pad_r);
    case 4:
        return dnnl_convolution_forward_desc_init(cd, dnnl_forward_inference, dnnl_convolution_winograd,
                                                  src, weights, bias, dst, strides, pad_l, pad_r);
    case 1:
        return dnnl_convolution_backward_data_desc_init(cd, dnnl_convolution_direct, src, weights,
                                                        dst, strides, pad_l, pad_r);
    default:
        return dnnl_convolution_backward_weights_desc_init(cd, dnnl_convolution_direct, src, weights,
                                                           bias, dst, strides, pad_l, pad_r);
    }
}

/// DNNL_MEMORY_ALLOCATE is a cast macro that Swift cannot import.
static inline void *stego_memory_allocate(void) { return DNNL_MEMORY_ALLOCATE; }

#include <malloc.h>

/// Serve large allocations from the heap and keep freed memory mapped (see FloatBuffer).
static inline void stego_keep_freed_memory_mapped(void) {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}
