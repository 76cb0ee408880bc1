#!/usr/bin/env bash
# Fills gpu-carry/ (ignored by git) with what a run on the lent GPU machine needs, which has
# PyTorch but no internet and none of the project's other Python packages: the pinned pypng wheel,
# validation photos (VAL_DIR, optional: for the curves, never trained on), checkpoints to resume
# that the repository does not track (a tracked training/NAME.safetensors travels anyway), and as
# many training photos as the carry limit leaves room for (64 MiB with the tracked files).
# Usage: [VAL_DIR=DIR] scripts/gpu-prepare.sh TRAIN_DIR [CHECKPOINT ...]
#   then: run (carry gpu-carry) scripts/gpu-train.sh ... ; see the script's header.
set -euo pipefail
cd "$(dirname "$0")/.."
train="$1"; shift
rm -rf gpu-carry && mkdir -p gpu-carry/wheels gpu-carry/train gpu-carry/checkpoints
python3 -m pip download --quiet --no-deps --dest gpu-carry/wheels "$(grep '^pypng==' python/requirements.txt)"
# A checkpoint travels with what --resume reads beside it: Adam's state (FILE.state), the steganalyser (FILE.adversary).
for checkpoint in "$@"; do
  git ls-files --error-unmatch "$checkpoint" >/dev/null 2>&1 || cp "$checkpoint"* gpu-carry/checkpoints/
done
[ -z "${VAL_DIR:-}" ] || { mkdir -p gpu-carry/val && cp "$VAL_DIR"/*.png gpu-carry/val/; }
# 1 MiB to spare under the limit, for what git does not track but does not ignore either.
budget=$((63 * 1024 * 1024 - $(git ls-files -z | xargs -0 cat | wc -c))) used=$(du -sb gpu-carry | cut -f1)
for photo in "$train"/*.png; do
  size=$(stat -c %s "$photo")
  [ $((used + size)) -le $budget ] || continue
  cp "$photo" gpu-carry/train/ && used=$((used + size))
done
echo "gpu-carry: $(ls gpu-carry/train | wc -l) training and $(ls gpu-carry/val 2>/dev/null | wc -l) validation photos, $(ls gpu-carry/checkpoints | wc -l) checkpoint files: $((used / 1024 / 1024)) MiB of the $((budget / 1024 / 1024)) MiB the tracked files leave"
