#!/bin/sh
# One training round on the CPU, as docs/training.md runs them since session 22: timed parts that
# each resume CHECKPOINT at their own learning rate and data-order seed and are stopped with SIGINT
# (the trainer writes the checkpoint and Adam's state, then exits). After each part the checkpoint
# is copied to CHECKPOINT-SEED.safetensors (with .state), the point to evaluate or go back to, and
# what `stego average-weights` averages at the end of a round (session 31). With --average-every
# among the options, each part's running mean becomes CHECKPOINT-SEED-average.safetensors.
# Output goes to CHECKPOINT's name with .log, with a line before and after each part.
#   scripts/train-round.sh CHECKPOINT SECONDS:LR:SEED [SECONDS:LR:SEED ...] -- TRAIN_OPTIONS...
# e.g. the shipped HiNet's rounds (session 28):
#   scripts/train-round.sh runs/hinet10.safetensors 3240:1.25e-5:51 1800:3.125e-6:52 -- \
#     --method hinet --blocks 10 --preset small --data ../shared/data/train --val ../shared/data/val \
#     --crop 64 --batch 8 --guide-weight 3 --luma-weight 3 --chroma-weight 1 --threads 2
set -eu
[ $# -ge 3 ] || { echo "usage: $0 CHECKPOINT SECONDS:LR:SEED... -- TRAIN_OPTIONS..." >&2; exit 2; }
out=$1; shift
[ -f "$out" ] || { echo "$0: $out: no checkpoint to resume" >&2; exit 2; }
parts=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do parts="$parts $1"; shift; done
[ $# -gt 0 ] || { echo "$0: missing -- before the train options" >&2; exit 2; }
shift
stego=${STEGO:-.build/release/stego}
log=${out%.safetensors}.log
for part in $parts; do
    IFS=: read -r seconds lr seed <<EOF
$part
EOF
    echo "=== part $seconds s lr $lr seed $seed $(date -u +%H:%M:%S)" >> "$log"
    status=0
    timeout -s INT "$seconds" "$stego" train --out "$out" --resume --lr "$lr" --seed "$seed" \
        --lr-halve-every 0 --steps 1000000 --checkpoint-minutes 5 --val-every 500 "$@" \
        < /dev/null 2>> "$log" || status=$?
    [ "$status" -eq 124 ] || { echo "$0: part $part ended with status $status" >&2; exit 1; }
    cp "$out" "${out%.safetensors}-$seed.safetensors"
    cp "$out.state" "${out%.safetensors}-$seed.safetensors.state"
    # with --average-every, the part's running mean too
    [ ! -f "${out%.safetensors}-average.safetensors" ] ||
        mv "${out%.safetensors}-average.safetensors" "${out%.safetensors}-$seed-average.safetensors"
    echo "=== done $(date -u +%H:%M:%S)" >> "$log"
done
