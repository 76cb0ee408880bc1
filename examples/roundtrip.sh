#!/usr/bin/env bash
# Hides examples/secret.png in examples/cover.png, reveals it, and prints how close each pair is,
# for each method named (default: lsb4 and the default dlv-hinet with its shipped weights).
# Usage: examples/roundtrip.sh [path/to/stego] [method ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stego="${1:-stego}"
shift || true
methods=("$@")
[ ${#methods[@]} -gt 0 ] || methods=(lsb4 dlv-hinet)
out="$here/out"
mkdir -p "$out"
for method in "${methods[@]}"; do
  "$stego" hide "$here/cover.png" "$here/secret.png" -o "$out/stego-$method.png" --method "$method" --force
  "$stego" reveal "$out/stego-$method.png" -o "$out/revealed-$method.png" --method "$method" --force
  echo "cover vs stego ($method):"
  "$stego" compare "$here/cover.png" "$out/stego-$method.png"
  echo "secret vs revealed ($method):"
  "$stego" compare "$here/secret.png" "$out/revealed-$method.png"
done
