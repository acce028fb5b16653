"""The evaluation: MMMC data, strict answer parsing, statistics checked by hand, the judge and
the student against the scripted provider (malformed replies included), the model-free
measures on real offline renders, and a resumed MMMC evaluation that redoes nothing."""

from __future__ import annotations

import json
import os
import textwrap
from importlib import resources
from pathlib import Path

import pytest

from code2video_jupyter.evaluation.aesthetics import DIMENSIONS, judge_aesthetics
from code2video_jupyter.evaluation.calls import CallLog, eval_gateway
from code2video_jupyter.evaluation.efficiency import efficiency, stage_seconds
from code2video_jupyter.evaluation.mmmc import (
    QuizQuestion,
    answer_key_skew,
    load_topics,
    select_topics,
    topic_key,
)
from code2video_jupyter.evaluation.offline import offline_measures
from code2video_jupyter.evaluation.stats import bootstrap_ci, share, t_ci
from code2video_jupyter.evaluation.teachquiz import parse_answer, teachquiz
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run

from .conftest import Recorder, write_lesson

OPTS = {"A": "one", "B": "two", "C": "three", "D": "four"}
JUDGE_OK = {d: {"score": s, "feedback": f"{d} feedback"}
            for d, s in zip(DIMENSIONS, (15, 14, 16, 12.5, 17), strict=True)}


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    SCRIPTED.reset()
    monkeypatch.setenv("C2V_LLM_CACHE", str(tmp_path / "llm"))
    monkeypatch.setenv("C2V_RETRY_BACKOFF", "0.01")
    for var in ("C2V_MODEL", "C2V_JUDGE_MODEL", "C2V_SCRIPT_LOG"):
        monkeypatch.delenv(var, raising=False)


def script(folder: Path, replies: list[dict], name: str = "judge.yaml", **top) -> str:
    """A scripted model from a list of replies; returns its model id."""
    import yaml

    path = folder / name
    path.write_text(yaml.safe_dump({**top, "replies": replies}, allow_unicode=True), encoding="utf-8")
    return f"scripted/{path}"


# --- MMMC data -------------------------------------------------------------------------------
def test_mmmc_data_ships_with_its_licence_and_attribution():
    topics = load_topics()
    assert len(topics) == 117 and sum(len(t.questions) for t in topics) == 585
    assert len({t.key for t in topics}) == 117
    data = resources.files("code2video_jupyter.evaluation").joinpath("data")
    licence = data.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Yanzhe Chen" in licence
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    assert "showlab/Code2Video" in readme and "2510.01174" in readme
    # the answer key is skewed, which is why options are shuffled by default
    skew = answer_key_skew(topics)
    assert skew == {"A": 50, "B": 296, "C": 230, "D": 9}


def test_topics_are_named_by_a_stable_key_not_by_position():
    topics = load_topics()
    first = topics[0]
    assert first.key == topic_key(first.title) == topic_key(f"  {first.title} ")
    assert first.key.startswith("euler-s-formula")
    assert select_topics(ids=["3", first.key, topics[1].title]) == [topics[2], first, topics[1]]
    assert select_topics(count=2) == list(topics[:2])
    with pytest.raises(ValueError, match="unknown MMMC topic ids: nope"):
        select_topics(ids=["nope"])


def test_shuffled_options_keep_the_right_answer_and_are_reproducible():
    q = QuizQuestion(question="Which is two?", options=OPTS, answer="B")
    s1, s2 = q.shuffled("topic"), q.shuffled("topic")
    assert s1 == s2
    assert s1.options[s1.answer] == "two" and sorted(s1.options.values()) == sorted(OPTS.values())
    letters = {load_topics()[i].questions[j].shuffled(load_topics()[i].title).answer
               for i in range(20) for j in range(5)}
    assert letters == {"A", "B", "C", "D"}


