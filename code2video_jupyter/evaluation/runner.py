"""The MMMC evaluation: ``code2video eval mmmc --out DIR [--topics N | --topic-ids ...]``.

For each selected topic: generate its video through the batch layer (topics in parallel, in a
bounded pool, on this machine or a Dask cluster), then measure it -- the model-free measures,
efficiency, aesthetics (judge) and TeachQuiz (student) -- in a bounded pool of threads.

Each topic's measures go to ``DIR/topics/<key>/result.json``, written atomically once every
measure asked for has a definite outcome (a score, or a reported failure such as a judge answer
that stayed malformed after its repair round). A topic with a result is never redone; a later
run that asks for more (a judge model given this time) adds only the missing measures. A topic
whose generation failed, or whose judge could not be reached, has no result yet and is tried
again next time. Topics are named by key, never by position: the selection and its order do not
change any topic's result.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..options import RunOptions
from ..store import atomic
from .aesthetics import AestheticsResult, judge_aesthetics
from .batch import (
    Executor,
    GenerationResult,
    TopicSpec,
    read_generation,
    run_batch,
    topic_dir,
)
from .calls import CallLog, eval_gateway
from .efficiency import Efficiency, efficiency
from .mmmc import Topic
from .offline import OfflineMeasures, offline_measures
from .teachquiz import TeachQuizResult, teachquiz

Medium = Literal["auto", "keyframes", "video"]


class EvalSettings(BaseModel):
    judge_model: str | None = None
    student_model: str | None = Field(default=None, description="Default: the judge model.")
    api_base: str | None = None
    medium: Medium = "auto"
    shuffle: bool = True
    probe: bool = True
    max_frames: int = 24
    llm_timeout: float = 120.0

    @property
    def student(self) -> str | None:
        return self.student_model or self.judge_model


class TopicResult(BaseModel):
    key: str
    number: int | None = None
    title: str
    generation: GenerationResult
    offline: OfflineMeasures | None = None
    efficiency: Efficiency | None = None
    aesthetics: AestheticsResult | None = None
    teachquiz: TeachQuizResult | None = None
    warnings: list[str] = Field(default_factory=list)
    evaluated: str = ""

    def missing(self, settings: EvalSettings) -> list[str]:
        out = [m for m in ("offline", "efficiency") if getattr(self, m) is None]
        if settings.judge_model and self.aesthetics is None:
            out.append("aesthetics")
        if settings.student and self.teachquiz is None:
            out.append("teachquiz")
        return out


class MMMCReport(BaseModel):
    out: Path
    topics: int
    evaluated: list[str] = Field(default_factory=list, description="Keys measured by this call.")
    skipped: list[str] = Field(default_factory=list, description="Keys finished earlier.")
    incomplete: dict[str, str] = Field(default_factory=dict, description="Key -> why (retried next time).")
    generation_tasks: int = 0
    warnings: list[str] = Field(default_factory=list)


def judge_model(options: dict[str, Any]) -> str | None:
    """The judge: --judge-model, C2V_JUDGE_MODEL or the config file's ``judge`` -- never the
    generation model by default (a model judging its own videos favours them)."""
    from ..gateway.roles import _config

    return options.get("judge_model") or os.environ.get("C2V_JUDGE_MODEL") or _config().get("judge")


def same_model_warning(options: dict[str, Any], judge: str | None) -> str | None:
    from ..gateway import resolve_models

    if not judge:
        return None
    critic = resolve_models(RunOptions(**{**options, "topic": "x"})).get("critic")
    if critic and critic == judge:
        return (f"the critic and the judge are the same model ({judge}): a judge tends to favour "
                "layouts its own fixes produced; prefer another judge (--judge-model)")
    return None


def result_path(out: Path, key: str) -> Path:
    return topic_dir(out, key) / "result.json"


def read_result(out: Path, key: str) -> TopicResult | None:
    path = result_path(out, key)
    if not path.exists():
        return None
    try:
        return TopicResult.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def evaluate_topic(topic: Topic, out: Path, generation: GenerationResult, settings: EvalSettings,
                   previous: TopicResult | None = None) -> tuple[TopicResult, str | None]:
    """Measure one generated topic; returns the result and, if it is not definite yet, why."""
    folder = topic_dir(out, topic.key)
    run = folder / "run"
    res = previous or TopicResult(key=topic.key, number=topic.number, title=topic.title,
                                  generation=generation)
    res.generation = generation
    if res.offline is None:
        res.offline = offline_measures(run, probe=settings.probe, jobs=1)
    if res.efficiency is None:
        res.efficiency = efficiency(run, folder / "events.jsonl", wall_seconds=generation.elapsed)
    why = None
    wants_judge = settings.judge_model and res.aesthetics is None
    wants_quiz = settings.student and res.teachquiz is None
    if wants_judge or wants_quiz:
        gw = eval_gateway(settings.judge_model, settings.student_model, log=CallLog(folder / "eval"),
                          timeout=settings.llm_timeout, api_base=settings.api_base)
        if wants_judge:
            a = judge_aesthetics(gw, run, topic.title, folder / "eval", medium=settings.medium,
                                 max_frames=settings.max_frames)
            if a.definite:
                res.aesthetics = a
            else:
                why = f"aesthetics: {a.error}"
        if wants_quiz:
            q = teachquiz(gw, run, topic.title, topic.questions, folder / "eval",
                          shuffle=settings.shuffle, medium=settings.medium,
                          max_frames=settings.max_frames)
            if q.definite:
                res.teachquiz = q
            else:
                why = (why + "; " if why else "") + f"teachquiz: {q.error}"
    res.evaluated = datetime.now(UTC).isoformat(timespec="seconds")
    return res, why


def run_mmmc(topics: list[Topic], out: Path, *, run_options: dict[str, Any] | None = None,
             settings: EvalSettings | None = None, executor: Executor = "local", jobs: int = 2,
             retries: int = 2, scheduler: str | None = None,
             log: Callable[[str], None] | None = None) -> MMMCReport:
    """Generate and measure ``topics`` into ``out`` (resumable; see the module's docstring)."""
    out = Path(out).resolve()
    options = dict(run_options or {})
    settings = settings or EvalSettings(judge_model=judge_model(options))
    say = log or (lambda line: None)
    report = MMMCReport(out=out, topics=len(topics))
    warning = same_model_warning(options, settings.judge_model)
    if warning:
        report.warnings.append(warning)
        say(f"warning: {warning}")
    if not settings.judge_model:
        report.warnings.append("no judge model (--judge-model): aesthetics and TeachQuiz are not measured")
        say(f"note: {report.warnings[-1]}")

    todo: list[tuple[Topic, TopicResult | None]] = []
    for t in topics:
        previous = read_result(out, t.key)
        if previous is not None and not previous.missing(settings):
            report.skipped.append(t.key)
        else:
            todo.append((t, previous))
    if report.skipped:
        say(f"{len(report.skipped)} topics were measured earlier: kept as they are")
    if not todo:
        return report

    need_video = [t for t, prev in todo if prev is None]
    batch = run_batch([TopicSpec(topic=t.title, key=t.key) for t in need_video], out, options=options,
                      executor=executor, jobs=jobs, retries=retries, scheduler=scheduler,
                      on_progress=lambda p: say(p.line()))
    report.generation_tasks = batch.submitted

    lock = threading.Lock()

    def measure(item: tuple[Topic, TopicResult | None]) -> None:
        topic, previous = item
        generation = previous.generation if previous is not None else read_generation(out, topic.key)
        if generation is None or not generation.finished_ok:
            with lock:
                report.incomplete[topic.key] = ("generation failed: " + (generation.error or "")
                                                if generation is not None else "not generated")
            say(f"not measured {topic.key}: {report.incomplete[topic.key]}")
            return
        try:
            result, why = evaluate_topic(topic, out, generation, settings, previous)
        except Exception as e:  # one topic's trouble never stops the others
            with lock:
                report.incomplete[topic.key] = f"{type(e).__name__}: {e}"
            say(f"not measured {topic.key}: {type(e).__name__}: {e}")
            return
        if warning and warning not in result.warnings:
            result.warnings.append(warning)
        with lock:
            if why is None:
                atomic.write_json(result_path(out, topic.key), result.model_dump(mode="json"))
                report.evaluated.append(topic.key)
            else:
                report.incomplete[topic.key] = why
        say(f"measured {topic.key}" + ("" if why is None else f" (incomplete, retried next time: {why})"))

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="c2v-eval") as pool:
        list(pool.map(measure, todo))
    report.evaluated.sort()
    return report
