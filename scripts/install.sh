#!/usr/bin/env bash
# Install everything code2video-jupyter needs on Debian/Ubuntu: system packages (only those
# missing, so a re-run is quick) and a virtual environment in .venv with the package in it, with
# JupyterLab 4 and Notebook 7 and the package's JupyterLab extension, prebuilt (its build is
# committed in code2video_jupyter/labextension/, so no node is needed).
#   bash scripts/install.sh          # to use it
#   bash scripts/install.sh --dev    # also the test tools, Chromium for the browser tests, and
#                                    # node to rebuild the extension from labextension/
set -euo pipefail
cd "$(dirname "$0")/.."

extras="[lab]"
dev=0
[ "${1:-}" = "--dev" ] && extras="[lab,dev]" && dev=1

packages=(
  build-essential pkg-config python3-dev libcairo2-dev libpango1.0-dev  # pycairo, manimpango
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm  # MathTex
  fonts-dejavu-core fonts-noto-cjk  # the scaffold's face; Chinese/Japanese lessons
  util-linux  # unshare/setpriv: the render sandbox's namespaces, the uid drop as root
  bubblewrap  # bwrap: the render sandbox's file-system view and size-limited work folder
)
if [ "$dev" = 1 ]; then
  packages+=(chromium)  # the browser test drives Debian's Chromium (Playwright, no browser download)
  command -v npm >/dev/null || packages+=(nodejs npm)  # builds labextension/
fi
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
if [ "$dev" = 1 ]; then
  # The JupyterLab extension, rebuilt before the package is installed so that the editable
  # install copies it into .venv/share/jupyter/labextensions/ (JupyterLab in .venv loads it from
  # there). npm ci only when the lock file changed, the build only when the sources' hash is not
  # the one recorded with the committed build (scripts/labextension_sources.py; not mtimes: a
  # fresh clone's are arbitrary, and a rebuild elsewhere would rewrite committed files).
  .venv/bin/python -m pip install -q --disable-pip-version-check "jupyter-builder>=1.3"
  built=code2video_jupyter/labextension/package.json
  if [ ! -f labextension/node_modules/.package-lock.json ] \
     || [ labextension/package-lock.json -nt labextension/node_modules/.package-lock.json ]; then
    echo "installing the extension's npm packages (labextension/)"
    (cd labextension && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f "$built" ] || ! .venv/bin/python scripts/labextension_sources.py --check; then
    echo "building the JupyterLab extension (labextension/ -> code2video_jupyter/labextension/)"
    log=$(mktemp)
    if ! (cd labextension && PATH="$PWD/../.venv/bin:$PATH" npm run build:prod) >"$log" 2>&1; then
      tail -40 "$log"; echo "the JupyterLab extension did not build (log: $log)" >&2; exit 1
    fi
    rm -f "$log"
    .venv/bin/python scripts/labextension_sources.py --write
  fi
fi
# SKIP_JUPYTER_BUILDER: the wheel's build hook would build the extension itself (see pyproject);
# the committed build (or the one above, --dev) is what the editable install copies into
# .venv/share/jupyter/labextensions/, so a user's install needs no node.
SKIP_JUPYTER_BUILDER=1 .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
echo "installed: $(.venv/bin/code2video --version)"
# the extension as JupyterLab and Notebook 7 in .venv see it (enabled, OK)
.venv/bin/jupyter labextension list 2>&1 | grep -E "code2video-jupyter .*enabled" || {
  echo "the JupyterLab extension is not installed in .venv" >&2; exit 1; }
