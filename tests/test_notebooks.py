"""Execute the notebooks in notebooks/ in a real kernel (nbclient) and check what they show:
no errors, the panel (a widget view), the static summary, and every video it links to present
and playable. Adding a notebook is one line in NOTEBOOKS."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from code2video_jupyter.notebook.summary import MARKER
from code2video_jupyter.video import probe, read_frame

from .conftest import ROOT

WIDGET = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class Expect:
    panel: bool = False  # a widget view is among the outputs
    summary: bool = False  # a static summary with at least one video link
    exports: tuple[str, ...] = ()  # exported notebooks (relative to notebooks/) to execute too


NOTEBOOKS = [
    pytest.param("quickstart.ipynb", Expect(panel=True, summary=True,
                                            exports=("code2video_runs/quickstart-pythagoras.ipynb",)),
                 marks=pytest.mark.render, id="quickstart"),
    pytest.param("agents.ipynb", Expect(panel=True, summary=True),
                 marks=pytest.mark.render, id="agents"),
    pytest.param("evaluation.ipynb", Expect(), marks=pytest.mark.render, id="evaluation"),
]


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(nb, path.with_suffix(".executed.ipynb"))  # for a look after a failure
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def assert_playable(video: Path) -> None:
    assert video.is_file(), f"{video} is missing"
    info = probe(video)
    assert info.duration > 0.5 and info.frames > 5
    frame = read_frame(video, info.duration / 2)
    assert frame.std() > 1, f"{video} decodes to a blank frame"


@pytest.mark.parametrize(("name", "expect"), NOTEBOOKS)
def test_notebook(name: str, expect: Expect, tmp_path: Path) -> None:
    work = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns(
        "code2video_runs", ".ipynb_checkpoints", "*.executed.ipynb", "media"))
    nb = execute(work / name)
    outs = outputs(nb)
    errors = [o for o in outs if o.output_type == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""

    if expect.panel:
        assert any(WIDGET in o.get("data", {}) for o in outs), "no widget view (panel) in the outputs"
    summaries = [o["data"]["text/html"] for o in outs
                 if MARKER in o.get("data", {}).get("text/html", "")]
    if expect.summary:
        assert summaries, "no static summary in the outputs"
        assert any(re.search(r'src="data:image/png;base64,', s) for s in summaries)
    # every video a summary links to (by relative path, never embedded) is there and plays
    links = {link for s in summaries for link in re.findall(r'href="([^"?]+\.mp4)', s)}
    assert not expect.summary or links
    for link in sorted(links):
        assert_playable(work / link)
    # an exported notebook renders its sections with manim's own %%manim magic
    for export in expect.exports:
        ex = execute(work / export)
        html = [o["data"]["text/html"] for o in outputs(ex) if "text/html" in o.get("data", {})]
        videos = [m for h in html for m in re.findall(r'<video src="([^"]+\.mp4)"', h)]
        assert videos, "the exported notebook showed no video"
        for v in videos:
            assert_playable((work / export).parent / v)
