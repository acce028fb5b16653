"""``code2video course LESSONS_DIR``: every lesson outline of a folder built into a course, offline.

The lessons run on the batch runner (``evaluation/batch.py``: a process pool here, or a Dask
cluster), each into ``OUT/lessons/<key>/run`` (a run folder, written only by its run store)
with its presentation beside it (``present/``). Building again resumes: each lesson's run
recomputes only what is stale (an edited outline renders only the sections it changed; an
unchanged course renders nothing) and each presentation re-cuts only the clips whose section
changed. Then the course page (``index.html``) and ``course.json`` are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evaluation.batch import BatchProgress, BatchReport, Executor, run_batch
from .lessons import default_course_path, read_lessons
from .page import LESSONS, PAGE, Course, write_course
from .task import build_lesson


@dataclass
class CourseReport:
    out: Path
    page: Path
    course: Course
    batch: BatchReport

    @property
    def failed(self) -> list[str]:
        return [x.key for x in self.course.lessons if x.status in ("failed", "missing")]

    @property
    def partial(self) -> list[str]:
        return [x.key for x in self.course.lessons if x.status == "partial"]


def course_title(folder: Path) -> str:
    name = Path(folder).resolve().name.replace("-", " ").replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else "Course"


def build_course(lessons: str | Path, out: str | Path | None = None, *,
                 title: str | None = None, options: dict[str, Any] | None = None,
                 executor: Executor = "local", jobs: int = 2, retries: int = 1,
                 scheduler: str | None = None,
                 on_progress: Callable[[BatchProgress], None] | None = None) -> CourseReport:
    """Build (or bring up to date) the course of the lesson outlines in ``lessons``.
    ``options`` are RunOptions fields shared by every lesson (quality, narration, voice...)."""
    lessons = Path(lessons)
    specs = read_lessons(lessons)  # every outline parsed before anything renders
    out = Path(out) if out is not None else default_course_path(lessons)
    report = run_batch(specs, out, options=options, executor=executor, jobs=jobs, retries=retries,
                       scheduler=scheduler, on_progress=on_progress, task=build_lesson,
                       folder=LESSONS)
    course = write_course(report.out, title or course_title(lessons), specs, report.results)
    return CourseReport(out=report.out, page=report.out / PAGE, course=course, batch=report)
