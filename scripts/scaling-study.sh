#!/bin/sh
# Equal-compute scaling study: DLV-HiNet small, medium and paper trained from scratch one after
# another, each for MINUTES of wall time on one thread of this machine, with the same recipe.
# Validation lines (with "h into this run") land in OUTDIR/NAME.log, for
# `scripts/plot_training.py extract NAME OUTDIR/NAME.log 0`.
#   scripts/scaling-study.sh MINUTES TRAIN_DIR VAL_DIR OUTDIR
set -eu
[ $# -eq 4 ] || { echo "usage: $0 MINUTES TRAIN_DIR VAL_DIR OUTDIR" >&2; exit 2; }
minutes=$1 train=$2 val=$3 out=$4
stego=${STEGO:-.build/release/stego}
mkdir -p "$out"
# name, size options, validation interval (steps: about every 5 minutes at each size's speed here)
for run in "scale-small|--preset small|300" "scale-medium|--preset small --blocks 8 --growth 32|60" \
           "scale-paper|--preset paper|30"; do
    name=${run%%|*} rest=${run#*|}
    size=${rest%|*} every=${rest#*|}
    status=0
    # shellcheck disable=SC2086
    timeout -s INT "$((minutes * 60))" "$stego" train --method dlv-hinet --data "$train" --out "$out/$name.safetensors" \
        $size --steps 1000000 --crop 64 --batch 8 --lr 0.001 --lr-halve-every 3000 --threads 1 \
        --checkpoint-minutes 10 --val "$val" --val-every "$every" --val-size 256 --seed 7 --force \
        2> "$out/$name.log" || status=$?
    [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || { echo "$name failed ($status): see $out/$name.log" >&2; exit 1; }
done