# --- strict answers --------------------------------------------------------------------------
@pytest.mark.parametrize(("reply", "letter", "status"), [
    ("EVIDENCE: SUFFICIENT\nANSWER: C\nJUSTIFICATION: A is wrong.", "C", "answered"),
    ("I think A is wrong, the answer is C", None, "no_answer"),
    ("EVIDENCE: SUFFICIENT\nANSWER: I think A is wrong, the answer is C", None, "invalid"),
    ("I think A is wrong, the answer is C.\nANSWER: C", "C", "answered"),
    ("EVIDENCE: INSUFFICIENT\nANSWER: NONE\nJUSTIFICATION: needs blocked knowledge", None, "insufficient"),
    ("EVIDENCE: INSUFFICIENT\nANSWER: B", "B", "insufficient"),
    ("ANSWER: insufficient evidence", None, "insufficient"),
    ("**ANSWER:** (b)", "B", "answered"),
    ("- Answer = C) three", "C", "answered"),
    ("ANSWER: C) four", None, "invalid"),  # a letter with another option's text
    ("ANSWER: A\nJUSTIFICATION: hmm\nANSWER: B", None, "ambiguous"),
    ("ANSWER: E", None, "invalid"),
    ("EVIDENCE: SUFFICIENT\nANSWER: D\nVIDEO_EVIDENCE: frame 2 shows A and insufficient B", "D", "answered"),
    ("", None, "no_answer"),
])
def test_answers_are_read_only_from_the_answer_field(reply, letter, status):
    parsed = parse_answer(reply, OPTS)
    assert (parsed.letter, parsed.status) == (letter, status)


# --- statistics, checked by hand -------------------------------------------------------------
def test_t_interval_matches_the_hand_computation():
    s = t_ci([10, 20, 30, 40])
    # mean 25; s = sqrt(500/3) = 12.9099; se = 6.4550; t(0.975, 3) = 3.182446 -> 20.5426
    assert s.mean == 25 and s.sd == pytest.approx(12.90994, abs=1e-5)
    assert (s.low, s.high) == (pytest.approx(4.4574, abs=1e-3), pytest.approx(45.5426, abs=1e-3))
    one = t_ci([7.0, None])
    assert (one.n, one.mean, one.low, one.high) == (1, 7.0, None, None)
    assert share([True, False, True, None]) == (pytest.approx(2 / 3), 3)
    b1, b2 = bootstrap_ci([10, 20, 30, 40]), bootstrap_ci([10, 20, 30, 40])
    assert b1 == b2 and 10 <= b1.low < 25 < b1.high <= 40 and b1.method == "bootstrap"


def test_stage_wall_times_from_events():
    events = [{"type": "stage_started", "stage": "code", "t": 1.0},
              {"type": "stage_started", "stage": "code", "t": 1.5},
              {"type": "stage_finished", "stage": "code", "t": 4.0, "elapsed": 3.0},
              {"type": "stage_finished", "stage": "code", "t": 3.0, "elapsed": 1.5},
              {"type": "stage_finished", "stage": "assemble", "t": 9.0, "elapsed": 0.5}]
    assert stage_seconds(events) == {"code": 3.0, "assemble": 0.5}


# --- a real offline run, rendered once for this module ----------------------------------------
LESSON = """
# Shapes and words

## Shapes
- A circle with its radius
  ```shape
  shape: circle
  label: r
  ```
- Words beside it
  ```text
  Plain words.
  ```

## Words
- Just words on the canvas
  ```text
  More words.
  ```
"""


@pytest.fixture(scope="module")
def lesson_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("evalrun")
    lesson = write_lesson(base, LESSON)
    extra = {"narration": False} if "narration" in RunOptions.model_fields else {}
    summary = run(RunOptions(lesson=lesson, out=base / "run", jobs=2, **extra), Recorder())
    assert summary.complete
    return base / "run"


@pytest.mark.render
def test_model_free_measures_of_a_real_offline_run(lesson_run):
    m = offline_measures(lesson_run)
    assert (m.sections, m.rendered, m.render_success) == (2, 2, 1.0)
    assert (m.lines, m.lines_shown, m.lines_shown_share) == (3, 3, 1.0)
    state = json.loads((lesson_run / "run.json").read_text())
    assert m.final_video and m.duration == pytest.approx(state["final"]["duration"])
    assert m.findings is not None and m.findings_per_minute is not None
    assert m.findings_per_minute == pytest.approx(m.findings / (sum(s.duration for s in m.per_section) / 60),
                                                  abs=1e-3)
    e = efficiency(lesson_run)
    assert e.model_calls == 0 and e.total_tokens == 0 and e.cost == 0 and e.sections == 2
    assert e.render_seconds > 0 and e.fallback_sections == [] and e.model_fix_rounds == 0


