#!/usr/bin/env bash
# Runs on the lent GPU machine (the repository root, gpu-carry/ carried, $OUT collected): installs
# the carried pypng wheel, checks CUDA with a short smoke run, then trains for SECONDS (SIGINT at the
# end: the twin writes its checkpoint and stops), and copies the checkpoint, Adam's state, the CSV
# log and the output into $OUT. Extra arguments go to stego_torch.train (--method, --preset,
# --resume with --out naming a carried checkpoint, ...).
# Usage: scripts/gpu-train.sh SECONDS NAME [train options...]
#   e.g. scripts/gpu-train.sh 480 dlv-medium --method dlv-hinet --preset small --blocks 8 --growth 32 --batch 16 --bf16
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="$1" name="$2"; shift 2
out="${OUT:-/tmp/gpu-out}"
mkdir -p "$out"
python3 -m pip install --quiet --no-index --no-deps gpu-carry/wheels/*.whl 2>&1 | tail -1 || true
export PYTHONPATH="$PWD/python"
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')" | tee "$out/$name.log"
checkpoint="gpu-carry/checkpoints/$name.safetensors"
[ -f "$checkpoint" ] || checkpoint="$out/$name.safetensors"
python3 -m stego_torch.train --data gpu-carry/train --out "$out/smoke.safetensors" --preset tiny --steps 20 --crop 64 --batch 4 --force \
  >>"$out/$name.log" 2>&1 && echo "smoke run passed" | tee -a "$out/$name.log"
timeout -s INT "$seconds" python3 -m stego_torch.train --data gpu-carry/train --out "$checkpoint" --checkpoint-minutes 2 "$@" \
  >>"$out/$name.log" 2>&1 || true
cp "$checkpoint"* "$out/" 2>/dev/null || true
tail -5 "$out/$name.log"
