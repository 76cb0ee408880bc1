#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>

/// The ICC profile of a WebP file (its ICCP chunk), copied into `*profile` (malloc'd; the caller
/// frees it) with its length in `*length`; 0 where the file has none or is unreadable.
static inline int stego_webp_icc_profile(const uint8_t *data, size_t size, uint8_t **profile, size_t *length) {
    WebPData file = {data, size};
    WebPDemuxer *demux = WebPDemux(&file);
    if (!demux) return 0;
    WebPChunkIterator chunk;
    int found = 0;
    if (WebPDemuxGetChunk(demux, "ICCP", 1, &chunk)) {
        if (chunk.chunk.size > 0 && (*profile = malloc(chunk.chunk.size))) {
            memcpy(*profile, chunk.chunk.bytes, chunk.chunk.size);
            *length = chunk.chunk.size;
            found = 1;
        }
        WebPDemuxReleaseChunkIterator(&chunk);
    }
    WebPDemuxDelete(demux);
    return found;
}
