"""code2video-jupyter: a topic or a lesson outline in a notebook cell -> an educational Manim video.

Importing this package is cheap: manim is loaded only by the sandboxed render workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

__version__ = "0.1.0"


def load_ipython_extension(ipython: InteractiveShell) -> None:
    """``%load_ext code2video_jupyter``: registers ``%%code2video`` (imports nothing heavy)."""
    from .notebook.magic import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: InteractiveShell) -> None:
    from .notebook.magic import unload_ipython_extension as unload

    unload(ipython)
