"""Numbered revisions of one artifact (the storyboard, or one section's scene.py).

Layout: revisions/<artifact>/NNNN<ext> holds the content, NNNN.meta.json says where it came
from (source, reason) and the hash of the inputs it was made from.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from . import atomic
from .hashing import sha

Source = Literal["lesson", "compiler", "agent", "user", "critic", "fallback"]
AUTOMATIC: frozenset[str] = frozenset({"lesson", "compiler", "agent", "critic", "fallback"})


class Revision(BaseModel):
    number: int
    source: Source
    reason: str
    input_hash: str | None = Field(description="Hash of the inputs it was made from.")
    content_hash: str
    created: str


class RevisionLog:
    def __init__(self, folder: Path, ext: str) -> None:
        self.folder = folder
        self.ext = ext

    def all(self) -> list[Revision]:
        if not self.folder.is_dir():
            return []
        metas = sorted(self.folder.glob("*.meta.json"))
        return [Revision.model_validate_json(m.read_text()) for m in metas]

    def last(self) -> Revision | None:
        revs = self.all()
        return revs[-1] if revs else None

    def get(self, number: int) -> Revision:
        meta = self.folder / f"{number:04d}.meta.json"
        if not meta.exists():
            known = ", ".join(str(r.number) for r in self.all()) or "none"
            raise KeyError(f"no revision {number} (revisions: {known})")
        return Revision.model_validate_json(meta.read_text())

    def content(self, number: int) -> str:
        return (self.folder / f"{number:04d}{self.ext}").read_text(encoding="utf-8")

    def add(self, content: str, source: Source, reason: str, input_hash: str | None) -> Revision:
        last = self.last()
        rev = Revision(
            number=(last.number + 1) if last else 1,
            source=source,
            reason=reason,
            input_hash=input_hash,
            content_hash=sha(content),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        # Content first, then meta: a revision without meta is invisible and gets overwritten.
        atomic.write_text(self.folder / f"{rev.number:04d}{self.ext}", content)
        atomic.write_text(self.folder / f"{rev.number:04d}.meta.json", rev.model_dump_json(indent=2))
        return rev
