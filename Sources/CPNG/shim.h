#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// libpng's full write API, for the one setting the simplified png_image API does not offer: the
// zlib level. libpng reports errors by longjmp, which must not cross Swift frames, so the whole
// write sits in this C function and returns the message instead.

struct stego_png_sink {
    unsigned char *data;
    size_t size, capacity;
    char message[128];
};

static void stego_png_sink_write(png_structp png, png_bytep bytes, size_t count) {
    struct stego_png_sink *sink = (struct stego_png_sink *)png_get_io_ptr(png);
    if (sink->size + count > sink->capacity) {
        size_t capacity = (sink->size + count) * 2;
        unsigned char *grown = (unsigned char *)realloc(sink->data, capacity);
        if (!grown) png_error(png, "out of memory");
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->size, bytes, count);
    sink->size += count;
}

static void stego_png_sink_flush(png_structp png) { (void)png; }

static void stego_png_error(png_structp png, png_const_charp message) {
    struct stego_png_sink *sink = (struct stego_png_sink *)png_get_error_ptr(png);
    strncpy(sink->message, message, sizeof sink->message - 1);
    png_longjmp(png, 1);
}

static void stego_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

/// Encodes 8-bit RGB rows (`width * 3` bytes each, no gaps) as a PNG with libpng's adaptive row
/// filters and zlib `level` (0-9) into `sink->data` (malloc'd; the caller frees it). Returns 1 on
/// success, 0 with `sink->message` set on failure.
static inline int stego_png_encode_rgb(const unsigned char *pixels, png_uint_32 width, png_uint_32 height, int level,
                                       struct stego_png_sink *sink) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, sink, stego_png_error, stego_png_warning);
    if (!png) {
        strcpy(sink->message, "cannot create the PNG writer");
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        if (!sink->message[0]) strcpy(sink->message, "cannot create the PNG writer");
        return 0;
    }
    png_set_write_fn(png, sink, stego_png_sink_write, stego_png_sink_flush);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);  // as libpng's simplified writer marks 8-bit RGB
    png_set_compression_level(png, level);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * width * 3);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 1;
}
