"""Keyframes: one frame at the end of each lecture-line block of a rendered section, read with
PyAV from section.mp4 at the block's end time (from timeline.json) minus half a frame, so the
frame shown is the block's last one and never the next block's first. Each comes with the
anchor grid drawn over it and the block's grid occupancy: images, so any vision model can read
them, not only video-capable ones."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..video import read_frames
from .grid_overlay import BlockOccupancy, draw_grid, grid_occupancy


class Keyframe(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    block: int
    line: str
    time: float = Field(description="Seconds into the section video.")
    occupancy: BlockOccupancy
    image: np.ndarray | None = Field(default=None, exclude=True, description="RGB, HxWx3.")
    path: str | None = Field(default=None, description="PNG of the frame, if written.")
    grid_path: str | None = Field(default=None, description="PNG with the anchor grid, if written.")


def load_timeline(timeline: str | os.PathLike[str] | dict[str, Any]) -> dict[str, Any]:
    if isinstance(timeline, dict):
        return timeline
    return json.loads(Path(timeline).read_text(encoding="utf-8"))


def keyframe_times(timeline: dict[str, Any]) -> list[tuple[int, float]]:
    """(block index, time) of each block's last frame: its end minus half a frame."""
    half = 0.5 / float(timeline.get("fps") or 15)
    return [(b["index"], max(b["start"], b["end"] - half, 0.0)) for b in timeline.get("blocks", [])]


def extract_keyframes(video: str | os.PathLike[str], timeline: str | os.PathLike[str] | dict[str, Any],
                      out_dir: str | os.PathLike[str] | None = None) -> list[Keyframe]:
    """One keyframe per block. With ``out_dir``, writes ``block_NN.png``, ``block_NN_grid.png``
    and ``occupancy.json`` there as well."""
    tl = load_timeline(timeline)
    times = keyframe_times(tl)
    occupancy = {o.block: o for o in grid_occupancy(tl)}
    frames = read_frames(video, [t for _, t in times])
    out_path = Path(out_dir) if out_dir is not None else None
    if out_path is not None:
        out_path.mkdir(parents=True, exist_ok=True)
    keyframes = []
    for (block, t), image in zip(times, frames, strict=True):
        occ = occupancy[block]
        kf = Keyframe(block=block, line=occ.line, time=t, occupancy=occ, image=image)
        if out_path is not None:
            from PIL import Image

            kf.path = str(out_path / f"block_{block:02d}.png")
            kf.grid_path = str(out_path / f"block_{block:02d}_grid.png")
            Image.fromarray(image).save(kf.path)
            draw_grid(image, occ.cells).save(kf.grid_path)
        keyframes.append(kf)
    if out_path is not None:
        (out_path / "occupancy.json").write_text(json.dumps(
            [kf.model_dump(mode="json") for kf in keyframes], indent=1), encoding="utf-8")
    return keyframes
