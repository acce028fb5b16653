#!/usr/bin/env bash
# Install everything code2video-jupyter needs on Debian/Ubuntu: system packages (only those
# missing, so a re-run is quick) and a virtual environment in .venv with the package in it.
#   bash scripts/install.sh          # to use it
#   bash scripts/install.sh --dev    # also the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

packages=(
  build-essential pkg-config python3-dev libcairo2-dev libpango1.0-dev  # pycairo, manimpango
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm  # MathTex
  fonts-dejavu-core fonts-noto-cjk  # the scaffold's face; Chinese/Japanese lessons
  util-linux  # unshare/setpriv: the render sandbox's namespaces
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
echo "installed: $(.venv/bin/code2video --version)"
