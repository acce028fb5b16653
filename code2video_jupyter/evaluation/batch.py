"""Batch generation: one video per topic, topics in parallel, on this machine or a Dask cluster.

``code2video batch TOPICS.json --out DIR [--executor local|dask] [--jobs N]``

- One task per topic. A task runs the ordinary pipeline (``pipeline.run``, the same options as
  every front end) into ``DIR/topics/<key>/run``; ``key`` is a slug of the topic plus a hash of
  it, so a topic's folder never depends on its position in the list.
- A finished topic is recorded in ``DIR/topics/<key>/generation.json`` (written atomically by
  the task itself, so a driver that dies loses nothing) and never run again. A failed task
  (an exception: a model that could not be reached, a crash) is retried ``retries`` times; as
  the pipeline resumes its run folder, a retry redoes only what is missing.
- The task writes the run's events to ``DIR/topics/<key>/events.jsonl`` (with ``t``, seconds
  since the task began): stage wall times for the efficiency measures.
- A spec with a ``lesson`` (a course: ``course/``) renders that outline instead, offline, and
  is run again by every batch: its run resumes and recomputes only what is stale (an edited
  outline), so a finished lesson costs a no-op run, and an edited one is never left stale.
- Executors: ``local`` is a process pool on this machine (``--jobs 1`` runs in this process);
  ``dask`` submits the tasks to a Dask cluster (``scheduler`` address, or a local cluster on
  loopback started for the batch). With a remote cluster ``DIR`` must be on storage that every
  worker sees at the same path, and the workers need this package installed.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..options import RunOptions
from ..store import atomic
from .mmmc import topic_key

Executor = Literal["local", "dask"]
EXECUTORS: tuple[str, ...] = ("local", "dask")
# Test hook: a JSON file {topic key: number of attempts to fail}; the failures are counted in
# marker files beside it, so they hold across worker processes and machines.
FAULTS_ENV = "C2V_BATCH_FAULTS"
# Fields of RunOptions that the batch sets per topic (never taken from the shared options).
PER_TOPIC = {"topic", "lesson", "out", "name", "new"}


class TopicSpec(BaseModel):
    topic: str
    key: str = ""
    lesson: str | None = Field(default=None, description="A lesson outline to render (instead of the topic).")
    options: dict[str, Any] = Field(default_factory=dict, description="RunOptions for this topic.")

    def model_post_init(self, _: Any) -> None:
        self.topic = self.topic.strip()
        if not self.key:
            self.key = topic_key(self.topic)


class GenerationResult(BaseModel):
    key: str
    topic: str
    status: Literal["done", "partial", "failed"]
    attempts: int = 1
    elapsed: float | None = Field(default=None, description="Wall time of the successful attempt, s.")
    video: str | None = None
    duration: float | None = None
    failed_sections: list[int] = Field(default_factory=list)
    rendered: list[int] = Field(default_factory=list, description="Sections this attempt rendered.")
    cached: list[int] = Field(default_factory=list, description="Sections it found current.")
    error: str | None = None
    worker: str = ""
    finished: str = ""

    @property
    def finished_ok(self) -> bool:
        return self.status in ("done", "partial")


class BatchProgress(BaseModel):
    total: int
    done: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = Field(default=0, description="Finished by an earlier batch.")
    running: int = 0
    retries: int = 0
    event: str = ""
    key: str | None = None
    message: str = ""

    def line(self) -> str:
        finished = self.done + self.partial + self.failed + self.skipped
        return (f"[{finished}/{self.total}] {self.event} {self.key or ''}: {self.message} "
                f"(done {self.done + self.skipped}, partial {self.partial}, failed {self.failed}, "
                f"running {self.running}, retries {self.retries})")


# --- topics files ----------------------------------------------------------------------------
def read_topics(path: Path) -> list[TopicSpec]:
    """TOPICS.json: a list of topics (strings, or ``{"topic": ..., "options": {...}}``), or an
    object whose keys are the topics (such as a quiz bank), or ``{"topics": [...]}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("topics"), list):
        data = data["topics"]
    if isinstance(data, dict):
        items: Iterable[Any] = list(data)
    elif isinstance(data, list):
        items = data
    else:
        raise ValueError(f"{path}: expected a list of topics or an object keyed by topic")
    specs, seen = [], set()
    for i, item in enumerate(items, 1):
        if isinstance(item, str):
            spec = TopicSpec(topic=item)
        elif isinstance(item, dict) and isinstance(item.get("topic") or item.get("title"), str):
            spec = TopicSpec(topic=item.get("topic") or item["title"], options=item.get("options") or {})
        else:
            raise ValueError(f"{path}: entry {i} is neither a topic string nor an object with 'topic'")
        if not spec.topic:
            raise ValueError(f"{path}: entry {i} is an empty topic")
        bad = set(spec.options) - set(RunOptions.model_fields)
        if bad:
            raise ValueError(f"{path}: entry {i} ({spec.topic!r}) has unknown options: {', '.join(sorted(bad))}")
        if spec.key not in seen:
            seen.add(spec.key)
            specs.append(spec)
    return specs


