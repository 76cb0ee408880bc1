#!/usr/bin/env bash
# Fills gpu-carry/ (ignored by git) with what a run on the lent GPU machine needs, which has
# PyTorch but no internet and none of the project's other Python packages: the pinned pypng wheel,
# validation photos (VAL_DIR, optional: for the curves, never trained on), checkpoints to resume
# that the repository does not track (a tracked training/NAME.safetensors travels anyway), and the
# training photos, centre crops where the carry limit (64 MiB with the tracked files) needs them.
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
# Every training photo goes, cropped about its centre to the share of its area that the budget
# allows: a short GPU run sees more kinds of picture than it would from fewer whole photos.
python/.venv/bin/python - "$train" gpu-carry/train $((budget - used)) <<'PYTHON'
import math, pathlib, shutil, sys
from PIL import Image
source, target, room = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
photos = sorted(source.glob("*.png"))
share = min(1.0, room / sum(p.stat().st_size for p in photos))
for _ in range(5):
    scale = math.sqrt(share)
    for photo in photos:
        if share == 1.0:  # all fit whole: the files as they are (Pillow's encoding may be larger)
            shutil.copy(photo, target)
            continue
        image = Image.open(photo).convert("RGB")
        # at least one 128x128 crop (the GPU runs' size) where the photo has one
        w, h = (min(side, max(128, round(side * scale))) for side in image.size)
        left, top = (image.width - w) // 2, (image.height - h) // 2
        image.crop((left, top, left + w, top + h)).save(target / photo.name)
    written = sum(p.stat().st_size for p in target.glob("*.png"))
    if written <= room:
        break
    share *= 0.97 * room / written
else:
    sys.exit("gpu-prepare: the training photos do not fit the carry")
print(f"training photos cropped to {share:.0%} of their area" if share < 1 else "training photos whole")
PYTHON
used=$(du -sb gpu-carry | cut -f1)
echo "gpu-carry: $(ls gpu-carry/train | wc -l) training and $(ls gpu-carry/val 2>/dev/null | wc -l) validation photos, $(ls gpu-carry/checkpoints | wc -l) checkpoint files: $((used / 1024 / 1024)) MiB of the $((budget / 1024 / 1024)) MiB the tracked files leave"
