"""Versions and fingerprints that decide when renders are stale."""

from __future__ import annotations

import functools
import platform
import shutil
from importlib import metadata
from pathlib import Path

from . import __version__
from .store.hashing import tree_sha

PACKAGE = Path(__file__).resolve().parent


@functools.cache
def scaffold_fingerprint() -> str:
    """Hash of everything a render's pixels depend on besides the scene itself."""
    files = [*(PACKAGE / "scaffold").glob("*.py"), PACKAGE / "layout_grid.py", PACKAGE / "thresholds.py"]
    return tree_sha(files)


def versions() -> dict[str, str]:
    # LaTeX is looked up each time: installing it must make equation renders stale.
    return {**_package_versions(),
            "latex": "yes" if shutil.which("latex") and shutil.which("dvisvgm") else "no"}


@functools.cache
def _package_versions() -> dict[str, str]:
    def v(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "code2video-jupyter": __version__,
        "manim": v("manim"),
        "av": v("av"),
        "piper-tts": v("piper-tts"),
        # the default voice; a run's narration stage records the voice it actually used
        "voice": _default_voice(),
        "pydantic": v("pydantic"),
        "python": platform.python_version(),
        "scaffold": scaffold_fingerprint(),
    }


def _default_voice() -> str:
    from .narration.voices import default_voice_summary

    return default_voice_summary()
