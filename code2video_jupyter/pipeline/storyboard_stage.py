"""Stage 1 offline: lesson outline -> storyboard.json (with the lesson's images in assets/)."""

from __future__ import annotations

from pathlib import Path

from ..contracts.storyboard import Storyboard
from ..contracts.visuals import ImageVisual
from ..events import StageFinished, StageStarted
from ..lesson import LessonError, LessonProblem, read_lesson
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
    # A run continued from its stored lesson.md: its images are where the original lesson was
    # (or, if that moved, already in the run's assets/).
    original = store.state.source.get("path") if lesson.resolve() == store.lesson_path.resolve() else None
    extra = [Path(original).parent] if original else []
    storyboard, assets = _collect_assets(storyboard, lesson, [*extra, store.assets_dir])
    input_hash = sha(text, PARSER_VERSION,
                     *[sha(p if isinstance(p, bytes) else p.read_bytes()) for p in assets.values()])
    with store.updating() as st:
        st.source = {"kind": "lesson", "path": original or str(lesson.resolve()), "hash": sha(text)}
    store.save_lesson(text)

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
        data = src if isinstance(src, bytes) else src.read_bytes()
        store.save_asset(name, data)
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


ICON_PREFIX = "icon:"


def _icon(name: str) -> bytes:
    from ..assets import IconLibrary

    return IconLibrary().svg(name).encode("utf-8")


def resolve_pictures(ctx: RunContext, storyboard: Storyboard, base: Path | None) -> Storyboard:
    """A planned storyboard's pictures into the run's assets/: ``icon:NAME`` from the icon
    library, other paths from the user's image folder. A picture that cannot be found is
    dropped with a warning (the Planner's choice, not the user's, so the run goes on)."""
    from ..assets import IconNotFound

    data = storyboard.model_copy(deep=True)
    for section in data.sections:
        for n, line in enumerate(section.lecture_lines, start=1):
            kept = []
            for v in line.visuals:
                if not isinstance(v, ImageVisual):
                    kept.append(v)
                    continue
                try:
                    if v.path.startswith(ICON_PREFIX):
                        name = v.path[len(ICON_PREFIX):].strip()
                        content, target = _icon(name), f"icons/{name}.svg"
                    else:
                        src = (base / v.path).resolve() if base else None
                        if src is None or not src.is_file():
                            raise FileNotFoundError(f"image '{v.path}' not found in {base}")
                        content, target = src.read_bytes(), src.name
                except (IconNotFound, FileNotFoundError) as e:
                    ctx.warn(f"section {section.id}, line {n}: {e}; the picture is left out")
                    continue
                v.path = ctx.store.save_asset(target, content)
                kept.append(v)
            line.visuals = kept
    return data


def _collect_assets(storyboard: Storyboard, lesson: Path,
                    fallbacks: list[Path] | None = None) -> tuple[Storyboard, dict[str, Path | bytes]]:
    """Images are copied into the run (assets/NAME) so a run folder is self-contained;
    ``icon:NAME`` comes from the offline icon library."""
    from ..assets import IconNotFound

    base = lesson.resolve().parent
    found: dict[str, Path | bytes] = {}
    problems: list[LessonProblem] = []
    data = storyboard.model_copy(deep=True)
    for section in data.sections:
        for n, line in enumerate(section.lecture_lines, start=1):
            for v in line.visuals:
                if not isinstance(v, ImageVisual):
                    continue
                if v.path.startswith(ICON_PREFIX):
                    name = v.path[len(ICON_PREFIX):].strip()
                    try:
                        found[f"icons/{name}.svg"] = _icon(name)
                    except IconNotFound as e:
                        problems.append(LessonProblem(0, f"section '{section.title}', line {n}: {e}"))
                        continue
                    v.path = f"assets/icons/{name}.svg"
                    continue
                src = (base / v.path).resolve()
                for other in fallbacks or []:
                    if src.is_file():
                        break
                    for candidate in ((other / v.path).resolve(), (other / Path(v.path).name).resolve()):
                        if candidate.is_file():
                            src = candidate
                            break
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


