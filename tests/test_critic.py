"""The Critic in the pipeline: a scripted vision model's anchor move is patched, re-rendered and
the probe's findings drop; a harmful fix is rolled back; only changed sections are critiqued
again; without any model the probe's findings drive deterministic fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.critic.fixes import MoveFix, ScaleFix
from code2video_jupyter.critic.layout_fixes import largest_free_area
from code2video_jupyter.critic.patches import apply_patch
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run
from code2video_jupyter.store import RunStore

from .conftest import Recorder, run_lesson, write_lesson

SCRIPTS = Path(__file__).parent / "scripts"
pytestmark = pytest.mark.usefixtures("fresh_model")
NO_VOICE = {"narration": False} if "narration" in RunOptions.model_fields else {}


def test_patches_rewrite_only_the_placement_call():
    src = ("class S(LectureScene):\n    def construct(self):\n        with self.line(0):\n"
           "            eq = self.place_in(equation('x'), 'A1', 'C3')  # keep me\n"
           "            self.play(Write(eq))\n")
    moved, what = apply_patch(src, MoveFix(line=4, to="d1:f6"))
    assert "self.place_in(equation('x'), 'D1:F6')" in moved and what == "line 4: moved to D1:F6"
    assert moved.split("\n")[4] == src.split("\n")[4]
    scaled, _ = apply_patch(moved, ScaleFix(line=4, factor=0.5))
    rescaled, _ = apply_patch(scaled, ScaleFix(line=4, factor=0.5))
    assert ".scale(0.25)" in rescaled
    assert apply_patch(src, MoveFix(line=5, to="B2")) is None  # no placement on that line


def test_largest_free_area():
    assert largest_free_area(set()) == "A1:F6"
    assert largest_free_area({f"{r}{c}" for r in "ABCDEF" for c in (1, 2, 3)}) == "A4:F6"


@pytest.mark.render
def test_scripted_critic_moves_rolls_back_and_reruns_only_changed_sections(tmp_path):
    rec = Recorder()
    summary = run(RunOptions(topic="Layout", model=f"scripted/{SCRIPTS / 'critic.yaml'}",
                             out=tmp_path / "run", jobs=2, **NO_VOICE), rec)
    assert summary.complete
    critic_calls = [a for a in SCRIPTED.answered if a["role"] == "critic"]
    # Section 1 changed in round 1, so it is critiqued again; section 2's fix was rolled back.
    assert sorted(a["section"] for a in critic_calls) == [1, 1, 2]
    assert all(a["images"] == 1 for a in critic_calls)  # one keyframe per lecture-line block
    assert "overlap_text_text" in critic_calls[0]["prompt"] or "overlap" in critic_calls[0]["prompt"]

    s1 = json.loads((summary.folder / "sections/01/critique.json").read_text())
    first = s1["rounds"][0]
    assert first["kept"] and first["score_after"] < first["score_before"]
    assert first["findings_before"] and not first["findings_after"]
    assert "'D1:F6'" in (summary.folder / "sections/01/scene.py").read_text()
    with RunStore.open(summary.folder) as store:
        revs1 = store.scene_log(1).all()
        revs2 = store.scene_log(2).all()
    assert revs1[-1].source == "critic" and "moved to D1:F6" in revs1[-1].reason

    s2 = json.loads((summary.folder / "sections/02/critique.json").read_text())
    assert s2["rounds"][0]["kept"] is False and "worse" in s2["rounds"][0]["result"]
    assert revs2[-1].source == "critic" and "rolled back" in revs2[-1].reason
    assert "'F6'" not in (summary.folder / "sections/02/scene.py").read_text()
    # The rolled-back fix cost no render: section 2 rendered once (while its code was checked).
    renders2 = [e for e in rec.of("stage_finished") if e.stage == "render" and e.section == 2
                and e.status == "done"]
    assert len(renders2) == 1

    # A re-run asks the critic nothing: every section is settled for its current code.
    SCRIPTED.reset()
    run(RunOptions(topic="Layout", model=f"scripted/{SCRIPTS / 'critic.yaml'}",
                   out=tmp_path / "run", jobs=2, **NO_VOICE))
    assert SCRIPTED.answered == []


def overlapping_run(tmp_path: Path):
    """A compiled lesson whose user edit puts two texts on top of each other."""
    lesson = write_lesson(tmp_path, """
        # Overlaps
        ## Two texts
        - Words
          ```text at=B2:D5
          Some words on the canvas
          ```
          ```text at=B2:D5
          Other words on top
          ```
    """)
    summary, _ = run_lesson(lesson, tmp_path / "run", **NO_VOICE)
    scene = summary.folder / "sections/01/scene.py"
    # The compiler clears the canvas between the two; a user's edit does not.
    scene.write_text(scene.read_text().replace("            self.clear_canvas(text1)\n", ""))
    return summary, scene


@pytest.mark.render
def test_without_a_model_the_probe_drives_the_fixes(tmp_path, capsys):
    summary, scene = overlapping_run(tmp_path)
    code = cli(["critic", str(summary.folder), "--rounds", "1"])
    assert code == 0, capsys.readouterr().err
    rounds = json.loads((summary.folder / "sections/01/critique.json").read_text())["rounds"]
    assert rounds[0]["critic"] == "probe"
    assert [f["kind"] for f in rounds[0]["findings_before"]] == ["overlap_text_text"]
    assert rounds[0]["kept"] and rounds[0]["findings_after"] == []
    layout = json.loads((summary.folder / "sections/01/layout.json").read_text())
    assert layout["findings"] == []
    with RunStore.open(summary.folder) as store:
        sources = [r.source for r in store.scene_log(1).all()]
    assert sources[-2:] == ["user", "critic"]


@pytest.mark.render
def test_a_vision_critic_on_a_compiled_lesson(tmp_path, capsys):
    summary, scene = overlapping_run(tmp_path)
    line = next(i for i, ln in enumerate(scene.read_text().split("\n"), 1) if "Other words" in ln)
    script = (SCRIPTS / "critic_only.yaml").read_text().replace('"line": 23', f'"line": {line}')
    (tmp_path / "critic_only.yaml").write_text(script)
    code = cli(["critic", str(summary.folder), "--rounds", "1",
                "--model", f"scripted/{tmp_path / 'critic_only.yaml'}"])
    assert code == 0, capsys.readouterr().err
    assert SCRIPTED.count(role="critic") == 1
    first = json.loads((summary.folder / "sections/01/critique.json").read_text())["rounds"][0]
    assert first["critic"].startswith("scripted/") and first["kept"]
    assert "'E1:F6'" in scene.read_text()
