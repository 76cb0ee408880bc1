#!/usr/bin/env bash
# Hides examples/secret.png in examples/cover.png, reveals it, and prints how close each pair is.
# Usage: examples/roundtrip.sh [path/to/stego] [method]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stego="${1:-stego}"
method="${2:-lsb4}"
out="$here/out"
mkdir -p "$out"
"$stego" hide "$here/cover.png" "$here/secret.png" -o "$out/stego.png" --method "$method" --force
"$stego" reveal "$out/stego.png" -o "$out/revealed.png" --method "$method" --force
echo "cover vs stego ($method):"
"$stego" compare "$here/cover.png" "$out/stego.png"
echo "secret vs revealed ($method):"
"$stego" compare "$here/secret.png" "$out/revealed.png"
