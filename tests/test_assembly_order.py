"""Twelve sections join in numeric order (section 10 after 9, never after 1)."""

from __future__ import annotations

import numpy as np
import pytest

from code2video_jupyter.video import probe, read_frame

from .conftest import run_lesson, write_lesson

pytestmark = pytest.mark.render

COLORS = ["#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4",
          "#46f0f0", "#f032e6", "#bcf60c", "#fabebe", "#008080", "#e6beff"]


def test_twelve_sections_in_numeric_order(tmp_path):
    sections = "\n".join(
        f"## Part {i}\n- Section number {i}\n  ```shape\n  shape: square\n  size: 4\n"
        f"  fill: true\n  color: \"{COLORS[i - 1]}\"\n  ```\n" for i in range(1, 13))
    lesson = write_lesson(tmp_path, f"# Twelve\n\n{sections}")
    summary, _ = run_lesson(lesson, tmp_path / "run")
    assert summary.failed == [] and summary.rendered == list(range(1, 13))
    final = probe(summary.video)
    offset = 0.0
    for i in range(1, 13):
        part = summary.folder / f"sections/{i:02d}/render/l/section.mp4"
        d = probe(part).duration
        t = d * 0.9  # the square is fully drawn by then
        expected = read_frame(part, t).astype(int)
        got = read_frame(summary.video, offset + t).astype(int)
        assert np.abs(expected - got).mean() < 3, f"section {i} is not at {offset:.2f} s"
        offset += d
    assert abs(final.duration - offset) <= 1 / 15 + 1e-6
    assert final.frames == sum(probe(summary.folder / f"sections/{i:02d}/render/l/section.mp4").frames
                               for i in range(1, 13))
