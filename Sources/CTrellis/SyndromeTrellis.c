#include "SyndromeTrellis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef float Costs __attribute__((ext_vector_type(16)));
typedef int32_t Lanes __attribute__((ext_vector_type(16)));
typedef _Bool Bits __attribute__((ext_vector_type(16)));  /* packed: one bit per lane */

#define INLINE static inline __attribute__((always_inline))
/* The helpers below pass 64-byte vectors, which the baseline ABI passes differently from AVX-512's;
   they are always inlined, so no call ever crosses that boundary. */
#pragma clang diagnostic ignored "-Wpsabi"

INLINE Costs load_costs(const float *p) { Costs v; memcpy(&v, p, sizeof v); return v; }

/// Bit k set where lane k of `mask` is set.
INLINE uint16_t lane_bits(Lanes mask) {
    Bits bits = __builtin_convertvector(mask, Bits);
    uint16_t packed;
    memcpy(&packed, &bits, sizeof packed);
    return packed;
}

/// `b` where `mask` is set (all ones), else `a`.
INLINE Costs select_costs(Lanes mask, Costs a, Costs b) { return (Costs)(((Lanes)a & ~mask) | ((Lanes)b & mask)); }

INLINE int forward(int height, int length, int bits, const int64_t *starts, const int64_t *columns,
                   const float *zero, const float *one, const uint8_t *wanted, uint16_t *decisions, float *final) {
    const int states = 1 << height;
    Costs *cost = aligned_alloc(64, (size_t)states * sizeof(Costs)), *next = aligned_alloc(64, (size_t)states * sizeof(Costs));
    if (!cost || !next) { free(cost); free(next); return -1; }
    for (int s = 0; s < states; s++) cost[s] = INFINITY;
    cost[0] = 0;
    for (int block = 0; block < bits; block++) {
        for (int64_t j = starts[block]; j < starts[block + 1]; j++) {
            const int column = (int)columns[j - starts[block]];
            const Costs w0 = load_costs(zero + 16 * j), w1 = load_costs(one + 16 * j);
            uint16_t *row = decisions + (size_t)j * states;
            // Every column has bit h-1 set: state s of the lower half and s ^ column of the upper
            // half reach each other, a butterfly.
            for (int s = 0; s < states / 2; s++) {
                const int t = s ^ column;
                const Costs a = cost[s], b = cost[t];
                const Costs stayS = a + w0, flipS = b + w1, stayT = b + w0, flipT = a + w1;
                const Lanes tookS = flipS < stayS, tookT = flipT < stayT;
                next[s] = select_costs(tookS, stayS, flipS);
                next[t] = select_costs(tookT, stayT, flipT);
                row[s] = lane_bits(tookS);
                row[t] = lane_bits(tookT);
            }
            Costs *swap = cost; cost = next; next = swap;
        }
        // Row `block` of the syndrome is complete: keep the states whose low bit is the message
        // bit, and move the window one row down.
        Lanes mask;
        for (int k = 0; k < 16; k++) mask[k] = wanted[block * 16 + k] ? -1 : 0;
        for (int s = 0; s < states / 2; s++) next[s] = select_costs(mask, cost[2 * s], cost[2 * s + 1]);
        for (int s = states / 2; s < states; s++) next[s] = INFINITY;
        Costs *swap = cost; cost = next; next = swap;
    }
    memcpy(final, cost, (size_t)states * sizeof(Costs));
    free(cost);
    free(next);
    return 0;
}

#define ARGUMENTS int height, int length, int bits, const int64_t *starts, const int64_t *columns, const float *zero, \
                  const float *one, const uint8_t *wanted, uint16_t *decisions, float *final
#define PASS height, length, bits, starts, columns, zero, one, wanted, decisions, final

static int forward_baseline(ARGUMENTS) { return forward(PASS); }

#if defined(__x86_64__)
__attribute__((target("avx2"))) static int forward_avx2(ARGUMENTS) { return forward(PASS); }
__attribute__((target("avx512f"))) static int forward_avx512(ARGUMENTS) { return forward(PASS); }
#endif

int stego_trellis_forward_variant(int variant, ARGUMENTS) {
    switch (variant) {
    case 0: return forward_baseline(PASS);
#if defined(__x86_64__)
    case 1: return __builtin_cpu_supports("avx2") ? forward_avx2(PASS) : -2;
    case 2: return __builtin_cpu_supports("avx512f") ? forward_avx512(PASS) : -2;
#endif
    default: return -2;
    }
}

static int forward_best(ARGUMENTS) {
    for (int variant = 2; variant > 0; variant--) {
        int result = stego_trellis_forward_variant(variant, PASS);
        if (result != -2) return result;
    }
    return forward_baseline(PASS);
}

int stego_trellis_embed(int height, int length, int bits, const int64_t *starts, const int64_t *columns,
                        const float *zero, const float *one, const uint8_t *wanted, uint8_t *stego) {
    const int states = 1 << height;
    uint16_t *decisions = malloc((size_t)length * states * sizeof *decisions);
    float *final = malloc((size_t)states * 16 * sizeof *final);
    int result = decisions && final ? forward_best(height, length, bits, starts, columns, zero, one, wanted, decisions, final) : -1;
    if (result == 0) {
        // Back from the cheapest final state of each lane, all lanes a column at a time, so that
        // they read the same row of decisions (lane by lane, the reads missed the cache).
        int state[16];
        for (int k = 0; k < 16 && result == 0; k++) {
            state[k] = 0;
            for (int s = 1; s < states; s++) if (final[s * 16 + k] < final[state[k] * 16 + k]) state[k] = s;
            if (!isfinite(final[state[k] * 16 + k])) result = 1;
        }
        for (int block = bits - 1; block >= 0 && result == 0; block--) {
            for (int k = 0; k < 16; k++) state[k] = (state[k] << 1 | wanted[block * 16 + k]) & (states - 1);
            for (int64_t j = starts[block + 1] - 1; j >= starts[block]; j--) {
                const int column = (int)columns[j - starts[block]];
                const uint16_t *row = decisions + (size_t)j * states;
                for (int k = 0; k < 16; k++) {
                    const int y = row[state[k]] >> k & 1;
                    stego[(size_t)k * length + j] = (uint8_t)y;
                    state[k] ^= column & -y;
                }
            }
        }
    }
    free(decisions);
    free(final);
    return result;
}
