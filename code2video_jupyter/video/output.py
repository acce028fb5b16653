"""Video files appear whole or not at all: written under a temp name, then renamed."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator


@contextlib.contextmanager
def video_output(out_path: str | os.PathLike[str]) -> Iterator[str]:
    """Yield a temp path beside ``out_path``; on success it is renamed to ``out_path``, on any
    error removed. The temp file sits in the destination folder so the rename is atomic, and
    is not made with mkstemp: its 0600 mode would carry over to the published video. A run
    killed mid-write leaves a ``.part`` file that the run store sweeps."""
    out_path = os.fspath(out_path)
    tmp = os.path.join(os.path.dirname(os.path.abspath(out_path)),
                       f".{os.path.basename(out_path)}.{uuid.uuid4().hex[:12]}.part")
    try:
        yield tmp
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
        raise
