"""A small code editor widget: a plain textarea over a syntax-highlighted copy of its text.

An anywidget with a few lines of ES module (no bundler, no extension to install); where
anywidget is missing, an ipywidgets Textarea in a monospace font stands in.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ESM = HERE / "editor.js"
CSS = HERE / "editor.css"


@functools.cache
def _editor_class() -> type | None:
    try:
        import anywidget
        import traitlets
    except ImportError:
        return None

    class CodeEditor(anywidget.AnyWidget):
        _esm = ESM
        _css = CSS
        value = traitlets.Unicode("").tag(sync=True)
        rows = traitlets.Int(22).tag(sync=True)
        disabled = traitlets.Bool(False).tag(sync=True)

    return CodeEditor


def code_editor(value: str = "", rows: int = 22) -> Any:
    """An editor widget with a ``value`` trait (the code)."""
    cls = _editor_class()
    return cls(value=value, rows=rows) if cls is not None else _fallback(value, rows)


def _fallback(value: str, rows: int) -> Any:
    import ipywidgets as w

    area = w.Textarea(value=value, rows=rows, layout=w.Layout(width="100%"))
    area.add_class("c2v-mono")
    return area
