"""The notebook surface: the ``%%code2video`` magic, the run panel, the static summary, export.

Importing this package is cheap (no manim, no litellm, no ipywidgets): the magic loads the
pipeline and the widgets when a cell first needs them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_ipython_extension"]


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext code2video_jupyter.notebook`` (the same as ``%load_ext code2video_jupyter``)."""
    from .magic import load_ipython_extension as load

    load(ipython)
