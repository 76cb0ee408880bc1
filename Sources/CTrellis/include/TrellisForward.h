#ifndef STEGO_TRELLIS_FORWARD_H
#define STEGO_TRELLIS_FORWARD_H

#include <stdint.h>

/// The forward (Viterbi) pass of a syndrome-trellis code over 16 segments side by side, one per
/// SIMD lane; SyndromeTrellisCode.swift says what the code is. In C because Swift cannot compile a
/// function for AVX2 or AVX-512 and pick it at run time: built for the baseline x86-64 (SSE2),
/// Swift's 16-lane vectors took four registers each and spilled.
///
/// height: h (2^h states). length: columns per segment. bits: message bits per segment.
/// starts[bits + 1]: the first column of each message bit's block. columns: Ĥ's columns.
/// zero[length * 16], one[length * 16]: the cost of stego bit 0 / 1 at column j, lane k.
/// wanted[bits * 16]: message bit b of lane k (0 or 1).
/// decisions[length * 2^h]: bit k of [j * 2^h + s] is set where column j of lane k reached state s
/// with a 1 (every entry is written).
/// final[2^h * 16]: the path costs of each state and lane after the last block.
/// Returns 0, or -1 when out of memory.
int stego_trellis_forward(int height, int length, int bits, const int64_t *starts, const int64_t *columns,
                          const float *zero, const float *one, const uint8_t *wanted,
                          uint16_t *decisions, float *final);

/// The same pass built for one instruction set, for tests (every variant gives the same result):
/// 0 the baseline, 1 AVX2, 2 AVX-512 (x86-64). Returns -2 where this CPU has no such variant.
int stego_trellis_forward_variant(int variant, int height, int length, int bits, const int64_t *starts,
                                  const int64_t *columns, const float *zero, const float *one,
                                  const uint8_t *wanted, uint16_t *decisions, float *final);

#endif
