"""The run panel on a real offline run: edit a section's code and Re-render, invalid storyboard
edits refused with nothing lost, Stop during a render kills it at once; the static summary,
%code2video show/runs, and export (a notebook with %%manim cells, never executed)."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from code2video_jupyter.cli.main import main as cli_main
from code2video_jupyter.notebook.export import export_notebook
from code2video_jupyter.notebook.panel import RunPanel
from code2video_jupyter.notebook.summary import MARKER, summary_html
from code2video_jupyter.store import RunStore, file_sha
from code2video_jupyter.store.state import RunState
from code2video_jupyter.video import probe

from .conftest import SMALL_LESSON, Recorder, render_jobs, run_lesson, wait_until, write_lesson

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("C2V_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        base = tmp_path_factory.mktemp("panel")
        lesson = write_lesson(base, SMALL_LESSON)
        summary, _ = run_lesson(lesson, base / "run")
    assert summary.complete
    return base / "run"


@pytest.fixture
def run_dir(rendered, tmp_path, monkeypatch):
    """A private copy of the rendered run; the notebook's folder (cwd) is tmp_path."""
    folder = tmp_path / "code2video_runs" / "small"
    shutil.copytree(rendered, folder, ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.chdir(tmp_path)
    return folder


def state(folder) -> RunState:
    return RunState.model_validate_json((folder / "run.json").read_text())


def render_of(folder, sid: int):
    return state(folder).sections[f"{sid:02d}"].renders["l"]


def test_edit_code_and_rerender(run_dir):
    panel = RunPanel(run_dir)
    rec = Recorder()
    panel.add_listener(rec)
    before = render_of(run_dir, 2)
    old_video = file_sha(run_dir / before.video)
    row = panel._rows[2]
    assert "class Section02" in row.editor.value
    shown = row.video.outputs[0]["data"]["text/html"]
    assert re.search(r'src="[^"]+\.mp4\?v=\w{12}"', shown)  # the run folder's file, versioned
    assert bytes(row.poster.value).startswith(b"\x89PNG")

    row.editor.value = row.editor.value.rstrip("\n") + "\n        self.wait(1)\n"
    shown_at_preview: list[str] = []
    panel.add_listener(lambda e: shown_at_preview.append(row.video.outputs[0]["data"]["text/html"])
                       if e.type == "section_preview" else None)
    worker = panel.rerender(2)
    assert worker is not None and worker.wait(180), "the re-render did not finish"
    assert worker.status == "done", worker.traceback
    # progressive: the section's preview (the last frame of each lecture line) came before
    # its video, and the row showed it in the player's place meanwhile
    kinds = [(e.type, getattr(e, "section", None)) for e in rec.events]
    previews = rec.of("section_preview")
    assert [e.section for e in previews] == [2]
    assert kinds.index(("section_preview", 2)) < kinds.index(("section_rendered", 2))
    lines = len(json.loads((run_dir / "storyboard.json").read_text())["sections"][1]["lecture_lines"])
    assert len(previews[0].images) == lines
    assert all(Path(i).read_bytes().startswith(b"\x89PNG") for i in previews[0].images)
    assert "c2v-preview" in shown_at_preview[0] and shown_at_preview[0].count("<img") == lines

    with RunStore.open(run_dir) as store:
        last = store.scene_log(2).last()
        assert last.source == "user" and last.reason == "edited in the notebook panel"
        assert store.scene_path(2).read_text() == row.editor.value
    after = render_of(run_dir, 2)
    assert after.status == "done" and after.input_hash != before.input_hash
    assert file_sha(run_dir / after.video) != old_video
    # what a viewer sees: the section is one second longer
    assert probe(run_dir / after.video).duration >= before.duration + 0.9
    # only the edited section rendered; the preview now shows the new render
    assert rec.rendered() == [2]
    assert row.video.outputs[0]["data"]["text/html"] != shown  # a new cache-busting version
    assert "done" in panel.message.value and not panel.busy


def test_invalid_storyboard_edit_is_refused_and_nothing_is_lost(run_dir):
    panel = RunPanel(run_dir)
    path = run_dir / "storyboard.json"
    before = path.read_bytes()
    with RunStore.open(run_dir) as store:
        revs = len(store.storyboard_log().all())

    data = json.loads(panel.storyboard.text.value)
    data["sections"][1]["lecture_lines"][0]["text"] = ""
    bad = json.dumps(data, indent=2)
    panel.storyboard.text.value = bad
    panel.storyboard.save_button.click()
    msg = panel.storyboard.message.value
    assert "not saved" in msg and "section 2 (&#x27;Second&#x27;), line 1" in msg and "text" in msg
    assert path.read_bytes() == before
    assert panel.storyboard.text.value == bad  # the user's text stays in the editor

    panel.storyboard.text.value = bad.replace('"topic"', '"topic" "')
    panel.storyboard.save_button.click()
    assert "not valid JSON at line" in panel.storyboard.message.value and path.read_bytes() == before

    data["sections"][1]["lecture_lines"][0]["text"] = "A bigger circle"
    panel.storyboard.text.value = json.dumps(data, indent=2)
    panel.storyboard.save_button.click()
    assert "saved as revision" in panel.storyboard.message.value
    with RunStore.open(run_dir) as store:
        log = store.storyboard_log()
        assert len(log.all()) == revs + 1 and log.last().source == "user"
        assert store.read_storyboard().sections[1].lecture_lines[0].text == "A bigger circle"

    # the YAML view saves the same way
    panel.storyboard.format.value = "YAML"
    assert "A bigger circle" in panel.storyboard.text.value
    panel.storyboard.text.value = panel.storyboard.text.value.replace("title: Second", "title: ''")
    panel.storyboard.save_button.click()
    assert "section 2" in panel.storyboard.message.value and "title" in panel.storyboard.message.value


def test_stop_during_render_kills_the_subprocess(run_dir):
    panel = RunPanel(run_dir)
    rec = Recorder()
    panel.add_listener(rec)
    row = panel._rows[1]
    row.editor.value = row.editor.value.replace(
        "    def construct(self):\n", "    def construct(self):\n        import time\n"
        "        time.sleep(120)\n", 1)
    panel._rows[1].rerender_button.click()
    worker = panel.worker
    assert worker is not None and worker.running
    # the render's process (a cold one, or a warm worker's job) is running: the scene, asleep
    wait_until(lambda: render_jobs(), 120, "the render's start")

    panel.stop_button.click()
    # ended long before the scene's 120 s (how fast: bench/bench_stop.py)
    assert worker.wait(60), "Stop did not take effect"
    assert worker.status == "stopped"
    wait_until(lambda: not render_jobs(), 10, "the end of the render process")
    assert render_of(run_dir, 1).status == "cancelled"
    assert "stopped" in panel.message.value
    assert any(e.type == "stage_finished" and e.status == "cancelled" for e in rec.events)


def test_static_summary(run_dir):
    html = summary_html(run_dir)
    assert MARKER in html and "<table" in html and "Small lesson" in html
    posters = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(posters) == 3
    assert Image.open(io.BytesIO(base64.b64decode(posters[0]))).width == 240
    links = re.findall(r'href="([^"?]+\.mp4)', html)
    assert "code2video_runs/small/final.mp4" in links
    assert all((run_dir.parent.parent / link).exists() for link in links)
    assert "data:video/mp4" not in html  # videos are linked, not embedded...
    assert "data:video/mp4" in summary_html(run_dir, embed=True)  # ...unless asked


def test_show_reattaches_and_runs_lists(run_dir):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "code2video_jupyter")
    with capture_output() as cap:
        shell.run_line_magic("code2video", "show small")
    kinds = [set(o.data) for o in cap.outputs]
    assert "application/vnd.jupyter.widget-view+json" in kinds[0]
    assert MARKER in cap.outputs[1].data["text/html"]
    panel = shell.magics_manager.registry["Code2VideoMagics"].last_panel
    assert panel.folder == run_dir.resolve()
    assert all(" — done" in t for t in panel.sections.titles)
    assert "final.mp4" in panel.final.outputs[0]["data"]["text/html"]
    with capture_output() as cap:
        shell.run_line_magic("code2video", "runs")
    assert re.search(r"small\s+done\s+3", cap.outputs[0].data["text/plain"])


