"""Offline icons: the Lucide set (ISC licence) as shipped in the python-lucide package, an
SQLite file with every icon's SVG, tags and categories. Searched by keyword; no network.

Lucide (a community fork of Feather) has the same thin-stroke style as Tabler icons and comes
with tags, which is what keyword search needs.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

# Stroke colour of exported icons: the scaffold's light foreground on its dark background.
DEFAULT_COLOR = "#E8E8E8"
_WORD = re.compile(r"[a-z0-9]+")
# Words that match half the library and say nothing about a picture.
_STOP = frozenset(["a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "by", "from", "is", "are", "be", "as", "at", "or", "its", "it", "this", "that", "how", "what", "why", "when", "we", "you", "our", "your"])


class IconNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Icon:
    name: str
    tags: tuple[str, ...]
    score: float = 0.0


class IconLibrary:
    """Search and export Lucide icons. Read-only; safe to share between threads per call."""

    def __init__(self, db: Path | None = None) -> None:
        self.db = db or Path(str(resources.files("lucide").joinpath("data", "lucide-icons.db")))

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)

    @cached_property
    def version(self) -> str:
        with self._connect() as c:
            row = c.execute("select value from metadata where key='version'").fetchone()
        return f"lucide {row[0]}" if row else "lucide"

    @cached_property
    def _index(self) -> dict[str, set[str]]:
        """icon name -> its words (from the name, tags, categories and aliases)."""
        words: dict[str, set[str]] = {}
        with self._connect() as c:
            for (name,) in c.execute("select name from icons"):
                words[name] = set(_WORD.findall(name))
            for table, col in (("icon_tags", "tag"), ("icon_categories", "category"),
                               ("icon_aliases", "alias")):
                for name, value in c.execute(f"select name, {col} from {table}"):
                    if name in words:
                        words[name] |= set(_WORD.findall(value.lower()))
        return words

    def names(self) -> list[str]:
        return sorted(self._index)

    def search(self, query: str, limit: int = 8) -> list[Icon]:
        """Icons ranked by how many of the query's words they carry (name words count double)."""
        terms = [w for w in _WORD.findall(query.lower()) if w not in _STOP and len(w) > 1]
        if not terms:
            return []
        scored = []
        for name, words in self._index.items():
            name_words = set(_WORD.findall(name))
            score = 0.0
            for t in terms:
                stem = t.rstrip("s")
                if t in name_words or stem in name_words:
                    score += 2
                elif t in words or stem in words:
                    score += 1
            if score:
                # Shorter names are the general icon; longer ones are variants (circle-x, ...).
                scored.append(Icon(name, tuple(sorted(words - name_words))[:6], score - 0.01 * len(name)))
        scored.sort(key=lambda i: (-i.score, i.name))
        return scored[:limit]

    def svg(self, name: str, color: str = DEFAULT_COLOR) -> str:
        """The icon as SVG with a concrete colour (manim does not resolve currentColor)."""
        with self._connect() as c:
            row = c.execute("select svg from icons where name=?", (name,)).fetchone()
            if row is None:
                alias = c.execute("select name from icon_aliases where alias=?", (name,)).fetchone()
                if alias:
                    row = c.execute("select svg from icons where name=?", (alias[0],)).fetchone()
        if row is None:
            close = difflib.get_close_matches(name, self.names(), 3, 0.6)
            close = list(dict.fromkeys(close + [i.name for i in self.search(name.replace("-", " "), 5)]))[:5]
            hint = f"; similar: {', '.join(close)}" if close else ""
            raise IconNotFound(f"no icon named '{name}'{hint}")
        return row[0].replace("currentColor", color)
