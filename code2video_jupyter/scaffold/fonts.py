"""One sans face for all scaffold text; Pango falls back per character (CJK -> Noto CJK).
A theme may name another family (scaffold/theme.py applies it)."""

from __future__ import annotations

import functools

import manimpango
from manim import MarkupText, Paragraph, Text

PREFERRED = ("DejaVu Sans", "Noto Sans", "Liberation Sans")


@functools.cache
def _installed() -> frozenset[str]:
    return frozenset(manimpango.list_fonts())


@functools.cache
def _pick() -> str:
    return next((f for f in PREFERRED if f in _installed()), "Sans")


FONT = _pick()


def font_available(family: str) -> bool:
    return family in _installed()


def use_scaffold_font() -> None:
    for cls in (Text, MarkupText, Paragraph):
        cls.set_default(font=FONT)
