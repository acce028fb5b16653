"""The agents end to end with the scripted provider and real renders: a topic becomes a video;
a hallucinated API is fixed with no model call; a runtime error is fixed by one call scoped to
its line; a section that is never fixed falls back; re-runs and replays cost no calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run
from code2video_jupyter.store import RunStore
from code2video_jupyter.video import probe

from .conftest import Recorder

SCRIPTS = Path(__file__).parent / "scripts"
pytestmark = [pytest.mark.render, pytest.mark.usefixtures("fresh_model")]


def options(out: Path, **kw) -> RunOptions:
    extra = {"narration": False} if "narration" in RunOptions.model_fields else {}
    return RunOptions(topic="The area of a circle", model="scripted/demo", out=out, jobs=2,
                      **extra, **kw)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """One full topic run, shared by the assertions below (renders are the slow part)."""
    mp = pytest.MonkeyPatch()
    base = tmp_path_factory.mktemp("demo")
    mp.setenv("C2V_LLM_CACHE", str(base / "llm"))
    mp.delenv("C2V_MODEL", raising=False)
    SCRIPTED.reset()
    rec = Recorder()
    summary = run(options(base / "run"), rec)
    answered = list(SCRIPTED.answered)
    yield summary, rec, answered, base
    mp.undo()


def test_a_topic_becomes_a_complete_video(demo_run):
    summary, rec, answered, _ = demo_run
    assert summary.complete and summary.failed == []
    info = probe(summary.video)
    assert info.n_video_streams == 1 and info.duration > 5 and (info.width, info.height) == (854, 480)
    assert [s for s in rec.of("stage_finished") if s.stage == "storyboard"][0].status == "done"
    board = json.loads((summary.folder / "storyboard.json").read_text())
    assert board["sections"][0]["lecture_lines"][1]["visuals"][0]["path"] == "assets/icons/hexagon.svg"
    assert (summary.folder / "assets" / "icons" / "hexagon.svg").read_text().startswith("<svg")


def test_model_calls_counted_by_the_provider(demo_run):
    _, _, answered, _ = demo_run
    stages = sorted((a["role"], a["stage"], a.get("section")) for a in answered)
    assert stages == [("coder", "code", 1), ("coder", "code", 2), ("coder", "fix-line", 2),
                      ("critic", "critic", 1), ("critic", "critic", 2),
                      ("planner", "outline", None), ("planner", "storyboard", None)]


def test_hallucinated_api_fixed_with_zero_model_calls(demo_run):
    summary, rec, answered, _ = demo_run
    assert not [a for a in answered if a.get("section") == 1 and a["stage"].startswith("fix")]
    with RunStore.open(summary.folder) as store:
        revs = store.scene_log(1).all()
    assert [r.source for r in revs] == ["agent", "agent"]
    assert "ShowCreation -> Create" in revs[1].reason and "no model call" in revs[1].reason
    assert "ShowCreation" not in (summary.folder / "sections/01/scene.py").read_text()


def test_runtime_error_fixed_by_one_call_scoped_to_its_line(demo_run):
    summary, rec, answered, _ = demo_run
    fixes = [a for a in answered if a["stage"].startswith("fix")]
    assert len(fixes) == 1 and fixes[0]["stage"] == "fix-line"
    prompt = fixes[0]["prompt"]
    assert "self.play(Indicate(eq[0][12]))" in prompt and "IndexError" in prompt
    # Only that scope: no other line of the scene, no scaffold manual, no storyboard.
    for elsewhere in ("class Section02", "transform_to", "title =", "MathTex(r\"A = \\pi", "place_in"):
        assert elsewhere not in prompt, elsewhere
    assert "class Indicate(" in prompt  # the real signature of the manim name used there
    with RunStore.open(summary.folder) as store:
        rev = store.scene_log(2).all()[-1]
    assert rev.source == "agent" and "line scope" in rev.reason and "IndexError" in rev.reason
    repair = [e for e in rec.of("repair") if e.section == 2]
    assert [(e.kind, e.scope) for e in repair] == [("model", "line")]


def test_calls_jsonl_totals_equal_the_sum_over_stages(demo_run):
    summary, rec, answered, _ = demo_run
    calls = [json.loads(x) for x in (summary.folder / "calls.jsonl").read_text().splitlines()]
    assert len(calls) == len(answered) == len(rec.of("model_call"))
    per_stage: dict[str, int] = {}
    for c in calls:
        per_stage[c["stage"]] = per_stage.get(c["stage"], 0) + c["prompt_tokens"] + c["completion_tokens"]
    total = sum(c["prompt_tokens"] + c["completion_tokens"] for c in calls)
    assert total == sum(per_stage.values()) > 0
    assert set(per_stage) == {"outline", "storyboard", "code", "fix-line", "critic"}
    assert total == sum(e.prompt_tokens + e.completion_tokens for e in rec.of("model_call"))


def test_a_rerun_costs_no_calls_and_renders_nothing(demo_run):
    summary, _, _, _ = demo_run
    SCRIPTED.reset()
    rec = Recorder()
    again = run(options(summary.folder), rec)
    assert SCRIPTED.answered == [] and rec.of("model_call") == []
    assert again.rendered == [] and again.cached == [1, 2]


def test_replay_reproduces_the_run_with_no_model(demo_run, tmp_path, capsys):
    summary, _, answered, _ = demo_run
    copy = tmp_path / "replayed"
    copy.mkdir()
    for name in ("calls", "calls.jsonl", "run.json"):
        src = summary.folder / name
        if src.is_dir():
            (copy / name).mkdir()
            for f in src.iterdir():
                (copy / name / f.name).write_bytes(f.read_bytes())
        else:
            (copy / name).write_bytes(src.read_bytes())
    state = json.loads((copy / "run.json").read_text())
    state["sections"], state["storyboard"] = {}, {}
    (copy / "run.json").write_text(json.dumps(state))
    SCRIPTED.reset()
    code = cli(["resume", str(copy), "--replay"])
    assert code == 0, capsys.readouterr().err
    assert SCRIPTED.answered == []  # no model at all
    assert (copy / "sections/02/scene.py").read_text() == (summary.folder / "sections/02/scene.py").read_text()


def test_a_section_never_fixed_falls_back_and_the_video_is_complete(tmp_path):
    rec = Recorder()
    summary = run(RunOptions(topic="Squares", model=f"scripted/{SCRIPTS / 'one_section.yaml'}",
                             out=tmp_path / "run", fix_budget=3,
                             **({"narration": False} if "narration" in RunOptions.model_fields else {})),
                  rec)
    stages = [a["stage"] for a in SCRIPTED.answered if a["role"] == "coder"]
    assert stages == ["code", "fix-line", "fix-block", "fix-section"]
    # A fallback section is the compiler's: the critic still looks at it (and finds it fine).
    assert [a["stage"] for a in SCRIPTED.answered if a["role"] == "critic"] == ["critic"]
    with RunStore.open(summary.folder) as store:
        revs = store.scene_log(1).all()
    assert revs[-1].source == "fallback" and "after 3 fix call(s)" in revs[-1].reason
    assert summary.complete and summary.failed == []
    assert probe(summary.video).duration > 1
    assert any("compiled version" in w for w in summary.warnings)


def test_generate_command_and_a_bare_topic_without_a_model(tmp_path, capsys):
    code = cli(["generate", "Anything", "--out", str(tmp_path / "nomodel")])
    err = capsys.readouterr().err
    assert code == 1 and "--model" in err and "lesson outline" in err
    assert not (tmp_path / "nomodel").exists()


def test_direct_mode_is_one_call_and_no_repair(tmp_path):
    summary = run(RunOptions(topic="The area of a circle", direct=True, out=tmp_path / "run",
                             model=f"scripted/{SCRIPTS / 'direct.yaml'}",
                             **({"narration": False} if "narration" in RunOptions.model_fields else {})))
    assert [(a["role"], a["stage"]) for a in SCRIPTED.answered] == [("coder", "direct")]
    assert summary.complete and probe(summary.video).duration > 2
    board = json.loads((summary.folder / "storyboard.json").read_text())
    assert len(board["sections"]) == 1
    with RunStore.open(summary.folder) as store:
        assert [r.reason for r in store.scene_log(1).all()] == [
            "written in one call by scripted/" + str(SCRIPTS / "direct.yaml") + " (direct mode)"]