@pytest.mark.render
def test_a_failing_section_lowers_render_success_and_lines_shown(lesson_run, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(lesson_run, broken)
    scene = broken / "sections" / "02" / "scene.py"
    scene.write_text(scene.read_text().replace("def construct(self):",
                                               "def construct(self):\n        raise ValueError('broken')"))
    extra = {"narration": False} if "narration" in RunOptions.model_fields else {}
    run(RunOptions(lesson=broken, jobs=1, **extra), Recorder())
    m = offline_measures(broken, probe=False)
    assert (m.rendered, m.render_success) == (1, 0.5)
    assert (m.lines, m.lines_shown) == (3, 2)
    assert m.per_section[1].placeholder and m.findings_per_minute is None  # probe skipped


# --- the judge ----------------------------------------------------------------------------
@pytest.mark.render
def test_the_judge_scores_five_dimensions_from_keyframes(lesson_run, tmp_path):
    model = script(tmp_path, [{"role": "judge", "stage": "aesthetics", "reply": json.dumps(JUDGE_OK)}])
    log = CallLog(tmp_path / "eval")
    a = judge_aesthetics(eval_gateway(model, log=log), lesson_run, "Shapes and words", tmp_path / "eval")
    assert a.ok and a.medium == "keyframes" and a.frames == 3
    assert a.scores == {"element_layout": 15, "attractiveness": 14, "logic_flow": 16,
                        "accuracy_depth": 12.5, "visual_consistency": 17}
    assert a.total == 74.5 and a.feedback["logic_flow"] == "logic_flow feedback"
    assert SCRIPTED.count(role="judge") == 1
    prompt = SCRIPTED.answered[0]["prompt"]
    assert "Knowledge point: Shapes and words" in prompt and "Frame 3/3: Section 2" in prompt
    # recorded beside the run, images left out of the log
    full = json.loads((tmp_path / "eval" / "calls" / "0001.json").read_text())
    parts = full["request"]["messages"][0]["content"]
    assert sum(p["type"] == "image_url" for p in parts) == 3
    assert "base64" not in json.dumps(full)
    assert [c["stage"] for c in log.read()] == ["aesthetics"]


@pytest.mark.render
def test_malformed_judge_json_is_repaired_once(lesson_run, tmp_path):
    bad = {**JUDGE_OK, "logic_flow": {"score": 25, "feedback": "too generous"}}
    bad.pop("visual_consistency")
    model = script(tmp_path, [
        {"role": "judge", "stage": "aesthetics", "reply": "Here you go: " + json.dumps(bad)},
        {"role": "judge", "stage": "aesthetics-repair", "reply": json.dumps(JUDGE_OK)}])
    a = judge_aesthetics(eval_gateway(model), lesson_run, "Shapes and words", tmp_path / "eval")
    assert a.ok and a.total == 74.5
    assert SCRIPTED.count(stage="aesthetics") == 1 and SCRIPTED.count(stage="aesthetics-repair") == 1
    repair = SCRIPTED.answered[-1]["prompt"]
    assert "logic_flow.score" in repair and "visual_consistency" in repair


@pytest.mark.render
def test_a_judge_that_stays_malformed_is_a_reported_failure_not_a_score(lesson_run, tmp_path):
    model = script(tmp_path, [
        {"role": "judge", "stage": "aesthetics", "reply": "The layout is great, 18/20 overall."},
        {"role": "judge", "stage": "aesthetics-repair",
         "reply": json.dumps({**JUDGE_OK, "attractiveness": {"score": 14, "feedback": ""}})}])
    a = judge_aesthetics(eval_gateway(model), lesson_run, "Shapes and words", tmp_path / "eval")
    assert not a.ok and a.definite and a.total is None and a.scores == {}
    assert "did not fit the expected format" in a.error
    assert len(SCRIPTED.answered) == 2


@pytest.mark.render
def test_a_judge_that_watches_videos_gets_the_video(lesson_run, tmp_path):
    model = script(tmp_path, [{"role": "judge", "stage": "aesthetics", "reply": json.dumps(JUDGE_OK)}],
                   capabilities={"vision": True, "video": True})
    a = judge_aesthetics(eval_gateway(model, log=CallLog(tmp_path / "eval")), lesson_run, "Shapes",
                         tmp_path / "eval")
    assert a.ok and a.medium == "video" and a.frames == 0
    full = json.loads((tmp_path / "eval" / "calls" / "0001.json").read_text())
    kinds = [p["type"] for p in full["request"]["messages"][0]["content"]]
    assert kinds == ["text", "file"] and "base64" not in json.dumps(full)


# --- the student ----------------------------------------------------------------------------
QUESTIONS = [QuizQuestion(question=f"Question number {i}?", options=OPTS, answer=a)
             for i, a in enumerate("BCAD", 1)]


def student_script(folder: Path) -> str:
    ok = "EVIDENCE: SUFFICIENT\nANSWER: {}\nJUSTIFICATION: from the text."
    rep = []
    for n, letter in enumerate("BCAD", 1):
        rep.append({"role": "student", "stage": "quiz-baseline", "section": n, "reply": ok.format(letter)})
    rep += [
        {"role": "student", "stage": "quiz-unlearned", "section": 1,
         "reply": "EVIDENCE: INSUFFICIENT\nANSWER: NONE\nJUSTIFICATION: blocked."},
        {"role": "student", "stage": "quiz-unlearned", "section": 2,
         "reply": "I think A is wrong, the answer is C"},
        {"role": "student", "stage": "quiz-unlearned", "section": 3,
         "reply": "EVIDENCE: SUFFICIENT\nANSWER: I think B is wrong, the answer is A"},
        {"role": "student", "stage": "quiz-unlearned", "section": 4, "reply": ok.format("D")},
        {"role": "student", "stage": "quiz-video", "section": 1, "reply": ok.format("B")},
        {"role": "student", "stage": "quiz-video", "section": 2,
         "reply": "EVIDENCE: SUFFICIENT\nANSWER: C\nVIDEO_EVIDENCE: frame 1 rules out A."},
        {"role": "student", "stage": "quiz-video", "section": 3,
         "reply": "EVIDENCE: INSUFFICIENT\nANSWER: A\nVIDEO_EVIDENCE: insufficient evidence."},
        {"role": "student", "stage": "quiz-video", "section": 4, "reply": ok.format("B")},
    ]
    return script(folder, rep, name="student.yaml")


@pytest.mark.render
def test_teachquiz_from_scripted_students(lesson_run, tmp_path):
    model = student_script(tmp_path)
    q = teachquiz(eval_gateway(None, model), lesson_run, "Shapes and words", QUESTIONS,
                  tmp_path / "eval", shuffle=False)
    assert q.ok and q.medium == "keyframes" and q.frames == 3
    # baseline 4/4; unlearned: only q4 (1/4); relearned: q1 and q2 (2/4; q3 insufficient, q4 wrong)
    assert q.accuracy == {"baseline": 1.0, "unlearned": 0.25, "relearned": 0.5}
    assert q.teachquiz == 25.0 and q.unlearning_worked is True
    statuses = [x.status for x in q.stages["unlearned"].questions]
    assert statuses == ["insufficient", "no_answer", "invalid", "answered"]
    assert SCRIPTED.count(role="student") == 12  # one call per question and stage
    video_prompts = [a["prompt"] for a in SCRIPTED.answered if a["stage"] == "quiz-video"]
    assert all('end of lecture line 1: "A circle with its radius"' in p for p in video_prompts)
    assert all("Forbidden concept: Shapes and words" in p for p in video_prompts)


@pytest.mark.render
def test_a_student_that_cannot_be_reached_is_a_failure_not_a_score(lesson_run, tmp_path):
    model = script(tmp_path, [{"role": "student", "stage": "quiz-baseline", "repeat": True,
                               "reply": "ANSWER: B"},
                              {"role": "student", "stage": "quiz-unlearned", "repeat": True,
                               "error": "bad_request"}], name="broken.yaml")
    q = teachquiz(eval_gateway(None, model), lesson_run, "Shapes", QUESTIONS, tmp_path / "eval",
                  shuffle=False)
    assert not q.ok and not q.definite and q.teachquiz is None and q.unlearning_worked is None
    assert "4 quiz calls failed (unlearned)" in q.error


# --- MMMC end to end: generate, measure, resume -----------------------------------------------
def eval_script(folder: Path) -> str:
    return script(folder, [
        {"role": "judge", "stage": "aesthetics", "repeat": True, "reply": json.dumps(JUDGE_OK)},
        {"role": "student", "repeat": True,
         "reply": "EVIDENCE: SUFFICIENT\nANSWER: B\nJUSTIFICATION: scripted."}], name="eval.yaml")


def script_calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


@pytest.mark.render
def test_mmmc_evaluation_resumes_without_redoing_anything(tmp_path, monkeypatch):
    from code2video_jupyter.cli.main import main as cli
    from code2video_jupyter.evaluation.report import load_results
    from code2video_jupyter.evaluation.runner import EvalSettings, run_mmmc

    log = tmp_path / "script.log"  # every scripted call, from any process
    monkeypatch.setenv("C2V_SCRIPT_LOG", str(log))
    judge = eval_script(tmp_path)
    topics = select_topics(count=2)
    options = {"model": "scripted/demo", "quality": "l"}
    options.update({k: False for k in ("narration", "critic") if k in RunOptions.model_fields})
    out = tmp_path / "mmmc"
    # one job: generation in this process (the process pool and Dask are tested in test_batch)
    first = run_mmmc(topics, out, run_options=options, settings=EvalSettings(judge_model=judge),
                     jobs=1)
    assert first.incomplete == {} and first.evaluated == sorted(t.key for t in topics)
    assert first.generation_tasks == 2
    folders = sorted(p.name for p in (out / "topics").iterdir())
    assert folders == sorted(t.key for t in topics)  # named by key, never by position
    results = load_results(out)
    assert all(r.aesthetics.ok and r.aesthetics.total == 74.5 for r in results)
    assert all(r.teachquiz.ok and r.offline.render_success == 1.0 for r in results)
    # the demo's storyboard ignores the topic: the second topic's later calls may be cache hits
    assert all(r.efficiency.model_calls + r.efficiency.cache_hits == 5 for r in results)
    assert all(r.efficiency.model_fix_rounds == 1 for r in results)
    assert all(set(r.efficiency.stage_seconds) >= {"storyboard", "render"} for r in results)
    calls_before = script_calls(log)
    # what the provider answered = generation calls + per topic 1 judge and 15 student calls
    assert calls_before == sum(r.efficiency.model_calls for r in results) + 2 * (1 + 15)
    videos = {p: p.stat().st_mtime_ns for p in out.rglob("section.mp4")}
    assert len(videos) == 4

    # Again, through the CLI, with the topics the other way round: nothing is redone.
    SCRIPTED.reset()
    ids = [t.key for t in reversed(topics)]
    code = cli(["eval", "mmmc", "--out", str(out), "--topic-ids", *ids, "--model", "scripted/demo",
                "--judge-model", judge, "--jobs", "2"]
               + [f"--no-{k}" for k in ("narration", "critic") if k in RunOptions.model_fields])
    assert code == 0
    assert script_calls(log) == calls_before and SCRIPTED.answered == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("section.mp4")} == videos
    assert (out / "report.md").exists() and (out / "plots" / "aesthetics.png").exists()

    # A topic whose result is lost is measured again, without generating its video again.
    (out / "topics" / topics[0].key / "result.json").unlink()
    again = run_mmmc(topics, out, run_options=options, settings=EvalSettings(judge_model=judge))
    assert again.generation_tasks == 0 and again.evaluated == [topics[0].key]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("section.mp4")} == videos


