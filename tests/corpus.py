"""The repair corpus (tests/repair_corpus/): broken manim programs written from documented
real failure patterns, and correct scenes that must pass the gate untouched."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "repair_corpus"
_HEADER = re.compile(r'\A\s*"""(.*?)"""\n', re.S)


@dataclass
class Case:
    path: Path
    category: str
    error: str
    line: int | None
    expect_static: bool
    source: str  # the file without its metadata docstring: what a model would have written
    offset: int  # lines removed with the docstring

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def body_line(self) -> int | None:
        return None if self.line is None else self.line - self.offset


def _meta(header: str) -> dict:
    """``key: value`` lines (values may hold colons: error messages do)."""
    out = {}
    for line in header.strip().splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    out["line"] = int(out["line"]) if out.get("line", "").isdigit() else None
    out["expect_static"] = out.get("expect_static", "").lower() == "true"
    return out


def load(kind: str) -> list[Case]:
    cases = []
    for path in sorted((CORPUS / kind).glob("*.py")):
        text = path.read_text(encoding="utf-8")
        m = _HEADER.match(text)
        meta = _meta(m.group(1)) if m else {}
        body = text[m.end():] if m else text
        offset = text[: m.end()].count("\n") if m else 0
        cases.append(Case(path, meta.get("category", kind), str(meta.get("error", "")),
                          meta.get("line"), bool(meta.get("expect_static", False)), body, offset))
    return cases