def test_export_writes_a_notebook_and_executes_nothing(run_dir, tmp_path):
    assert cli_main(["export", str(run_dir)]) == 0
    out = run_dir.parent / "small.ipynb"
    nb = nbformat.read(out, as_version=4)
    nbformat.validate(nb)
    assert "machine-written" in nb.cells[0].source.lower() and "runs that code" in nb.cells[0].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source.splitlines()[0] for c in code[1:]] == [
        f"%%manim -ql Section{i:02d}" for i in (1, 2, 3)]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "small/final.mp4" in "".join(c.source for c in nb.cells)
    assert nb.metadata["code2video"]["storyboard"]["topic"] == "Small lesson"
    assert not (tmp_path / "media").exists() and not (run_dir.parent / "media").exists()
    # a notebook that is not an export is never overwritten
    mine = tmp_path / "mine.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), mine)
    with pytest.raises(FileExistsError):
        export_notebook(run_dir, mine)
    assert export_notebook(run_dir, out) == out  # an earlier export is replaced


def test_outline_is_editable_when_the_planner_wrote_one(run_dir):
    outline = {"topic": "Small lesson", "audience": "general",
               "sections": [{"id": 1, "title": "First", "content": "a^2+b^2", "example": ""}]}
    with RunStore.open(run_dir) as store:
        store.write_artifact(store.outline_path, store.outline_log(), json.dumps(outline, indent=2),
                             "agent", "planned", "h0")
    panel = RunPanel(run_dir)
    assert panel.outline_box.layout.display is None and '"content"' in panel.outline.text.value
    outline["sections"][0]["id"] = 0
    panel.outline.text.value = json.dumps(outline)
    panel.outline.save_button.click()
    assert "section 0" in panel.outline.message.value and "id" in panel.outline.message.value
    outline["sections"][0].update(id=1, title="First steps")
    panel.outline.text.value = json.dumps(outline)
    panel.outline.save_button.click()
    with RunStore.open(run_dir) as store:
        last = store.outline_log().last()
        assert last.source == "user" and last.input_hash == "h0"
        assert json.loads(store.outline_path.read_text())["sections"][0]["title"] == "First steps"


def test_rerun_critic_on_one_section(run_dir):
    panel = RunPanel(run_dir)
    row = panel._rows[2]
    assert row.critic_button.layout.display is None  # the critic is installed: the button shows
    row.critic_button.click()
    worker = panel.worker
    assert worker is not None and worker.wait(180)
    assert worker.status == "done", worker.traceback
    assert (run_dir / "sections" / "02" / "layout.json").exists()
    assert "layout probe" in row.findings.value


def test_players_show_the_narration_as_captions(tmp_path):
    from code2video_jupyter.notebook.panel import _video_html

    video = tmp_path / "render" / "section.mp4"
    video.parent.mkdir()
    video.write_bytes(b"")
    assert "<track" not in _video_html(video, "1", 480)
    (video.parent / "section.vtt").write_text("WEBVTT\n")
    html = _video_html(video, "1", 480)
    assert '<track kind="captions"' in html and "section.vtt" in html
