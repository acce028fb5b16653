"""A course: a folder of lesson outlines built on the batch runner (a Dask cluster on loopback,
then the local pool), a presentation and a poster per lesson, one course page, and building
again renders nothing, as the run stores' revisions and the runs' own events show; an edited
outline renders only what it changed. The four example lessons, with the page in a browser:
tests/test_course_browser.py."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from code2video_jupyter.course import build_course, course_summary_html, read_course, read_lessons
from code2video_jupyter.lesson.errors import LessonError
from code2video_jupyter.store import RunReader

from .conftest import require_module, write_lesson

ONE = """
# Circles

## A circle
- A circle is round
  ```shape
  shape: circle
  ```
"""

TWO = """
# Squares

## A square
- A square has four sides
  ```shape
  shape: square
  ```

## Its area
- The area is the side squared
  ```equation
  A = s^2
  ```
"""


def write_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_lesson(folder, TWO, "02-squares.md")  # written first, listed second: file-name order
    write_lesson(folder, ONE, "01-circles.md")
    (folder / "README.md").write_text("# notes about this course, not a lesson\n")
    return folder


def snapshot(out: Path) -> dict[str, str]:
    """Every revision of every lesson run (the run store's history), by content."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.glob("lessons/*/run/revisions/**/*")) if p.is_file()}


def event_rows(out: Path) -> dict[str, int]:
    return {p.parent.name: len(p.read_text().splitlines()) for p in out.glob("lessons/*/events.jsonl")}


def new_events(out: Path, before: dict[str, int]) -> dict[str, list[dict]]:
    return {p.parent.name: [json.loads(x) for x in p.read_text().splitlines()[before.get(p.parent.name, 0):]]
            for p in out.glob("lessons/*/events.jsonl")}


def test_lessons_in_file_name_order_and_a_broken_outline_stops_it_all(tmp_path):
    folder = write_course(tmp_path / "algebra")
    specs = read_lessons(folder)
    assert [(s.key, s.topic) for s in specs] == [("01-circles", "Circles"), ("02-squares", "Squares")]
    assert all(Path(s.lesson).is_file() for s in specs)
    (folder / "03-broken.md").write_text("# Broken\n\n## A section\n- a line\n  ```shape\n  shape: [\n  ```\n")
    with pytest.raises(LessonError, match="03-broken.md"):
        build_course(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing ran


@pytest.mark.render
def test_a_course_builds_and_building_again_renders_nothing(tmp_path, monkeypatch):
    require_module("distributed", "the Dask executor: pip install 'code2video-jupyter[cluster]'")
    monkeypatch.chdir(tmp_path)
    folder = write_course(tmp_path / "algebra")
    out = tmp_path / "course"
    options = {"narration": False}
    first = build_course(folder, out, options=options, executor="dask", jobs=2)
    assert [x.key for x in first.course.lessons] == ["01-circles", "02-squares"]
    assert [(x.status, x.rendered, x.steps) for x in first.course.lessons] == [
        ("done", [1], 1), ("done", [1, 2], 2)]
    page = first.page.read_text()
    # in order, each with its title, storyboard, poster, video and presentation
    assert page.index("Circles") < page.index("Squares")
    assert "The area is the side squared" in page
    assert len(re.findall(r'poster="data:image/jpeg;base64,', page)) == 2
    for ref in re.findall(r'(?:src|href)="(lessons/[^"]+)"', page):
        assert (out / ref).is_file(), ref
    assert (out / "lessons/02-squares/present/index.html").is_file()
    assert read_course(out).lessons[1].presentation == "lessons/02-squares/present/index.html"

    revisions, rows = snapshot(out), event_rows(out)
    assert revisions  # the runs have a history to compare
    again = build_course(folder, out, options=options, executor="local", jobs=2)
    assert snapshot(out) == revisions  # no new revision of anything
    events = new_events(out, rows)
    renders = [e for es in events.values() for e in es
               if e["type"] == "stage_finished" and e["stage"] == "render"]
    assert renders and {e["status"] for e in renders} == {"cached"}  # every section looked at, none rendered
    assert not any(e["type"] == "model_call" for es in events.values() for e in es)
    assert [(x.rendered, x.clips_cut) for x in again.course.lessons] == [([], 0), ([], 0)]

    # an edited outline: that lesson renders the one section it changed, the other nothing
    lesson = folder / "02-squares.md"
    lesson.write_text(lesson.read_text().replace("The area is the side squared", "Area: side times side"))
    third = build_course(folder, out, options=options, jobs=2)
    assert [(x.key, x.rendered, x.clips_cut) for x in third.course.lessons] == [
        ("01-circles", [], 0), ("02-squares", [2], 1)]
    assert "Area: side times side" in third.page.read_text()
    board = RunReader.open(out / "lessons/02-squares/run").read_storyboard()
    assert board.sections[1].lecture_lines[0].text == "Area: side times side"

    # the notebook's summary of it: links relative to the notebook's folder (here tmp_path)
    summary = course_summary_html(out)
    assert summary.count("<tr style") == 2 and "course/index.html" in summary
    assert "course/lessons/01-circles/present/index.html" in summary


@pytest.mark.render
def test_batch_takes_a_folder_of_lessons_and_the_magic_shows_the_course(tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from code2video_jupyter.cli.main import main as cli_main

    monkeypatch.chdir(tmp_path)
    folder = write_course(tmp_path / "algebra")
    (folder / "02-squares.md").unlink()
    assert cli_main(["batch", str(folder), "--out", "built", "-j", "1", "--no-narration"]) == 0
    assert read_course(tmp_path / "built").lessons[0].status == "done"
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "code2video_jupyter")
    with capture_output() as cap:
        shell.run_line_magic("code2video", "course built")
    html = cap.outputs[0].data["text/html"]
    assert "Circles" in html and 'href="built/index.html"' in html
    assert "rendered 1," in html  # what the last build did
