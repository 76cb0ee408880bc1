#!/usr/bin/env bash
# Regenerates man/stego.1 from the argument parser's definitions (swift-argument-parser's
# generate-manual plugin), with the generated one-line EXIT STATUS replaced by the sections of
# man/sections.mdoc (ENVIRONMENT, FILES, EXIT STATUS, EXAMPLES, CAVEATS). The date is fixed so
# that an unchanged CLI gives an unchanged page.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --date 2026-11-24 >/dev/null
generated=.build/plugins/GenerateManual/outputs/stego/stego.1
sed '/^\.Sh "EXIT STATUS"$/,$d' "$generated" > man/stego.1
cat man/sections.mdoc >> man/stego.1
