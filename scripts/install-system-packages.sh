#!/usr/bin/env bash
# Installs the Debian packages stego builds against: libpng and libjpeg-turbo (image I/O), oneDNN
# (convolutions), libsodium (Argon2id and XChaCha20-Poly1305 for --method stc), libavif (the
# compressed secret of --method stc, and AVIF input), libwebp and libheif (WebP and HEIC input)
# and zlib.
# Swift itself is expected to be installed already (see README).
set -euo pipefail
packages=(libpng-dev libjpeg62-turbo-dev libdnnl-dev libsodium-dev libavif-dev libwebp-dev libheif-dev zlib1g-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
