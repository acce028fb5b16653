"""Stage 1 offline: lesson outline -> storyboard.json (with the lesson's images in assets/)."""

from __future__ import annotations

from pathlib import Path

from ..contracts.storyboard import Storyboard
from ..contracts.visuals import ImageVisual
from ..events import StageFinished, StageStarted
from ..lesson import LessonError, LessonProblem, read_lesson
from ..store import atomic
from ..store.hashing import sha
from .context import RunContext

PARSER_VERSION = "1"


def ensure_storyboard(ctx: RunContext, lesson: Path | None) -> Storyboard:
    store = ctx.store
    ctx.emit(StageStarted(stage="storyboard"))
    log = store.storyboard_log()
    last = log.last()
    if lesson is None:
        if not store.storyboard_path.exists():
            raise FileNotFoundError(f"{store.root} has no storyboard.json and no lesson was given")
        ctx.emit(StageFinished(stage="storyboard", status="kept", detail="no lesson given"))
        return store.read_storyboard()

    text = lesson.read_bytes()
    storyboard = read_lesson(lesson)  # raises LessonError with line numbers
    storyboard, assets = _collect_assets(storyboard, lesson)
    input_hash = sha(text, PARSER_VERSION, *[sha(p.read_bytes()) for p in assets.values()])
    with store.updating() as st:
        st.source = {"kind": "lesson", "path": str(lesson.resolve()), "hash": sha(text)}
    atomic.write_bytes(store.root / "lesson.md", text)

    if store.storyboard_path.exists() and last is not None:
        if last.input_hash == input_hash:
            current = store.read_storyboard()
            _mark(ctx, last.number, last.source, input_hash, "done")
            ctx.emit(StageFinished(stage="storyboard", status="cached"))
            return current
        if last.source == "user" and not ctx.options.regenerate:
            ctx.warn("the lesson changed, but storyboard.json has your edits: they are kept "
                     "(use --regenerate to parse the lesson again; your version stays in revisions/)")
            _mark(ctx, last.number, "user", last.input_hash, "upstream-changed")
            ctx.emit(StageFinished(stage="storyboard", status="kept", detail="user edits kept"))
            return store.read_storyboard()

    for name, src in assets.items():
        atomic.write_bytes(store.root / "assets" / name, src.read_bytes())
    content = storyboard.model_dump_json(indent=2, exclude_defaults=False)
    rev = store.write_artifact(store.storyboard_path, log, content, "lesson",
                               f"parsed from {lesson.name}", input_hash)
    _mark(ctx, rev.number, "lesson", input_hash, "done")
    ctx.emit(StageFinished(stage="storyboard", status="done",
                           detail=f"{len(storyboard.sections)} sections"))
    return store.read_storyboard()


def _mark(ctx: RunContext, number: int, source: str, input_hash: str | None, status: str) -> None:
    with ctx.store.updating() as st:
        st.storyboard.revision, st.storyboard.source = number, source
        st.storyboard.input_hash, st.storyboard.status = input_hash, status  # type: ignore[assignment]


def _collect_assets(storyboard: Storyboard, lesson: Path) -> tuple[Storyboard, dict[str, Path]]:
    """Images are copied into the run (assets/NAME) so a run folder is self-contained."""
    base = lesson.resolve().parent
    found: dict[str, Path] = {}
    problems: list[LessonProblem] = []
    data = storyboard.model_copy(deep=True)
    for section in data.sections:
        for n, line in enumerate(section.lecture_lines, start=1):
            for v in line.visuals:
                if not isinstance(v, ImageVisual):
                    continue
                src = (base / v.path).resolve()
                if not src.is_file():
                    problems.append(LessonProblem(0, f"section '{section.title}', line {n}: image "
                                                     f"'{v.path}' not found (looked for {src})"))
                    continue
                name = src.name
                if name in found and found[name] != src:
                    name = f"{sha(str(src))[:6]}-{name}"
                found[name] = src
                v.path = f"assets/{name}"
    if problems:
        raise LessonError(problems, str(lesson))
    return data, found


