#!/usr/bin/env bash
# Fuzzes the PNG decoder or the safetensors (--model) reader with libFuzzer and AddressSanitizer:
#   scripts/fuzz.sh png|safetensors [SECONDS]      (default 60)
# Builds into .build-fuzz, starts from the committed corpus (Fuzz/corpus/<target>) plus what
# earlier runs found (.build-fuzz/corpus-<target>), and leaves any crashing input in
# .build-fuzz/artifacts-<target>/: copy it into Fuzz/corpus/<target>/ once fixed, so that every
# plain build replays it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh png|safetensors [SECONDS]}
seconds=${2:-60}
case "$target" in
  png) product=FuzzPNGDecoder ;;
  safetensors) product=FuzzSafeTensorsReader ;;
  *) echo "unknown target $target: png or safetensors" >&2; exit 2 ;;
esac
swift build --scratch-path .build-fuzz --product "$product" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
work=.build-fuzz/corpus-$target artifacts=.build-fuzz/artifacts-$target
mkdir -p "$work" "$artifacts"
"$(swift build --scratch-path .build-fuzz --show-bin-path)/$product" "$work" "Fuzz/corpus/$target" \
  -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -artifact_prefix="$artifacts/" -print_final_stats=1
