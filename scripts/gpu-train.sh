#!/usr/bin/env bash
# Runs on the lent GPU machine (the repository root, gpu-carry/ carried, $OUT collected): installs
# the carried pypng wheel, checks CUDA with a short smoke run, then trains one or more runs side by
# side on the one GPU for SECONDS each (SIGINT at the end: the twin writes its checkpoint and
# stops), and puts each run's checkpoint, Adam's state, running mean (with --average-every), CSV
# log and output into $OUT as one NAME.tar (the device brings back at most 8 files of 16 MiB each:
# up to 7 runs, of networks up to about 1.3 M parameters, 1 M with the running mean, as Adam's
# state is twice the weights). Runs are separated by `---`; each names its checkpoint and passes
# the rest to stego_torch.train (--method, --preset, --grow-from, ...; with --resume, a carried
# gpu-carry/checkpoints/NAME.safetensors or else the repository's training/NAME.safetensors is
# resumed). Validation uses gpu-carry/val when it was carried.
# Usage: scripts/gpu-train.sh SECONDS NAME [train options...] [--- NAME [train options...]]...
#   e.g. scripts/gpu-train.sh 480 dlv8 --method dlv-hinet --blocks 8 --batch 16 --bf16 --- hinet10 --method hinet --blocks 10 --batch 16 --bf16
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="$1"; shift
out="${OUT:-/tmp/gpu-out}" work=/tmp/stego-gpu-runs
mkdir -p "$out" "$work"
python3 -m pip install --quiet --no-index --no-deps gpu-carry/wheels/*.whl 2>&1 | tail -1 || true
export PYTHONPATH="$PWD/python"
{
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')"
  nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
  python3 -m stego_torch.train --data gpu-carry/train --out "$work/smoke.safetensors" --preset tiny --steps 20 --crop 64 --batch 4 --force 2>&1 | tail -2 || echo "smoke run failed"
} >"$out/setup.log" 2>&1
cat "$out/setup.log"
validation=()
[ -d gpu-carry/val ] && validation=(--val gpu-carry/val --val-every 500 --val-size 256)

train() {  # NAME [train options...]
  local name="$1"; shift
  local checkpoint="gpu-carry/checkpoints/$name.safetensors"
  if [ ! -f "$checkpoint" ]; then  # a tracked training/NAME.safetensors resumes from a copy
    checkpoint="$work/$name.safetensors"
    [ ! -f "training/$name.safetensors" ] || cp "training/$name.safetensors"* "$work/"
  fi
  timeout -s INT "$seconds" python3 -m stego_torch.train --data gpu-carry/train --out "$checkpoint" --checkpoint-minutes 2 \
    "${validation[@]}" "$@" >"$work/$name.log" 2>&1 || true
  tar -cf "$out/$name.tar" -C "$(dirname "$checkpoint")" $(cd "$(dirname "$checkpoint")" && ls "$name".safetensors* "$name"-average.safetensors 2>/dev/null) -C "$work" "$name.log"
}

run=()
for argument in "$@" ---; do
  if [ "$argument" = "---" ]; then
    [ ${#run[@]} -eq 0 ] || train "${run[@]}" &
    run=()
  else
    run+=("$argument")
  fi
done
wait
for log in "$work"/*.log; do echo "== $log"; tail -4 "$log"; done
nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader 2>/dev/null || true
