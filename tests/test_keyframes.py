"""Keyframes: one real frame at the end of each lecture-line block, read from a real -ql render,
with the A1..F6 anchor grid drawn over it, and the grid occupancy from the recorded placements."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from code2video_jupyter import layout_grid as grid
from code2video_jupyter.critic.grid_overlay import GRID_COLOUR, draw_grid, grid_occupancy, to_pixels
from code2video_jupyter.critic.keyframes import extract_keyframes, keyframe_files, keyframe_times
from code2video_jupyter.sandbox import RenderRequest, render_in_sandbox
from code2video_jupyter.video import probe

from .conftest import ROOT

SCENE = ROOT / "tests" / "layout_corpus" / "good" / "lecture_basic.py"


def _timeline(blocks, fps=15):
    return {"fps": fps, "blocks": blocks}


def test_keyframe_times_are_half_a_frame_before_each_block_end():
    tl = _timeline([{"index": 0, "start": 0.0, "end": 2.0, "placements": []},
                    {"index": 1, "start": 2.0, "end": 2.02, "placements": []}], fps=10)
    assert keyframe_times(tl) == [(0, pytest.approx(1.95)), (1, pytest.approx(2.0))]  # never before the start


def test_occupancy_lists_the_cells_each_placement_covers():
    a = grid.area_rect("A1", "B2")
    inset = [a.left + 0.1, a.bottom + 0.1, a.right - 0.1, a.top - 0.1]
    c = grid.cell_rect("E5")
    tl = _timeline([{"index": 0, "text": "one", "start": 0, "end": 1, "placements": [
        {"where": "A1:B2", "kind": "Circle", "bbox": inset, "source_line": 12},
        {"where": "E5", "kind": "Text", "bbox": [c.left + 0.2, c.bottom + 0.2, c.right - 0.2, c.top - 0.2],
         "source_line": 14}]}])
    (occ,) = grid_occupancy(tl)
    assert [p.cells for p in occ.placements] == [["A1", "A2", "B1", "B2"], ["E5"]]
    assert occ.cells == ["A1", "A2", "B1", "B2", "E5"] and occ.line == "one"


def test_grid_overlay_draws_lines_and_names_on_a_copy():
    frame = np.zeros((480, 854, 3), dtype=np.uint8)
    img = draw_grid(frame, occupied=["C3"])
    assert img.size == (854, 480) and frame.max() == 0  # the input is untouched
    px = np.asarray(img).astype(int)
    x, _ = to_pixels(grid.CANVAS.left, 0, 854, 480)
    _, y = to_pixels(0, grid.CANVAS.top - 2.5 * grid.CELL_H, 854, 480)  # on the left grid line
    r, g, b = px[int(y), int(x) - 1:int(x) + 2].max(axis=0)  # the line is 1-2 px wide
    assert r > 90 and b > 50 and g < r / 2, (r, g, b)  # magenta-ish
    # the occupied cell is tinted, a free one is not
    cx, cy = to_pixels(*grid.cell_rect("C3").center, 854, 480)
    fx, fy = to_pixels(*grid.cell_rect("F6").center, 854, 480)
    assert px[int(cy), int(cx)].sum() > 0 and px[int(fy), int(fx)].sum() == 0
    # each cell's name is drawn in its top-left corner: text pixels in the GRID_COLOUR there
    left, top = to_pixels(grid.cell_rect("D4").left, grid.cell_rect("D4").top, 854, 480)
    corner = px[int(top) + 2:int(top) + 18, int(left) + 2:int(left) + 30]
    assert (np.abs(corner - np.array(GRID_COLOUR)).sum(axis=2) < 60).any()


@pytest.mark.render
def test_keyframes_from_a_real_render(tmp_path):
    result = render_in_sandbox(RenderRequest(scene_file=str(SCENE), quality="l"),
                               keep_workdir=str(tmp_path / "work"))
    assert result.ok, result.summary()
    tl = json.loads(Path(result.timeline).read_text())
    info = probe(result.video)
    out = tmp_path / "keyframes"
    kfs = extract_keyframes(result.video, result.timeline)
    out.mkdir()
    for name, data in keyframe_files(kfs, out).items():
        (out / name).write_bytes(data)

    assert [k.block for k in kfs] == [b["index"] for b in tl["blocks"]] == [0, 1, 2]
    for k, b in zip(kfs, tl["blocks"], strict=True):
        assert k.time == pytest.approx(b["end"] - 0.5 / tl["fps"])
        assert k.time < info.duration
        assert k.image.shape == (info.height, info.width, 3) == (480, 854, 3)
        grid_img = json.loads((out / "occupancy.json").read_text())[k.block]
        assert grid_img["grid_path"].endswith(f"block_{k.block:02d}_grid.png")
        from PIL import Image

        assert Image.open(k.grid_path).size == (info.width, info.height)

    # occupancy from the placements the scene made at run time
    occ = [k.occupancy for k in kfs]
    assert [p.where for p in occ[0].placements] == ["A1:C3", "D2"]
    assert set(occ[0].placements[0].cells) <= {f"{r}{c}" for r in "ABC" for c in "123"}
    assert "B2" in occ[0].placements[0].cells and occ[0].placements[1].cells == ["D2"]
    assert set(occ[1].cells) <= {f"{r}{c}" for r in "ABC" for c in "456"} and "B5" in occ[1].cells
    assert set(occ[2].cells) <= {f"{r}{c}" for r in "EF" for c in "456"}

    # the frames are the ends of their blocks: the square (block 1) is not there yet at the end
    # of block 0, and is drawn at the end of block 1
    left, bottom, right, top = occ[1].placements[0].bbox
    x0, y0 = to_pixels(left, top, 854, 480)
    x1, y1 = to_pixels(right, bottom, 854, 480)

    def edge_brightness(img: np.ndarray) -> float:
        # the square's left edge: a vertical stripe a few pixels wide
        return float(img[int(y0) + 5:int(y1) - 5, int(x0) - 2:int(x0) + 3].mean())

    assert edge_brightness(kfs[0].image) < 10 < edge_brightness(kfs[1].image)
