#!/usr/bin/env bash
# From a fresh clone to a working tool: system packages, release build, and the examples round trip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release
examples/roundtrip.sh "$(swift build -c release --show-bin-path)/stego"
