#!/bin/sh
# How often `stego reveal` warns that what it revealed does not look like a hidden image, for one
# method's weights: on covers with nothing hidden (it should warn) and on the stego images that
# `stego eval --save` makes from the same photos (it should not). Measure again whenever the
# shipped networks change (docs/steganalysis.md, "Reveal's warning when nothing looks hidden").
#
#   scripts/reveal-check-rates.sh PHOTOS_DIR METHOD [MODEL]     (METHOD: lsb4, hinet or dlv-hinet)
set -eu
[ $# -ge 2 ] || { echo "usage: $0 PHOTOS_DIR METHOD [MODEL]" >&2; exit 2; }
data=$1 method=$2 model=${3:-}
stego=${STEGO:-.build/release/stego}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

$stego eval --data "$data" --methods "$method" ${model:+"--$method-model" "$model"} --save "$work" > /dev/null

# Prints 1 when reveal warned on $1, 0 when it did not.
warned() {
    $stego reveal "$1" -o "$work/revealed.png" --method "$method" ${model:+--model "$model"} --force 2>&1 >/dev/null \
        | grep -c "does not look like a hidden image" || true
}

clean=0 stegos=0 pairs=0
for cover in "$work/$method"-*-cover.png; do
    pair=${cover%-cover.png}
    clean=$((clean + $(warned "$cover")))
    stegos=$((stegos + $(warned "$pair-stego.png")))
    pairs=$((pairs + 1))
done
echo "$method on $data: clean covers warned $clean / $pairs, stego images warned $stegos / $pairs"
