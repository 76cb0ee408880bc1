#!/usr/bin/env bash
# Times `stego hide` and `stego reveal` as a user runs them, in rounds interleaved with the engine
# benchmark (this VM's speed drifts from minute to minute, so each command's figure should be read
# next to the conv rows of the same minutes). Build first: swift build -c release
# Usage: scripts/time_cli.sh COVER.png SECRET.png [ROUNDS]   (extra stego flags: STEGO_FLAGS=...)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build -c release --show-bin-path)
cover=$1 secret=$2 rounds=${3:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r: best conv rows (GFLOP/s)"
  "$bin/stego-bench" conv --python "" | grep -E "forward|backward" | sort -k4 -g -r | head -3
  /usr/bin/time -f "hide %e s, peak %M KB" "$bin/stego" hide "$cover" "$secret" -o "$out/stego.png" --force ${STEGO_FLAGS:-}
  /usr/bin/time -f "reveal %e s, peak %M KB" "$bin/stego" reveal "$out/stego.png" -o "$out/secret.png" --force ${STEGO_FLAGS:-}
done
