"""Atomic file writes, the one helper for them: a temp file in the same folder, then a rename
over the target. A process killed at any point leaves either the old file or the new one,
never half of one (the run store sweeps the temp files it finds when a run opens)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | os.PathLike[str], data: Any) -> None:
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def move_into_place(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """Rename a finished file into place (same file system), replacing any older one."""
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)


@contextlib.contextmanager
def publishing(path: str | os.PathLike[str]) -> Iterator[str]:
    """A temp path beside ``path`` for code that writes a file by name (a video muxer); on
    success it is renamed to ``path``, on any error removed. Not made with mkstemp: its 0600
    mode would carry over to a published video. A killed writer leaves a ``.part`` file."""
    out = os.fspath(path)
    tmp = os.path.join(os.path.dirname(os.path.abspath(out)),
                       f".{os.path.basename(out)}.{uuid.uuid4().hex[:12]}.part")
    try:
        yield tmp
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
        raise
