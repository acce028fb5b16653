"""Shared helpers: lessons written into tmp folders, runs with their events recorded."""

from __future__ import annotations

import importlib
import os
import textwrap
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

# every reuse of a shared syntax tree checks that no reader changed it (pyparse.parse_shared)
os.environ.setdefault("C2V_CHECK_SHARED_TREES", "1")

from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "notebooks" / "lessons"


def wait_until(condition, seconds: float = 60.0, what: str = "the condition") -> None:
    """Poll ``condition`` until it holds; fail after ``seconds`` (a deadline, not a timing:
    how fast things happen is measured in bench/, never asserted here)."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds:.0f} s"
        time.sleep(0.05)


def render_jobs(folder: Path | str | None = None) -> list[int]:
    """Pids of the sandboxed renders this test process started that run now: cold renders'
    processes (of ``folder``'s run only, when given: its scratch folder is on their command
    line) and the jobs of its warm workers (the workers themselves live on between jobs).
    Only descendants count: another suite may be rendering on the same machine."""
    import psutil

    from code2video_jupyter.sandbox.pool import current_pool

    wanted = str(Path(folder).resolve()) if folder else ""
    out = []
    for p in psutil.Process().children(recursive=True):
        try:
            cmdline = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if "code2video_jupyter.sandbox.child" in cmdline and wanted in cmdline:
            out.append(p.pid)
    pool = current_pool()
    return out + (pool.job_pids() if pool else [])


def unavailable(message: str) -> NoReturn:
    """A missing prerequisite: skipped here with its reason, a failure in CI (``$CI`` set):
    scripts/install.sh --dev installs every one, so a skip there would hide a broken test."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_module(name: str, why: str) -> ModuleType:
    """The module, or ``unavailable`` (see there) if it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        unavailable(f"{name} is not installed ({why})")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # One TeX cache for the whole session, never the user's.
    monkeypatch.setenv("C2V_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def fresh_model(tmp_path, monkeypatch):
    """The scripted provider from its first reply, a reply cache of this test's own, quick
    retries, and no model leaking in from the environment."""
    from code2video_jupyter.gateway.scripted import SCRIPTED

    SCRIPTED.reset()
    monkeypatch.setenv("C2V_LLM_CACHE", str(tmp_path / "llm"))
    monkeypatch.setenv("C2V_RETRY_BACKOFF", "0.01")
    monkeypatch.delenv("C2V_MODEL", raising=False)
    return SCRIPTED


def write_lesson(folder: Path, text: str, name: str = "lesson.md") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


class Recorder:
    def __init__(self) -> None:
        self.events = []

    def __call__(self, e) -> None:
        self.events.append(e)

    def of(self, kind: str):
        return [e for e in self.events if e.type == kind]

    def rendered(self) -> list[int]:
        return sorted(e.section for e in self.of("stage_finished")
                      if e.stage == "render" and e.status in ("done", "failed"))


def run_lesson(lesson: Path | None, out: Path, **options):
    rec = Recorder()
    # Silent unless a test is about narration: speech makes every render longer.
    options.setdefault("narration", False)
    opts = RunOptions(lesson=lesson if lesson is not None else out, out=out,
                      jobs=options.pop("jobs", min(2, os.cpu_count() or 1)), **options)
    summary = run(opts, rec)
    return summary, rec


SMALL_LESSON = """
# Small lesson

## First
- One line with an equation
  ```equation #e
  a^2 + b^2 = c^2
  ```

## Second
- A circle
  ```shape
  shape: circle
  label: r
  ```

## Third
- Just words on the canvas
  ```text
  Plain words.
  ```
"""
