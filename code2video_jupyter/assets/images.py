"""A user's own image folder: found by the words in the file names."""

from __future__ import annotations

import re
from pathlib import Path

SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
_WORD = re.compile(r"[a-z0-9]+")


class ImageFolder:
    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise FileNotFoundError(f"image folder not found: {folder}")
        self.folder = folder

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.suffix.lower() in SUFFIXES)

    def search(self, query: str, limit: int = 5) -> list[Path]:
        terms = set(_WORD.findall(query.lower()))
        scored = []
        for p in self.files():
            words = set(_WORD.findall(p.stem.lower().replace("_", " ")))
            score = len(terms & words)
            if score:
                scored.append((score, p))
        scored.sort(key=lambda sp: (-sp[0], str(sp[1])))
        return [p for _, p in scored[:limit]]
