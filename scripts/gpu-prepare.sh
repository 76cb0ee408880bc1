#!/usr/bin/env bash
# Fills gpu-carry/ (ignored by git) with what a run on the lent GPU machine needs, which has
# PyTorch but no internet and none of the project's other Python packages: the pinned pypng wheel,
# validation photos (VAL_DIR, optional: for the curves, never trained on), training photos up to
# 42 MiB with them (the carry limit of 64 MiB includes the 19 MiB of tracked files), and checkpoints
# to resume.
# Usage: [VAL_DIR=DIR] scripts/gpu-prepare.sh TRAIN_DIR [CHECKPOINT ...]
#   then: run (carry gpu-carry) scripts/gpu-train.sh ... ; see the script's header.
set -euo pipefail
cd "$(dirname "$0")/.."
train="$1"; shift
rm -rf gpu-carry && mkdir -p gpu-carry/wheels gpu-carry/train gpu-carry/checkpoints
python3 -m pip download --quiet --no-deps --dest gpu-carry/wheels "$(grep '^pypng==' python/requirements.txt)"
budget=$((42 * 1024 * 1024)) used=0
if [ -n "${VAL_DIR:-}" ]; then
  mkdir -p gpu-carry/val && cp "$VAL_DIR"/*.png gpu-carry/val/
  used=$(du -cb gpu-carry/val/*.png | tail -1 | cut -f1)
fi
for photo in "$train"/*.png; do
  size=$(stat -c %s "$photo")
  [ $((used + size)) -le $budget ] || continue
  cp "$photo" gpu-carry/train/ && used=$((used + size))
done
for checkpoint in "$@"; do cp "$checkpoint" "${checkpoint%.safetensors}.state" gpu-carry/checkpoints/ 2>/dev/null || cp "$checkpoint" gpu-carry/checkpoints/; done
echo "gpu-carry: $(ls gpu-carry/train | wc -l) training and $(ls gpu-carry/val 2>/dev/null | wc -l) validation photos ($((used / 1024 / 1024)) MiB), $(ls gpu-carry/checkpoints | wc -l) checkpoint files, $(du -sh gpu-carry | cut -f1) in all"
