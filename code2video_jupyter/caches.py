"""The user's cache folder, shared by all runs: compiled LaTeX, model replies, speech, the
manim namespace index. ``$C2V_CACHE_DIR`` moves it (tests give each session its own)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .store import atomic


def cache_root() -> Path:
    return Path(os.environ.get("C2V_CACHE_DIR") or Path.home() / ".cache" / "code2video-jupyter")


def tex_cache_dir() -> Path:
    """One TeX cache for every section and run: each formula is compiled once."""
    path = cache_root() / "tex"
    path.mkdir(parents=True, exist_ok=True)
    return path


def publish_tex(tex_dir: Path) -> None:
    """Share newly compiled formulas, each written whole (readers never see half of one)."""
    if not tex_dir.is_dir():
        return
    cache = tex_cache_dir()
    for f in tex_dir.glob("*.svg"):
        target = cache / f.name
        if not target.exists():
            # publishing, not mkstemp: the sandbox (maybe another user) must read the file
            with atomic.publishing(target) as tmp:
                shutil.copyfile(f, tmp)
