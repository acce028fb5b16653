"""Run-folder semantics: no-op re-run, one-section edit, user edits kept, resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from code2video_jupyter.contracts import StoryboardError
from code2video_jupyter.store import RunStore

from .conftest import SMALL_LESSON, run_lesson, write_lesson

pytestmark = pytest.mark.render


@pytest.fixture()
def first_run(tmp_path):
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    summary, rec = run_lesson(lesson, tmp_path / "run")
    assert summary.rendered == [1, 2, 3] and summary.failed == []
    return lesson, tmp_path / "run"


def test_noop_rerun_renders_nothing(first_run):
    lesson, out = first_run
    before = os.stat(out / "final.mp4").st_mtime_ns
    summary, rec = run_lesson(lesson, out)
    assert rec.rendered() == [] and summary.cached == [1, 2, 3]
    assert os.stat(out / "final.mp4").st_mtime_ns == before  # not even re-assembled
    assert [e.status for e in rec.of("stage_finished") if e.stage == "assemble"] == ["cached"]


def test_user_edit_of_one_section_renders_only_it_and_is_kept(first_run):
    lesson, out = first_run
    scene = out / "sections/02/scene.py"
    edited = scene.read_text().replace("A circle", "A circle, edited by hand")
    scene.write_text(edited)
    summary, rec = run_lesson(lesson, out)
    assert rec.rendered() == [2]
    assert [(e.artifact, e.revision) for e in rec.of("user_edit")] == [("section 2", 2)]
    with RunStore.open(out) as store:
        revs = store.scene_log(2).all()
    assert [r.source for r in revs] == ["compiler", "user"]
    # the lesson changes that section: the user's code is kept and the section is flagged
    lesson.write_text(lesson.read_text().replace("label: r", "label: d"))
    summary, rec = run_lesson(lesson, out)
    assert scene.read_text() == edited
    state = json.loads((out / "run.json").read_text())
    assert state["sections"]["02"]["code"]["status"] == "upstream-changed"
    assert any("your code is kept" in w.message for w in rec.of("warning"))
    assert rec.rendered() == []  # the code did not change, so nothing renders
    # --regenerate compiles it again; the user's version stays in the history
    summary, rec = run_lesson(lesson, out, regenerate=True)
    assert "label: d" not in scene.read_text() and "edited by hand" not in scene.read_text()
    assert rec.rendered() == [2]
    with RunStore.open(out) as store:
        assert [r.source for r in store.scene_log(2).all()] == ["compiler", "user", "compiler"]
        store.revert(2, 2)
    assert scene.read_text() == edited


def test_lesson_edit_recompiles_only_the_changed_section(first_run):
    lesson, out = first_run
    lesson.write_text(lesson.read_text().replace("Plain words.", "Other words."))
    summary, rec = run_lesson(lesson, out)
    assert rec.rendered() == [3] and summary.cached == [1, 2]


def test_broken_storyboard_edit_is_refused_and_nothing_is_lost(first_run):
    lesson, out = first_run
    sb = json.loads((out / "storyboard.json").read_text())
    sb["sections"][1]["lecture_lines"][0]["visuals"][0]["shapes"][0]["shape"] = "hexagon"
    broken = json.dumps(sb, indent=2)
    (out / "storyboard.json").write_text(broken)
    before = os.stat(out / "final.mp4").st_mtime_ns
    with pytest.raises(StoryboardError) as err:
        run_lesson(None, out)
    msg = str(err.value)
    assert "section 2 ('Second'), line 1, visual 1 (shape), field 'shapes.0.shape': Input should be" in msg
    assert (out / "storyboard.json").read_text() == broken  # the edit is kept as written
    assert os.stat(out / "final.mp4").st_mtime_ns == before


def test_killed_run_resumes_without_redoing_finished_sections(tmp_path):
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    out = tmp_path / "run"
    proc = subprocess.Popen(
        [sys.executable, "-m", "code2video_jupyter", "render", str(lesson), "--out", str(out),
         "--jobs", "1", "--json", "--no-narration"], stdout=subprocess.PIPE, text=True, start_new_session=True)
    done_first = None
    for line in proc.stdout:
        event = json.loads(line)
        if event["type"] == "section_rendered":
            done_first = event["section"]
            break
    os.killpg(proc.pid, signal.SIGKILL)  # no clean-up of any kind
    proc.wait()
    assert done_first == 1
    assert not (out / "final.mp4").exists()
    summary, rec = run_lesson(lesson, out)
    assert 1 in summary.cached and 1 not in rec.rendered()
    assert summary.failed == [] and (out / "final.mp4").exists()
    assert not list(out.rglob("*.tmp")) and not (out / ".work").exists()
