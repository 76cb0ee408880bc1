#!/usr/bin/env bash
# Regenerates man/stego.1 from the argument parser's definitions (swift-argument-parser's
# generate-manual plugin). The date is fixed so that an unchanged CLI gives an unchanged page.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --date 2026-11-24 >/dev/null
cp .build/plugins/GenerateManual/outputs/stego/stego.1 man/stego.1
