#!/usr/bin/env bash
# Refresh the vendored reveal.js (present mode's slide engine) from the npm registry.
#
# Presentations must open from disk with no network, so the few files they load are shipped
# inside the package (code2video_jupyter/present/vendor/reveal/), not fetched from a CDN at
# export time. Only the dist files a deck uses are kept: the core, its stylesheet and the notes
# plugin (the presenter view); reveal's themes are not (the deck has its own small stylesheet).
# SHA256SUMS records what was vendored; tests/test_present.py checks the files against it.
#
#   bash scripts/vendor_reveal.sh [VERSION]     (needs npm; users never run this)
set -euo pipefail
VERSION="${1:-6.0.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/code2video_jupyter/present/vendor/reveal"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "reveal.js@$VERSION" >/dev/null && tar xzf "reveal.js-$VERSION.tgz")
rm -rf "$DEST"
mkdir -p "$DEST"
cp "$WORK/package/dist/reveal.js" "$WORK/package/dist/reveal.css" "$WORK/package/dist/plugin/notes.js" \
   "$WORK/package/LICENSE" "$DEST/"
echo "$VERSION" > "$DEST/VERSION"
(cd "$DEST" && sha256sum reveal.js reveal.css notes.js LICENSE VERSION > SHA256SUMS)
echo "vendored reveal.js $VERSION into $DEST"