@pytest.mark.render
def test_report_tables_and_plots(tmp_path, lesson_run):
    """The report from hand-made results: hand-computed means, the paper's rows, PNG plots."""
    from code2video_jupyter.evaluation.aesthetics import AestheticsResult
    from code2video_jupyter.evaluation.batch import GenerationResult
    from code2video_jupyter.evaluation.report import write_report
    from code2video_jupyter.evaluation.runner import TopicResult
    from code2video_jupyter.evaluation.teachquiz import TeachQuizResult
    from code2video_jupyter.store import atomic

    offline = offline_measures(lesson_run, probe=False)
    for key, total, tq, acc in (("a-1", 60.0, 20.0, (0.8, 0.4, 0.6)), ("b-2", 80.0, 60.0, (1.0, 0.2, 0.8))):
        r = TopicResult(key=key, title=f"Topic {key}", generation=GenerationResult(
            key=key, topic=key, status="done", elapsed=120.0), offline=offline,
            efficiency=efficiency(lesson_run, wall_seconds=120.0),
            aesthetics=AestheticsResult(ok=True, total=total, scores=dict.fromkeys(DIMENSIONS, total / 5)),
            teachquiz=TeachQuizResult(ok=True, teachquiz=tq, unlearning_worked=True,
                                      accuracy=dict(zip(("baseline", "unlearned", "relearned"), acc,
                                                        strict=True))))
        atomic.write_json(tmp_path / "topics" / key / "result.json", r.model_dump(mode="json"))
    path = write_report(tmp_path)
    text = path.read_text()
    # aesthetics mean 70, sd 14.142, t(0.975, 1) = 12.7062 -> 70 +- 127.06
    assert "| aesthetics (0-100) | 70.0 [-57.1, 197.1] (n=2) |" in text
    assert "| TeachQuiz (points) | 40.0 [-214.1, 294.1] (n=2) |" in text
    assert "paper: Code2Video (Claude Opus 4.1) | 13.8 | 43.1 | 87.9 | 86.0" in text
    assert "| **this evaluation** | 2.0 | 0.0 | 70.0 | 40.0 |" in text
    assert "arXiv 2510.01174" in text and "Yanzhe Chen" in text
    for name in ("aesthetics", "teachquiz", "efficiency", "paper_comparison"):
        png = tmp_path / "plots" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["unlearning_worked"] == {"share": 1.0, "n": 2}


