"""The course page: one static HTML file (``index.html`` in the course folder) with each lesson
in order: its title, its storyboard, a poster, its video and its presentation. Posters are
inline (the page is one file); videos and presentations are linked by relative paths, so the
course folder can be copied anywhere, or served as it is, and opens from disk.

``course.json`` beside it records the same (without the posters), for the notebook's summary.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field

from .. import __version__
from ..evaluation.batch import GenerationResult, TopicSpec, topic_dir
from ..present import read_manifest
from ..store import RunReader, atomic
from .task import PRESENT, RUN

LESSONS = "lessons"  # the course folder's folder of lesson folders
COURSE_JSON = "course.json"
PAGE = "index.html"
_TEMPLATES = resources.files(__package__) / "templates"


class LessonSection(BaseModel):
    id: int
    title: str
    lines: list[str]


class CourseLesson(BaseModel):
    key: str
    title: str
    source: str | None = Field(default=None, description="The lesson outline it was built from.")
    status: str = Field(description="done, partial (placeholder cards), failed or missing.")
    error: str | None = None
    sections: list[LessonSection] = Field(default_factory=list)
    duration: float | None = None
    video: str | None = Field(default=None, description="Relative to the course folder.")
    subtitles: str | None = None
    presentation: str | None = None
    steps: int = 0
    rendered: list[int] = Field(default_factory=list, description="Sections the last build rendered.")
    cached: list[int] = Field(default_factory=list)
    clips_cut: int = Field(default=0, description="Presentation clips the last build cut.")
    poster: str | None = Field(default=None, exclude=True, description="data: URI (page only).")


class Course(BaseModel):
    title: str
    built: str
    version: str = __version__
    lessons: list[CourseLesson]


def _rel(path: Path, out: Path) -> str:
    return path.resolve().relative_to(out.resolve()).as_posix()


def _poster(run: RunReader, section: int | None, width: int = 480) -> str | None:
    """The last frame of the lesson's first section (where it shows all it built), as JPEG."""
    from PIL import Image

    from ..video import VideoError, probe, read_frame

    video = run.section_video(section).path if section is not None else None
    if video is None:
        return None
    try:
        frame = read_frame(video, max(0.0, probe(video).duration - 0.05))
    except (VideoError, OSError):
        return None
    img = Image.fromarray(frame)
    img.thumbnail((width, width))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def lesson_entry(out: Path, spec: TopicSpec, result: GenerationResult | None) -> CourseLesson:
    folder = topic_dir(out, spec.key, LESSONS)
    entry = CourseLesson(key=spec.key, title=spec.topic, source=spec.lesson,
                         status=result.status if result else "missing",
                         error=result.error if result else None)
    if result is not None:
        entry.rendered, entry.cached = result.rendered, result.cached
    if not RunReader.exists(folder / RUN):
        return entry
    run = RunReader.open(folder / RUN)
    board = run.storyboard_data() or {}
    entry.title = board.get("topic") or entry.title
    entry.sections = [LessonSection(id=int(s["id"]), title=str(s.get("title", "")),
                                    lines=[str(ln.get("text", "")) for ln in s.get("lecture_lines") or []])
                      for s in board.get("sections") or [] if isinstance(s, dict)]
    video, _ = run.final_video()
    if video is not None:
        entry.video = _rel(video, out)
        entry.duration = run.state.final.duration
        if run.state.final.subtitles and (run.root / run.state.final.subtitles).exists():
            entry.subtitles = _rel(run.root / run.state.final.subtitles, out)
    manifest = read_manifest(folder / PRESENT)
    if manifest is not None and (folder / PRESENT / "index.html").exists():
        entry.presentation = _rel(folder / PRESENT / "index.html", out)
        entry.steps = len(manifest["clips"])
        entry.clips_cut = len(manifest.get("cut") or [])
    entry.poster = _poster(run, entry.sections[0].id if entry.sections else None)
    return entry


def write_course(out: Path, title: str, specs: list[TopicSpec],
                 results: dict[str, GenerationResult]) -> Course:
    """Write course.json and the course page (index.html) of the course folder ``out``."""
    import jinja2

    out = Path(out)
    course = Course(title=title, built=datetime.now(UTC).isoformat(timespec="seconds"),
                    lessons=[lesson_entry(out, s, results.get(s.key)) for s in specs])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True)
    atomic.write_text(out / PAGE, env.get_template("course.html").render(course=course))
    atomic.write_text(out / COURSE_JSON, course.model_dump_json(indent=1))
    return course


def read_course(out: str | Path) -> Course:
    """A built course's record (FileNotFoundError if ``out`` is not a course folder)."""
    path = Path(out) / COURSE_JSON
    if not path.exists():
        raise FileNotFoundError(f"{out} is not a course folder (no {COURSE_JSON}): build it with "
                                "code2video course LESSONS_DIR")
    return Course.model_validate_json(path.read_text(encoding="utf-8"))
