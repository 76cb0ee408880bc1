#!/usr/bin/env bash
# Installs stego into PREFIX (default /usr/local): the binary (Swift runtime linked statically, so
# it runs where Swift is not installed; it still needs libpng, libjpeg-turbo and oneDNN), the
# shipped weights in PREFIX/share/stego (found relative to the binary), the man page and
# bash/zsh/fish completions. Run it as a user who may write to PREFIX.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
scripts/install-system-packages.sh
swift build -c release --scratch-path .build-static -Xswiftc -static-stdlib --product stego
bin=$(swift build -c release --scratch-path .build-static --show-bin-path)
install -d "$prefix/bin" "$prefix/share/stego" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$bin/stego" "$prefix/bin/stego"
install -m 644 Sources/StegoKit/Weights/*.safetensors "$prefix/share/stego/"
install -m 644 man/stego.1 "$prefix/share/man/man1/stego.1"
"$prefix/bin/stego" --generate-completion-script bash > "$prefix/share/bash-completion/completions/stego"
"$prefix/bin/stego" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_stego"
"$prefix/bin/stego" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/stego.fish"
echo "installed stego into $prefix (man stego; weights in $prefix/share/stego)"
