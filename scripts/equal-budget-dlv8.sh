#!/bin/sh
# The DLV-HiNet side of the equal-budget comparison with the 10-block HiNet (docs/training.md,
# sessions 19-24), replayed by steps: from the level pair's 4-block DLV-HiNet (commit 176c335),
# grown to 8 blocks, each phase runs to the step at which the DLV-HiNet reached (sessions 19, 22)
# or would have reached (the HiNet's later rounds at the DLV-HiNet's measured step rate) the
# HiNet's hours. Phases the checkpoint has passed are skipped, so a stopped run (SIGINT writes the
# checkpoint) goes on where it stopped; a phase resumed part-way reseeds its data order.
#   scripts/equal-budget-dlv8.sh CHECKPOINT TRAIN_DIR VAL_DIR [THREADS]
# The validation lines land in CHECKPOINT's name with .log, for `scripts/plot_training.py
# extract-steps` with the steps and hours below.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 CHECKPOINT TRAIN_DIR VAL_DIR [THREADS]" >&2; exit 2; }
out=$1 train=$2 val=$3 threads=${4:-1}
stego=${STEGO:-.build/release/stego}
log=${out%.safetensors}.log
step_of() { # the step in a checkpoint's metadata
    python3 -c 'import json, struct, sys
f = open(sys.argv[1], "rb"); n = struct.unpack("<Q", f.read(8))[0]
print(json.loads(f.read(n))["__metadata__"]["step"])' "$1"
}
if [ ! -f "$out" ]; then
    level=$(mktemp --suffix .safetensors)
    trap 'rm -f "$level"' EXIT
    git show 176c335:Sources/StegoKit/Weights/dlv-hinet.safetensors > "$level"
    start="--grow-from $level --warmup-steps 300"
fi
# target step, learning rate, seed, the HiNet's hours there
while read -r target lr seed hours; do
    if [ -f "$out" ]; then
        [ "$(step_of "$out")" -lt "$target" ] || continue
        start=--resume
    fi
    echo "phase to step $target ($hours h of the HiNet's budget), lr $lr, seed $seed" >> "$log"
    # shellcheck disable=SC2086
    "$stego" train --method dlv-hinet --blocks 8 --data "$train" --val "$val" --out "$out" $start \
        --preset small --crop 64 --batch 8 --lr "$lr" --lr-halve-every 0 --guide-weight 3 --luma-weight 3 \
        --chroma-weight 1 --threads "$threads" --checkpoint-minutes 5 --val-every 500 --steps "$target" \
        --seed "$seed" < /dev/null 2>> "$log"  # interrupted, it exits 130 and ends this script
    cp "$out" "${out%.safetensors}-s$target.safetensors"
done <<EOF
4787 0.000025 30 1.81
6259 0.000025 31 2.37
8413 0.0000125 38 3.20
9625 0.000003125 39 3.68
9989 0.0000125 40 3.96
11500 0.0000125 41 4.36
13651 0.0000125 42 5.19
14861 0.000003125 43 5.67
17288 0.0000125 44 6.84
18670 0.000003125 45 7.42
EOF