# --- folders ---------------------------------------------------------------------------------
def topic_dir(out: Path, key: str, folder: str = "topics") -> Path:
    return Path(out) / folder / key


def read_generation(out: Path, key: str, folder: str = "topics") -> GenerationResult | None:
    return _read_result(topic_dir(out, key, folder) / "generation.json")


def _read_result(path: Path) -> GenerationResult | None:
    if not path.exists():
        return None
    try:
        return GenerationResult.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


# --- the task (runs in a worker) -------------------------------------------------------------
def generate_topic(task: dict[str, Any]) -> dict[str, Any]:
    """Generate one topic's video into its folder; returns its GenerationResult as a dict.
    Raises on failure (the driver retries). Module-level, so any executor can pickle it."""
    from ..pipeline import run

    folder = Path(task["folder"])
    key, topic, attempt = task["key"], task["topic"], int(task.get("attempt", 1))
    previous = _read_result(folder / "generation.json")
    if previous is not None and previous.finished_ok and not task.get("lesson"):
        return previous.model_dump()
    folder.mkdir(parents=True, exist_ok=True)
    _injected_fault(key)
    t0 = time.monotonic()
    events = (folder / "events.jsonl").open("a", encoding="utf-8")

    def listen(event: BaseModel) -> None:
        row = {"t": round(time.monotonic() - t0, 3), "attempt": attempt, **event.model_dump(mode="json")}
        events.write(json.dumps(row) + "\n")
        events.flush()

    try:
        what = {"lesson": Path(task["lesson"])} if task.get("lesson") else {"topic": topic}
        options = RunOptions(**{**task["options"], **what, "out": folder / "run"})
        summary = run(options, listen)
    finally:
        events.close()
    result = GenerationResult(
        key=key, topic=topic, status="done" if summary.complete else "partial", attempts=attempt,
        elapsed=round(time.monotonic() - t0, 3),
        video=str(summary.video) if summary.video else None, duration=summary.duration,
        failed_sections=list(summary.failed), rendered=list(summary.rendered),
        cached=list(summary.cached), worker=f"{socket.gethostname()}:{os.getpid()}",
        finished=datetime.now(UTC).isoformat(timespec="seconds"))
    atomic.write_json(folder / "generation.json", result.model_dump(mode="json"))
    return result.model_dump()


def _injected_fault(key: str) -> None:
    path = os.environ.get(FAULTS_ENV)
    if not path or not Path(path).exists():
        return
    wanted = int(json.loads(Path(path).read_text()).get(key, 0))
    for n in range(wanted):
        marker = Path(f"{path}.{key}.{n}")
        try:
            marker.touch(exist_ok=False)
        except FileExistsError:
            continue
        raise RuntimeError(f"injected fault {n + 1}/{wanted} for {key} ({FAULTS_ENV})")


# --- executors -------------------------------------------------------------------------------
class _Inline:
    """--jobs 1: one topic after another, in this process."""

    def __init__(self) -> None:
        self._queue: list[tuple[Any, Callable, dict]] = []

    def submit(self, fn: Callable, arg: dict, key: str) -> Any:
        handle = object()
        self._queue.append((handle, fn, arg))
        return handle

    def wait_any(self, handles: list[Any]) -> list[tuple[Any, Any, BaseException | None]]:
        handle, fn, arg = self._queue.pop(0)
        try:
            return [(handle, fn(arg), None)]
        except Exception as e:
            return [(handle, None, e)]

    def close(self) -> None:
        self._queue.clear()


class _Local:
    def __init__(self, jobs: int) -> None:
        import multiprocessing

        # spawn: the driver may hold threads (litellm, progress) that fork would copy mid-state
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, fn: Callable, arg: dict, key: str) -> Any:
        return self.pool.submit(fn, arg)

    def wait_any(self, handles: list[Any]) -> list[tuple[Any, Any, BaseException | None]]:
        done, _ = wait(handles, return_when=FIRST_COMPLETED)
        out = []
        for f in done:
            error = f.exception()
            out.append((f, None if error else f.result(), error))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    def __init__(self, jobs: int, scheduler: str | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError("--executor dask needs Dask: pip install 'code2video-jupyter[cluster]'"
                               ) from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)

    def submit(self, fn: Callable, arg: dict, key: str) -> Any:
        # pure=False: a retry is a new task, never the cached failure of the last one
        return self.client.submit(fn, arg, key=f"c2v-{key}-{arg['attempt']}", pure=False, retries=0)

    def wait_any(self, handles: list[Any]) -> list[tuple[Any, Any, BaseException | None]]:
        from distributed import wait as dwait

        done, _ = dwait(handles, return_when="FIRST_COMPLETED")
        out = []
        for f in done:
            if f.status == "error":
                out.append((f, None, f.exception()))
            elif f.status == "cancelled":
                out.append((f, None, RuntimeError("the task was cancelled (its worker was lost?)")))
            else:
                out.append((f, f.result(), None))
        return out

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(executor: Executor, jobs: int, scheduler: str | None, pending: int):
    if executor == "dask":
        return _Dask(jobs, scheduler)
    if executor != "local":
        raise ValueError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
    if jobs <= 1 or pending <= 1:
        return _Inline()
    return _Local(min(jobs, pending))


