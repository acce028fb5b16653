"""The probe's contrast check: texts whose colour is too close to what they are drawn on (the
theme's background, or a filled shape under them). The render measures colours
(scaffold/inks.py, in the probe's dry run, into timeline.json's ``inks``); this judges them
with WCAG 2's ratios from ``thresholds``: 4.5:1 for text, 3:1 for large text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import thresholds as th
from ..quality import QUALITIES
from .findings import Finding, MobjectRef


def contrast_findings(timeline: Path | dict[str, Any] | None,
                      pixel_height: float | None = None) -> list[Finding]:
    """Findings from a probe's timeline.json (a path or its data); none if it has no inks."""
    data = timeline
    if isinstance(timeline, Path):
        try:
            data = json.loads(timeline.read_text())
        except (OSError, ValueError):
            return []
    if not isinstance(data, dict):
        return []
    height = float(pixel_height or data.get("pixel_height") or QUALITIES["l"].height)
    out: list[Finding] = []
    seen: set[tuple] = set()
    for ink in data.get("inks", []):
        large = (ink.get("glyph_px") or 0) >= th.LARGE_TEXT_FRAME_SHARE * height
        need = th.LARGE_TEXT_CONTRAST_MIN if large else th.TEXT_CONTRAST_MIN
        ratio = float(ink["ratio"])
        key = (ink.get("line"), ink.get("text"))
        if ratio >= need or key in seen:
            continue
        seen.add(key)  # one finding per text, at its worst-first-seen colour pair
        name = f'{ink["cls"]} "{ink["text"]}"' if ink.get("text") else ink["cls"]
        out.append(Finding(
            kind="low_contrast", severity="high" if ratio < th.CONTRAST_HIGH else "medium",
            message=f"{name} in {ink['ink']} on {ink['under']} has contrast {ratio:.1f}:1; "
                    f"{'large ' if large else ''}text needs {need}:1 (use the theme's colours)",
            mobjects=[MobjectRef(cls=ink["cls"], text=ink.get("text") or None,
                                 source_line=ink.get("line"), bbox=tuple(ink["bbox"]))],
            source_line=ink.get("line"), animation=0, time=float(ink.get("time", 0.0)),
            last_time=float(ink.get("time", 0.0)), bboxes=[tuple(ink["bbox"])], value=round(ratio, 3),
        ))
    return out
