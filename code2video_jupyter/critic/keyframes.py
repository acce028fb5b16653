"""Keyframes: one frame at the end of each lecture-line block of a rendered section, read with
PyAV from section.mp4 at the block's end time (from timeline.json) minus half a frame, so the
frame shown is the block's last one and never the next block's first. Each comes with the
anchor grid drawn over it and the block's grid occupancy: images, so any vision model can read
them, not only video-capable ones. Nothing here writes a file: ``keyframe_files`` gives their
contents, which the run store (or the evaluation, for its own folder) writes."""

from __future__ import annotations

import io
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

    def file_names(self) -> tuple[str, str]:
        """(the frame, the frame with the anchor grid) as PNG file names."""
        return f"block_{self.block:02d}.png", f"block_{self.block:02d}_grid.png"


def load_timeline(timeline: str | os.PathLike[str] | dict[str, Any]) -> dict[str, Any]:
    if isinstance(timeline, dict):
        return timeline
    return json.loads(Path(timeline).read_text(encoding="utf-8"))


def keyframe_times(timeline: dict[str, Any]) -> list[tuple[int, float]]:
    """(block index, time) of each block's last frame: its end minus half a frame."""
    half = 0.5 / float(timeline.get("fps") or 15)
    return [(b["index"], max(b["start"], b["end"] - half, 0.0)) for b in timeline.get("blocks", [])]


def extract_keyframes(video: str | os.PathLike[str],
                      timeline: str | os.PathLike[str] | dict[str, Any]) -> list[Keyframe]:
    """One keyframe per block, with its image (not yet saved anywhere)."""
    tl = load_timeline(timeline)
    times = keyframe_times(tl)
    occupancy = {o.block: o for o in grid_occupancy(tl)}
    frames = read_frames(video, [t for _, t in times])
    return [Keyframe(block=block, line=occupancy[block].line, time=t, occupancy=occupancy[block],
                     image=image) for (block, t), image in zip(times, frames, strict=True)]


def keyframe_files(keyframes: list[Keyframe], folder: str | os.PathLike[str]) -> dict[str, bytes]:
    """What to write into ``folder`` for these keyframes: ``block_NN.png``, ``block_NN_grid.png``
    and ``occupancy.json`` (file name -> content). Sets each keyframe's paths to those files."""
    from PIL import Image

    folder = Path(folder)
    files: dict[str, bytes] = {}
    for kf in keyframes:
        plain, grid = kf.file_names()
        kf.path, kf.grid_path = str(folder / plain), str(folder / grid)
        files[plain] = _png(Image.fromarray(kf.image))
        files[grid] = _png(draw_grid(kf.image, kf.occupancy.cells))
    files["occupancy.json"] = json.dumps([kf.model_dump(mode="json") for kf in keyframes],
                                         indent=1).encode("utf-8")
    return files


def _png(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
