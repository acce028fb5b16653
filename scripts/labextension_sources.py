"""The hash of the JupyterLab extension's sources (labextension/: src, schema, style, the
package and TypeScript settings), kept beside the committed build as
code2video_jupyter/labextension/sources.sha256. It says whether the build is current without
node, and without comparing bytes: webpack's module ids in the build depend on the absolute path
of the checkout (a clone elsewhere builds other ids from the same sources).

    python scripts/labextension_sources.py            # print the hash
    python scripts/labextension_sources.py --check    # exit 1 when the build is stale
    python scripts/labextension_sources.py --write    # after a build: record it
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "labextension"
STAMP = ROOT / "code2video_jupyter" / "labextension" / "sources.sha256"
TREES = ("src", "schema", "style")
FILES = ("package.json", "package-lock.json", "tsconfig.json")


def sources_hash() -> str:
    h = hashlib.sha256()
    paths = [SOURCES / f for f in FILES]
    for tree in TREES:
        paths += sorted(p for p in (SOURCES / tree).rglob("*") if p.is_file())
    for p in paths:
        h.update(p.relative_to(SOURCES).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    current = sources_hash()
    if args.write:
        STAMP.write_text(current + "\n")
    elif args.check:
        recorded = STAMP.read_text().strip() if STAMP.exists() else ""
        if recorded != current:
            print(f"the committed build is stale: sources {current[:12]}, build {recorded[:12] or 'none'}")
            return 1
    else:
        print(current)
    return 0


if __name__ == "__main__":
    sys.exit(main())
