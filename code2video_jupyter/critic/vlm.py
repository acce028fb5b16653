"""The vision-model Critic: keyframes with the anchor grid (images, so any vision model works,
not only video-capable ones), the storyboard section, the probe's findings and the grid
occupancy; it answers fixes as JSON."""

from __future__ import annotations

import base64
import io
import json

from ..contracts.storyboard import Section
from ..gateway import Gateway
from ..gateway.records import CallRecord
from ..prompts import load, render
from .findings import LayoutReport
from .fixes import Critique
from .keyframes import Keyframe


def _data_url(kf: Keyframe, grid: bool = True) -> str:
    from PIL import Image

    from .grid_overlay import draw_grid

    if not grid:  # the frame as rendered
        image = Image.open(kf.path) if kf.path else Image.fromarray(kf.image)
    else:
        image = Image.open(kf.grid_path) if kf.grid_path else draw_grid(kf.image, kf.occupancy.cells)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def critic_messages(section: Section, keyframes: list[Keyframe], report: LayoutReport,
                    placements: dict[int, str], anchors: bool = True) -> list[dict]:
    findings = "\n".join(f"- line {f.source_line}: {f.kind} ({f.severity}) at {f.time:.1f} s: {f.message}"
                         for f in report.findings) or "- none"
    occupancy = "\n".join(
        f"- block {kf.block} \"{kf.line}\": " + (", ".join(
            f"{p.kind} at {p.where} (line {p.source_line}, covers {' '.join(p.cells)})"
            for p in kf.occupancy.placements) or "nothing placed")
        for kf in keyframes) or "- no blocks"
    lines = "\n".join(f"- line {n}: {text}" for n, text in sorted(placements.items())) or "- none"
    text = render("critic", section=section.model_dump_json(indent=1, exclude_none=True),
                  findings=findings, occupancy=occupancy, placements=lines,
                  grid_note=load("critic_grid_anchors" if anchors else "critic_grid_free").strip())
    content: list[dict] = [{"type": "text", "text": text}]
    for kf in keyframes:
        content.append({"type": "text", "text": f"Keyframe of block {kf.block} at {kf.time:.2f} s:"})
        content.append({"type": "image_url", "image_url": {"url": _data_url(kf, anchors)}})
    return [{"role": "user", "content": content}]


def critique(gw: Gateway, section: Section, keyframes: list[Keyframe], report: LayoutReport,
             placements: dict[int, str], attempt: int = 0,
             anchors: bool = True) -> tuple[Critique, list[CallRecord]]:
    messages = critic_messages(section, keyframes, report, placements, anchors)
    return gw.complete_json("critic", messages, Critique, stage="critic", section=section.id,
                            attempt=attempt)


def summary(critique: Critique) -> str:
    return json.dumps(critique.model_dump(), ensure_ascii=False)