# --- the driver ------------------------------------------------------------------------------
@dataclass
class BatchReport:
    out: Path
    results: dict[str, GenerationResult] = field(default_factory=dict)
    submitted: int = 0  # tasks submitted, retries included (0 when everything was finished)
    elapsed: float = 0.0

    @property
    def failed(self) -> list[str]:
        return [k for k, r in self.results.items() if r.status == "failed"]


def section_jobs(jobs: int) -> int:
    """Render jobs per topic, so that N topics at once do not oversubscribe the cores."""
    return max(1, (os.cpu_count() or 1) // max(1, jobs))


def run_batch(specs: list[TopicSpec], out: Path, *, options: dict[str, Any] | None = None,
              executor: Executor = "local", jobs: int = 2, retries: int = 2,
              scheduler: str | None = None,
              on_progress: Callable[[BatchProgress], None] | None = None,
              task: Callable[[dict[str, Any]], dict[str, Any]] = generate_topic,
              folder: str = "topics") -> BatchReport:
    """Generate every topic not finished yet (and every lesson: see the module's notes);
    returns each topic's result. ``options`` are RunOptions fields shared by all topics (a
    topic's own ``options`` win). ``task`` runs one topic in a worker (module-level, so it
    pickles; it calls ``generate_topic``); ``folder`` names the folder of the topics' folders."""
    out = Path(out).resolve()
    t0 = time.monotonic()
    base = {k: v for k, v in (options or {}).items() if k not in PER_TOPIC and v is not None}
    base.setdefault("jobs", section_jobs(jobs))
    report = BatchReport(out=out)
    progress = BatchProgress(total=len(specs))
    notify = on_progress or (lambda p: None)
    atomic.write_json(out / "batch.json", {
        "topics": [{"key": s.key, "topic": s.topic, "lesson": s.lesson, "options": s.options}
                   for s in specs],
        "options": json.loads(RunOptions(**{**base, "topic": "x"}).model_dump_json(
            exclude={"topic", "out", "lesson", "name", "new"})),
        "executor": executor, "jobs": jobs, "retries": retries})

    pending: list[TopicSpec] = []
    for spec in specs:
        previous = read_generation(out, spec.key, folder)
        if previous is not None and previous.finished_ok and spec.lesson is None:
            report.results[spec.key] = previous
            progress.skipped += 1
        else:
            pending.append(spec)
    if progress.skipped:
        notify(progress.model_copy(update={"event": "skipped",
                                           "message": f"{progress.skipped} topics finished earlier"}))
    if not pending:
        report.elapsed = round(time.monotonic() - t0, 3)
        return report

    pool = _executor(executor, jobs, scheduler, len(pending))
    running: dict[Any, tuple[TopicSpec, int]] = {}

    def submit(spec: TopicSpec, attempt: int) -> None:
        job = {"key": spec.key, "topic": spec.topic, "lesson": spec.lesson,
               "folder": str(topic_dir(out, spec.key, folder)),
               "options": {**base, **spec.options}, "attempt": attempt}
        report.submitted += 1
        progress.running += 1
        notify(progress.model_copy(update={"event": "started", "key": spec.key,
                                           "message": f"attempt {attempt}: {spec.topic}"}))
        running[pool.submit(task, job, spec.key)] = (spec, attempt)

    try:
        for spec in pending:
            submit(spec, 1)
        while running:
            for handle, value, error in pool.wait_any(list(running)):
                spec, attempt = running.pop(handle)
                progress.running -= 1
                if error is None:
                    result = GenerationResult.model_validate(value)
                    report.results[spec.key] = result
                    if result.status == "done":
                        progress.done += 1
                    else:
                        progress.partial += 1
                    notify(progress.model_copy(update={
                        "event": result.status, "key": spec.key,
                        "message": f"{result.elapsed or 0:.1f} s, video {result.duration or 0:.1f} s"
                                   + (f", placeholder sections {result.failed_sections}"
                                      if result.failed_sections else "")}))
                elif attempt <= retries:
                    progress.retries += 1
                    notify(progress.model_copy(update={"event": "retry", "key": spec.key,
                                                       "message": f"{type(error).__name__}: {error}"}))
                    submit(spec, attempt + 1)
                else:
                    result = GenerationResult(
                        key=spec.key, topic=spec.topic, status="failed", attempts=attempt,
                        error=f"{type(error).__name__}: {error}"[:1000],
                        finished=datetime.now(UTC).isoformat(timespec="seconds"))
                    # recorded for the report; a failed topic is tried again by the next batch
                    atomic.write_json(topic_dir(out, spec.key, folder) / "generation.json",
                                      result.model_dump(mode="json"))
                    report.results[spec.key] = result
                    progress.failed += 1
                    notify(progress.model_copy(update={"event": "failed", "key": spec.key,
                                                       "message": result.error or ""}))
    finally:
        pool.close()
    report.elapsed = round(time.monotonic() - t0, 3)
    return report
