"""One sans face for all scaffold text; Pango falls back per character (CJK -> Noto CJK)."""

from __future__ import annotations

import functools

import manimpango
from manim import MarkupText, Paragraph, Text

PREFERRED = ("DejaVu Sans", "Noto Sans", "Liberation Sans")


@functools.cache
def _pick() -> str:
    available = set(manimpango.list_fonts())
    return next((f for f in PREFERRED if f in available), "Sans")


FONT = _pick()


def use_scaffold_font() -> None:
    for cls in (Text, MarkupText, Paragraph):
        cls.set_default(font=FONT)
