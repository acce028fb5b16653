"""SRT and WebVTT from the same timings as the picture: each line's narration starts with its
block (timeline.json), and a long narration is split into readable cues at sentence or clause
boundaries, its speaking time shared out by length."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_CUE_CHARS = 84  # two subtitle lines of ~42 characters


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    line: int | None = None  # index of the lecture line (within its section) it belongs to


def split_text(text: str, limit: int = MAX_CUE_CHARS) -> list[str]:
    """Pieces of at most ``limit`` characters, broken after sentences, then clauses, then words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    for sentence in re.split(r"(?<=[.!?。！？])\s+", text):
        if len(sentence) <= limit:
            pieces.append(sentence)
            continue
        for clause in re.split(r"(?<=[,;:，；：])\s+", sentence):
            if len(clause) <= limit:
                pieces.append(clause)
                continue
            cur = ""
            for word in clause.split(" "):
                if cur and len(cur) + 1 + len(word) > limit:
                    pieces.append(cur)
                    cur = word
                else:
                    cur = f"{cur} {word}" if cur else word
            if cur:
                pieces.append(cur)
    # Merge neighbours that fit together, so short sentences do not flash by.
    merged: list[str] = []
    for p in pieces:
        if merged and len(merged[-1]) + 1 + len(p) <= limit:
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    return merged


def line_cues(start: float, speech: float, end: float, text: str, line: int | None = None) -> list[Cue]:
    """Cues for one line: from its block's start, over its speaking time (within the block)."""
    pieces = split_text(text)
    if not pieces:
        return []
    stop = min(end, start + speech) if speech > 0 else end
    total = sum(len(p) for p in pieces)
    cues, t = [], start
    for i, p in enumerate(pieces):
        nxt = stop if i == len(pieces) - 1 else t + (stop - start) * len(p) / total
        cues.append(Cue(t, nxt, p, line))
        t = nxt
    return cues


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``."""
    blocks = [f"{i}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n"
              for i, c in enumerate(cues, start=1)]
    return "\n".join(blocks)


def to_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT (what browsers and the notebook panel's players show as captions)."""
    out = ["WEBVTT", ""]
    for c in cues:
        text = c.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out += [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}", text, ""]
    return "\n".join(out)


_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{3})")


def parse_time(stamp: str) -> float:
    m = _TIME.fullmatch(stamp.strip())
    if not m:
        raise ValueError(f"not a subtitle time: {stamp!r}")
    h, mi, s, ms = (int(x) for x in m.groups())
    return h * 3600 + mi * 60 + s + ms / 1000


def parse_srt(text: str) -> list[Cue]:
    """Read SRT (or WebVTT) back into cues: for tests and tools."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        rows = block.strip().splitlines()
        for i, row in enumerate(rows):
            if "-->" in row:
                a, b = row.split("-->")
                cues.append(Cue(parse_time(a), parse_time(b.split()[0]), "\n".join(rows[i + 1:])))
                break
    return cues


__all__ = ["Cue", "line_cues", "parse_srt", "parse_time", "split_text", "to_srt", "to_vtt"]
