"""A course in a notebook: a table of its lessons (poster, status, what the last build did) with
links to the videos, the presentations and the course page, as HTML that a saved notebook
keeps (no widget state). Links are relative to the notebook's folder (``base``)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..store import RunReader
from .page import LESSONS, PAGE, _poster, read_course
from .task import RUN

_TEMPLATES = resources.files(__package__) / "templates"


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        return path.resolve().as_uri()


def course_summary_html(out: str | Path, base: str | Path | None = None) -> str:
    """The built course in ``out`` as HTML (FileNotFoundError if it was never built)."""
    import jinja2

    out, base = Path(out), Path(base or Path.cwd())
    course = read_course(out)
    rows = []
    for lesson in course.lessons:
        run_folder = out / LESSONS / lesson.key / RUN
        poster = None
        if RunReader.exists(run_folder) and lesson.sections:
            poster = _poster(RunReader.open(run_folder), lesson.sections[0].id, width=320)
        rows.append({
            "lesson": lesson, "poster": poster,
            "lines": sum(len(s.lines) for s in lesson.sections),
            "video": _relative(out / lesson.video, base) if lesson.video else None,
            "presentation": _relative(out / lesson.presentation, base) if lesson.presentation else None,
        })
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True)
    page = out / PAGE
    return env.get_template("summary.html").render(
        course=course, rows=rows, page=_relative(page, base) if page.exists() else None)
