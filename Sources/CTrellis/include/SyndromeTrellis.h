#ifndef STEGO_SYNDROME_TRELLIS_H
#define STEGO_SYNDROME_TRELLIS_H

#include <stdint.h>

/// The Viterbi search of a syndrome-trellis code over 16 segments side by side, one per SIMD lane;
/// SyndromeTrellisCode.swift says what the code is. In C because Swift cannot compile a function
/// for AVX2 or AVX-512 and pick it at run time: built for the baseline x86-64 (SSE2), Swift's
/// 16-lane vectors took four registers each and spilled.
///
/// height: h (2^h states). length: columns per segment. bits: message bits per segment.
/// starts[bits + 1]: the first column of each message bit's block. columns: Ĥ's columns.
/// zero[length * 16], one[length * 16]: the cost of stego bit 0 / 1 at column j, lane k (index j * 16 + k).
/// wanted[bits * 16]: message bit b of lane k (index b * 16 + k), 0 or 1.
/// stego[16 * length]: the stego bits found, lane k's at k * length + j.
/// Returns 0; 1 when a lane has no solution of finite cost; -1 when out of memory.
int stego_trellis_embed(int height, int length, int bits, const int64_t *starts, const int64_t *columns,
                        const float *zero, const float *one, const uint8_t *wanted, uint8_t *stego);

/// The search's forward pass built for one instruction set, for tests (every variant must give the
/// same result): 0 the baseline, 1 AVX2, 2 AVX-512 (x86-64). decisions[length * 2^h]: bit k of
/// [j * 2^h + s] is set where column j of lane k reached state s with a 1; final[2^h * 16]: the path
/// costs of each state and lane after the last block. Returns 0, -1 when out of memory, or -2 where
/// this CPU has no such variant.
int stego_trellis_forward_variant(int variant, int height, int length, int bits, const int64_t *starts,
                                  const int64_t *columns, const float *zero, const float *one,
                                  const uint8_t *wanted, uint16_t *decisions, float *final);

#endif
