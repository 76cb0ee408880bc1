#include <stdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

// libjpeg reports errors through error_exit, which must not return; the longjmp stays in this C
// function and the message comes back instead (never crossing Swift frames).

struct stego_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

static void stego_jpeg_error_exit(j_common_ptr info) {
    struct stego_jpeg_error *error = (struct stego_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

// Warnings pass (many photos carry harmless ones, such as extraneous bytes), except a premature
// end of the data: a truncated file must not decode silently into gray rows.
static void stego_jpeg_warning(j_common_ptr info, int level) {
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) stego_jpeg_error_exit(info);
}

/// Routes `info`'s errors and warnings to `error` (its caller then sets the jump with setjmp).
static inline void stego_jpeg_catch_errors(struct jpeg_decompress_struct *info, struct stego_jpeg_error *error) {
    memset(error, 0, sizeof *error);
    info->err = jpeg_std_error(&error->manager);
    error->manager.error_exit = stego_jpeg_error_exit;
    error->manager.emit_message = stego_jpeg_warning;
}

/// Decodes JPEG bytes to 8-bit RGB (gray expanded by libjpeg). With `pixels` NULL only the header
/// is read and `width`, `height` set, so that the caller can check its limits before allocating
/// `width * height * 3` bytes for the second call. Returns 1 on success, 0 with `message` set.
static inline int stego_jpeg_decode(const unsigned char *data, unsigned long size, unsigned char *pixels,
                                    unsigned *width, unsigned *height, char message[JMSG_LENGTH_MAX]) {
    struct jpeg_decompress_struct info;
    struct stego_jpeg_error error;
    stego_jpeg_catch_errors(&info, &error);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        strncpy(message, error.message, JMSG_LENGTH_MAX - 1);
        message[JMSG_LENGTH_MAX - 1] = 0;
        return 0;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    *width = info.image_width;
    *height = info.image_height;
    if (pixels) {
        info.out_color_space = JCS_RGB;
        jpeg_start_decompress(&info);
        if (info.output_components != 3 || info.output_width != *width || info.output_height != *height) {
            strcpy(error.message, "unsupported JPEG colour layout");
            longjmp(error.jump, 1);
        }
        while (info.output_scanline < info.output_height) {
            JSAMPROW row = pixels + (size_t)info.output_scanline * info.output_width * 3;
            jpeg_read_scanlines(&info, &row, 1);
        }
        jpeg_finish_decompress(&info);
    }
    jpeg_destroy_decompress(&info);
    return 1;
}

/// The ICC profile a JPEG carries in its APP2 "ICC_PROFILE" segments (libjpeg-turbo joins and
/// checks them): 1 with `*profile` malloc'd (the caller frees it), 0 when there is none or the
/// file cannot be read.
static inline int stego_jpeg_icc_profile(const unsigned char *data, unsigned long size, unsigned char **profile,
                                         unsigned *length) {
    struct jpeg_decompress_struct info;
    struct stego_jpeg_error error;
    *profile = NULL;
    *length = 0;
    stego_jpeg_catch_errors(&info, &error);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        free(*profile);
        *profile = NULL;
        return 0;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_save_markers(&info, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&info, TRUE);
    int found = jpeg_read_icc_profile(&info, profile, length) && *profile && *length > 0;
    jpeg_destroy_decompress(&info);
    if (!found) {
        free(*profile);
        *profile = NULL;
    }
    return found;
}