def test_eval_commands_are_registered():
    from code2video_jupyter.cli.main import _parser

    p = _parser()
    args = p.parse_args(["eval", "mmmc", "--out", "x", "--topics", "2", "--judge-model", "j",
                         "--fix", "none", "--jobs", "3"])
    assert (args.topics, args.judge_model, args.fix, args.jobs) == (2, "j", "none", 3)
    assert p.parse_args(["eval", "report", "x"]).handler.__name__ == "_report"
    assert p.parse_args(["batch", "t.json", "--out", "o", "--executor", "dask"]).executor == "dask"


def test_same_model_for_critic_and_judge_is_warned_about():
    from code2video_jupyter.evaluation.runner import same_model_warning

    assert "same model" in same_model_warning({"model": "openai/gpt-4.1"}, "openai/gpt-4.1")
    assert same_model_warning({"model": "openai/gpt-4.1", "critic_model": "x/y"}, "openai/gpt-4.1") is None


def test_evaluation_imports_nothing_heavy():
    import subprocess
    import sys

    code = textwrap.dedent("""
        import sys
        import code2video_jupyter.evaluation.runner, code2video_jupyter.evaluation.report
        import code2video_jupyter.cli.evaluate
        heavy = [m for m in ("litellm", "manim", "matplotlib", "distributed") if m in sys.modules]
        print(heavy)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ})
    assert out.stdout.strip() == "[]"


def test_golden_evaluation_prompts():
    """Every change of the judge's or the student's prompts shows up in review as a diff of
    tests/golden/ (accept one with C2V_UPDATE_GOLDEN=1)."""
    from code2video_jupyter.evaluation.teachquiz import _messages
    from code2video_jupyter.prompts import render

    golden = Path(__file__).parent / "golden"
    q = QUESTIONS[1]
    frames = [{"type": "text", "text": "Frame 1/1: Section 1 \"Intro\", end of lecture line 1: \"Hi\""}]
    texts = {
        "eval_judge_aesthetics": render("judge_aesthetics", topic="Fourier series",
                                        medium="3 keyframes of the video"),
        **{f"eval_quiz_{stage}": "\n---\n".join(
            p["text"] if isinstance(p, dict) else str(p)
            for m in _messages(stage, "Fourier series", q, 2, frames, "keyframes")
            for p in (m["content"] if isinstance(m["content"], list) else [m["content"]]))
           for stage in ("baseline", "unlearned", "relearned")},
    }
    for name, text in texts.items():
        path = golden / f"{name}.txt"
        if os.environ.get("C2V_UPDATE_GOLDEN") or not path.exists():
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"prompt {name} changed: review and update"
