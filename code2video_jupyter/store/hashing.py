"""Content hashes: what makes a stage stale."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def sha(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def json_sha(data: Any) -> str:
    return sha(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def file_sha(path: str | Path) -> str | None:
    p = Path(path)
    return sha(p.read_bytes()) if p.exists() else None


def tree_sha(files: list[Path]) -> str:
    return sha(*[f.name.encode() + b":" + f.read_bytes() for f in sorted(files)])
