#include <avif/avif.h>

/// The mirroring an image's imir property asks for: 0 exchanges its top and bottom, 1 its left and
/// right. libavif 0.11 names the field `mode`, 1.0 and later `axis`, with the same values.
static inline uint8_t stego_avif_mirror_axis(const avifImage *image) {
#if AVIF_VERSION_MAJOR >= 1
    return image->imir.axis;
#else
    return image->imir.mode;
#endif
}
