#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>

/// The payload of a WebP file's first `fourcc` chunk ("ICCP": its ICC profile, "EXIF": its EXIF
/// block), copied into `*payload` (malloc'd; the caller frees it) with its length in `*length`;
/// 0 where the file has none or is unreadable.
static inline int stego_webp_chunk(const uint8_t *data, size_t size, const char *fourcc, uint8_t **payload, size_t *length) {
    WebPData file = {data, size};
    WebPDemuxer *demux = WebPDemux(&file);
    if (!demux) return 0;
    WebPChunkIterator chunk;
    int found = 0;
    if (WebPDemuxGetChunk(demux, fourcc, 1, &chunk)) {
        if (chunk.chunk.size > 0 && (*payload = malloc(chunk.chunk.size))) {
            memcpy(*payload, chunk.chunk.bytes, chunk.chunk.size);
            *length = chunk.chunk.size;
            found = 1;
        }
        WebPDemuxReleaseChunkIterator(&chunk);
    }
    WebPDemuxDelete(demux);
    return found;
}
