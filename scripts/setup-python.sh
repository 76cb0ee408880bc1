#!/usr/bin/env bash
# Creates python/.venv with the PyTorch twin's pinned dependencies (python/requirements.txt) and
# the twin itself (editable). Debian's python3-torch is too old for torchrun on Python 3.11, so
# PyTorch comes from PyPI (a CPU build where one is offered locally).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv
fi
[ -x python/.venv/bin/python ] || python3 -m venv python/.venv
python/.venv/bin/pip install -q -r python/requirements.txt
python/.venv/bin/pip install -q --no-deps -e python
