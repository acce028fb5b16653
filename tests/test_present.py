"""Present mode without a browser: a real (small) run becomes a folder of clips, one per
lecture-line block, cut exactly at the blocks' boundaries from timeline.json; building again
cuts only what changed; the page needs nothing from the network; the panel's Present button.
The browser side (keys, clicks, the presenter view) is tests/test_present_browser.py."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from code2video_jupyter.cli.main import main as cli_main
from code2video_jupyter.present import build_presentation, read_deck, read_manifest
from code2video_jupyter.present.build import default_path
from code2video_jupyter.store import RunReader, RunStore
from code2video_jupyter.video import probe

from .conftest import run_lesson, write_lesson

VENDOR = Path(__file__).resolve().parents[1] / "code2video_jupyter" / "present" / "vendor" / "reveal"

LESSON = """
# Steps

## Two lines
- A circle first
  ```shape #c
  shape: circle
  ```
- Then a square
  ```shape
  shape: square
  ```

## One line
- An equation
  ```equation
  E = m c^2
  ```
"""


def test_the_vendored_reveal_is_what_the_script_recorded():
    # scripts/vendor_reveal.sh writes SHA256SUMS; a hand edit (or a half update) shows here.
    sums = dict(reversed(line.split()) for line in (VENDOR / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == {"reveal.js", "reveal.css", "notes.js", "LICENSE", "VERSION"}
    for name, digest in sums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "MIT" in (VENDOR / "reveal.js").read_text()[:200]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("C2V_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        base = tmp_path_factory.mktemp("present")
        summary, _ = run_lesson(write_lesson(base, LESSON), base / "run", narration=True)
    assert summary.complete
    return base / "run"


@pytest.fixture
def run_dir(rendered, tmp_path):
    folder = tmp_path / "runs" / "steps"
    shutil.copytree(rendered, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


@pytest.mark.render
def test_one_clip_per_lecture_line_cut_at_the_blocks(run_dir):
    pres = build_presentation(run_dir)
    assert pres.folder == default_path(run_dir) == run_dir.parent / "steps.present"
    manifest = read_manifest(pres.folder)
    assert [c["label"] for c in manifest["clips"]] == ["01-01", "01-02", "02-01"]
    assert manifest["narrated"] is True
    run = RunReader.open(run_dir)
    for sid, labels in ((1, ["01-01", "01-02"]), (2, ["02-01"])):
        timeline = run.timeline(sid)
        blocks = timeline["blocks"]
        assert len(blocks) == len(labels)
        clips = [pres.folder / c["clip"] for c in manifest["clips"] if c["label"] in labels]
        infos = [probe(c) for c in clips]
        fps = timeline["fps"]
        # each clip holds its block's frames: block k from its start to the next block's start
        bounds = [0.0] + [b["start"] for b in blocks[1:]] + [run.render(sid).duration]
        for info, start, end in zip(infos, bounds, bounds[1:], strict=False):
            assert info.frames == round((end - start) * fps)
            assert info.audio_codec == "aac"  # the narration of that line
        # together the clips are the whole section, frame for frame
        assert sum(i.frames for i in infos) == probe(run.section_video(sid).path).frames


@pytest.mark.render
def test_the_page_has_a_step_per_line_with_its_notes_and_nothing_from_the_network(run_dir):
    pres = build_presentation(run_dir)
    page = pres.index.read_text()
    steps = re.findall(r'data-section="(\d+)" data-line="(\d+)"', page)
    assert steps == [("1", "1"), ("1", "2"), ("2", "1")]
    board = RunReader.open(run_dir).read_storyboard()
    for line in (ln for s in board.sections for ln in s.lecture_lines):
        assert f'<h3 class="c2v-line">{line.text}</h3>' in page  # the presenter view's notes
    # every file the page (or its script and style) asks for is in the folder: opens from disk
    for text in [page] + [(pres.folder / f).read_text() for f in ("deck.js", "deck.css")]:
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text), "a network reference"
    for ref in re.findall(r'(?:src|href|data-background-video)="([^"#]+)"', page):
        assert (pres.folder / ref).is_file(), ref


@pytest.mark.render
def test_building_again_cuts_only_the_clips_whose_section_changed(run_dir):
    first = build_presentation(run_dir)
    assert sorted(first.cut) == ["01-01", "01-02", "02-01"] and first.reused == []
    again = build_presentation(run_dir)
    assert again.cut == [] and sorted(again.reused) == ["01-01", "01-02", "02-01"]
    # the user edits section 2 (a longer wait at the end) and renders: only its clip is new
    with RunStore.open(run_dir) as store:
        scene = store.scene(2)
    with RunStore.open(run_dir) as store:
        store.write_artifact(store.scene_path(2), store.scene_log(2),
                             scene.rstrip() + "\n        self.wait(1)\n", "user", "test", None)
    summary, _ = run_lesson(None, run_dir, narration=True)
    assert summary.rendered == [2]
    third = build_presentation(run_dir)
    assert third.cut == ["02-01"] and sorted(third.reused) == ["01-01", "01-02"]
    clips = sorted(p.name for p in (third.folder / "clips").iterdir())
    assert len(clips) == 3  # the old clip of section 2 is gone


@pytest.mark.render
def test_present_command_and_its_refusals(run_dir, tmp_path):
    out = tmp_path / "deck"
    assert cli_main(["present", str(run_dir), "-o", str(out), "--no-narration"]) == 0
    assert read_manifest(out)["narrated"] is False
    assert probe(next((out / "clips").iterdir())).audio_codec is None
    assert "narration: on" not in (out / "index.html").read_text()  # no toggle without a voice
    # never inside the run folder (the run store is its only writer), never over other files
    assert cli_main(["present", str(run_dir), "-o", str(run_dir / "deck")]) == 1
    assert not (run_dir / "deck").exists()
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        build_presentation(run_dir, other)
    assert (other / "mine.txt").read_text() == "keep me"


@pytest.mark.render
def test_a_section_without_its_timeline_is_one_step(run_dir):
    # a render from before timelines (or a placeholder card) is shown whole, as one step
    with RunStore.open(run_dir) as store, store.updating() as state:
        state.sections["01"].renders["l"].timeline = None
    deck = read_deck(run_dir)
    assert [(s.section, s.line, s.lines) for s in deck.steps] == [(1, 0, 1), (2, 0, 1)]
    assert deck.steps[0].start == 0.0 and deck.steps[0].end == pytest.approx(
        RunReader.open(run_dir).render(1).duration)


@pytest.mark.render
def test_the_panel_present_button(run_dir, monkeypatch):
    from code2video_jupyter.notebook.panel import RunPanel

    monkeypatch.chdir(run_dir.parent)
    panel = RunPanel(run_dir)
    assert not panel.present_button.disabled  # the run has its final video
    panel.present_button.click()
    index = default_path(run_dir) / "index.html"
    assert index.is_file()
    assert "steps.present/index.html" in panel.message.value and "3 steps" in panel.message.value
    # no final video yet: nothing to present, the button says so by being off
    with RunStore.open(run_dir) as store, store.updating() as state:
        state.final.status = "pending"
    panel.refresh()
    assert panel.present_button.disabled


def test_manifest_is_json_the_course_page_can_read(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / "presentation.json").write_text(json.dumps({"nonsense": 1}))
    assert read_manifest(tmp_path) is None
