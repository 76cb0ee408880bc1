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

/// Whether a writer of 8-bit `colour` PNGs takes `icc` (`length` bytes) as its iCCP profile, tried
/// on a scratch writer: libpng checks the profile there and fails on a malformed one, which must
/// not fail the real write.
static inline int stego_png_takes_icc(const unsigned char *icc, png_uint_32 length, int colour) {
    struct stego_png_sink messages = {NULL, 0, 0, {0}};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &messages, stego_png_error, stego_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    volatile int taken = 0;
    if (info && !setjmp(png_jmpbuf(png))) {
        png_set_IHDR(png, info, 1, 1, 8, colour, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_set_iCCP(png, info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, icc, length);
        taken = png_get_valid(png, info, PNG_INFO_iCCP) != 0;
    }
    png_destroy_write_struct(&png, info ? &info : NULL);
    return taken;
}

/// Encodes 8-bit RGB (channels 3) or RGBA (channels 4) pixels, rows packed, as a PNG with libpng's
/// adaptive row filters and zlib `level` (0-9) into `sink->data` (malloc'd; the caller frees it),
/// marked with the ICC profile `icc` (`icc_length` bytes) or, without one or where libpng finds it
/// malformed, as sRGB. Returns 1 on success, 0 with `sink->message` set on failure.
static inline int stego_png_encode(const unsigned char *pixels, int channels, png_uint_32 width, png_uint_32 height, int level,
                                   const unsigned char *icc, png_uint_32 icc_length, struct stego_png_sink *sink) {
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
    int colour = channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB;
    png_set_IHDR(png, info, width, height, 8, colour, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (icc && stego_png_takes_icc(icc, icc_length, colour))
        png_set_iCCP(png, info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, icc, icc_length);
    else
        png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);  // as libpng's simplified writer marks 8-bit RGB
    png_set_compression_level(png, level);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * width * channels);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 1;
}

struct stego_png_source {
    const unsigned char *data;
    size_t size, offset;
};

static void stego_png_source_read(png_structp png, png_bytep out, size_t count) {
    struct stego_png_source *source = (struct stego_png_source *)png_get_io_ptr(png);
    if (count > source->size - source->offset) png_error(png, "truncated PNG");
    memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

/// Rewrites an interlaced PNG as the same PNG without interlacing (same colour type, bit depth and
/// colour chunks, read and written through one info struct), into `sink`. libpng 1.6.39's
/// simplified reader scales interlaced 16-bit images wrongly (libpng issue 853); its core
/// deinterlacing is right. Returns 1 on success, 0 with `sink->message` set.
static inline int stego_png_deinterlace(const unsigned char *data, size_t size, struct stego_png_sink *sink) {
    struct stego_png_source source = {data, size, 0};
    png_structp read = png_create_read_struct(PNG_LIBPNG_VER_STRING, sink, stego_png_error, stego_png_warning);
    png_structp write = NULL;
    png_infop info = read ? png_create_info_struct(read) : NULL;
    if (!info || setjmp(png_jmpbuf(read))) {
        if (write) png_destroy_write_struct(&write, NULL);
        png_destroy_read_struct(&read, info ? &info : NULL, NULL);
        if (!sink->message[0]) strcpy(sink->message, "cannot create the PNG reader");
        return 0;
    }
    png_set_read_fn(read, &source, stego_png_source_read);
    png_read_png(read, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_uint_32 width, height;
    int depth, colour, interlace, compression, filter;
    png_get_IHDR(read, info, &width, &height, &depth, &colour, &interlace, &compression, &filter);
    png_set_IHDR(read, info, width, height, depth, colour, PNG_INTERLACE_NONE, compression, filter);
    write = png_create_write_struct(PNG_LIBPNG_VER_STRING, sink, stego_png_error, stego_png_warning);
    if (!write) png_error(read, "cannot create the PNG writer");
    if (setjmp(png_jmpbuf(write))) {
        png_destroy_write_struct(&write, NULL);
        png_destroy_read_struct(&read, &info, NULL);
        return 0;
    }
    png_set_write_fn(write, sink, stego_png_sink_write, stego_png_sink_flush);
    png_set_compression_level(write, 1);
    png_write_png(write, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&write, NULL);
    png_destroy_read_struct(&read, &info, NULL);
    return 1;
}

/// The ICC profile of a PNG's iCCP chunk, inflated and checked by libpng (which drops a malformed
/// one with a warning): 1 with `*profile` malloc'd (the caller frees it), 0 when there is none or
/// the file cannot be read as far as its first IDAT.
static inline int stego_png_icc_profile(const unsigned char *data, size_t size, unsigned char **profile,
                                        png_uint_32 *length) {
    struct stego_png_source source = {data, size, 0};
    struct stego_png_sink messages = {NULL, 0, 0, {0}};
    *profile = NULL;
    *length = 0;
    png_structp read = png_create_read_struct(PNG_LIBPNG_VER_STRING, &messages, stego_png_error, stego_png_warning);
    png_infop info = read ? png_create_info_struct(read) : NULL;
    if (!info || setjmp(png_jmpbuf(read))) {
        png_destroy_read_struct(&read, info ? &info : NULL, NULL);
        free(*profile);
        *profile = NULL;
        return 0;
    }
    png_set_read_fn(read, &source, stego_png_source_read);
    png_read_info(read, info);
    png_charp name;
    int compression;
    png_bytep icc;
    png_uint_32 count;
    if (png_get_iCCP(read, info, &name, &compression, &icc, &count) && count > 0 && (*profile = malloc(count))) {
        memcpy(*profile, icc, count);
        *length = count;
    }
    png_destroy_read_struct(&read, &info, NULL);
    return *profile != NULL;
}
