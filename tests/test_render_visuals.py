"""Every visual kind renders for real; what a viewer sees is checked on decoded frames."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from code2video_jupyter import layout_grid as grid
from code2video_jupyter.video import probe, read_frame

from .conftest import run_lesson, write_lesson
from .test_lesson_parser import ALL_KINDS

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def all_kinds_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("allkinds")
    Image.new("RGB", (64, 48), (200, 40, 40)).save(folder / "pic.png")
    lesson = write_lesson(folder, ALL_KINDS)
    summary, rec = run_lesson(lesson, folder / "run")
    return summary, rec


def test_every_kind_renders_and_assembles(all_kinds_run):
    summary, rec = all_kinds_run
    assert summary.failed == [] and summary.rendered == [1, 2]
    info = probe(summary.video)
    assert (info.width, info.height, info.n_video_streams) == (854, 480, 1)
    parts = [probe(summary.folder / f"sections/0{i}/render/l/section.mp4").duration for i in (1, 2)]
    assert abs(info.duration - sum(parts)) <= 1 / 15 + 1e-6


def _timeline(summary, sid):
    return json.loads((summary.folder / f"sections/{sid:02d}/render/l/timeline.json").read_text())


def test_timeline_records_blocks_and_placements_inside_the_canvas(all_kinds_run):
    summary, _ = all_kinds_run
    for sid in (1, 2):
        tl = _timeline(summary, sid)
        assert [b["index"] for b in tl["blocks"]] == list(range(len(tl["lines"])))
        for a, b in zip(tl["blocks"], tl["blocks"][1:], strict=False):
            assert a["end"] <= b["start"] + 1e-9
        for block in tl["blocks"]:
            for p in block["placements"]:
                left, bottom, right, top = p["bbox"]
                assert grid.CANVAS.left - 1e-3 <= left and right <= grid.CANVAS.right + 1e-3, p
                assert grid.CANVAS.bottom - 1e-3 <= bottom and top <= grid.CANVAS.top + 1e-3, p
                assert p["source_line"] is not None
        assert tl["warnings"] == []


def _region(frame: np.ndarray, rect: grid.Rect, y_top: float, y_bottom: float) -> np.ndarray:
    """Pixels of the lecture-line panel between two heights (manim units)."""
    h, w, _ = frame.shape
    sx = w / grid.FRAME_WIDTH
    sy = h / grid.FRAME_HEIGHT
    x0 = int((rect.left + grid.FRAME_WIDTH / 2) * sx)
    x1 = int((rect.right + grid.FRAME_WIDTH / 2) * sx)
    y0 = int((grid.FRAME_HEIGHT / 2 - y_top) * sy)
    y1 = int((grid.FRAME_HEIGHT / 2 - y_bottom) * sy)
    return frame[y0:y1, x0:x1]


def test_current_lecture_line_is_highlighted(all_kinds_run):
    """In each block, the first line's text is yellow while it is current, grey afterwards."""
    summary, _ = all_kinds_run
    tl = _timeline(summary, 1)
    video = summary.folder / "sections/01/render/l/section.mp4"
    first_line = (grid.BODY_TOP, grid.BODY_TOP - 0.45)

    def yellowness(t: float) -> float:
        px = _region(read_frame(video, t), grid.LINES_PANEL, *first_line).astype(float)
        lit = px[px.max(axis=2) > 90]  # text pixels only
        return float(np.mean(lit[:, 0] + lit[:, 1] - 2 * lit[:, 2])) if len(lit) else 0.0

    b0, b1 = tl["blocks"][0], tl["blocks"][1]
    during = yellowness((b0["start"] + b0["end"]) / 2)
    after = yellowness((b1["start"] + b1["end"]) / 2)
    assert during > 100 > after, (during, after)


def test_no_latex_falls_back_to_text(tmp_path, monkeypatch):
    """With latex hidden from PATH, equations still render (Pango fallback) and doctor says so."""
    import os

    from code2video_jupyter.doctor import checks

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in os.listdir("/usr/bin"):
        if name not in ("latex", "dvisvgm", "pdflatex", "lualatex", "xelatex"):
            os.symlink(f"/usr/bin/{name}", bin_dir / name)
    monkeypatch.setenv("PATH", str(bin_dir))
    latex = next(c for c in checks() if c.name.startswith("LaTeX"))
    assert not latex.ok and "fallback" in latex.detail
    lesson = write_lesson(tmp_path, "# T\n\n## S\n- eq\n  ```equation\n  \\frac{a}{b} = c^2\n  ```\n"
                                    "- matrix\n  ```matrix\n  rows: [[1, 2], [3, 4]]\n  ```\n")
    summary, _ = run_lesson(lesson, tmp_path / "run")
    assert summary.failed == []
    # the equation was drawn by Pango, not LaTeX (with LaTeX the placement would be a MathTex)
    kinds = [p["kind"] for b in _timeline(summary, 1)["blocks"] for p in b["placements"]]
    assert kinds[0] == "Text", kinds
    assert json.loads((summary.folder / "run.json").read_text())["versions"]["latex"] == "no"
