"""Stage 1 with a model: topic -> outline.json -> storyboard.json (the Planner).

Both are artifacts with revisions: a user's edit of outline.json re-plans only the storyboard,
an edit of storyboard.json is kept as it is; both re-run only what they made stale."""

from __future__ import annotations

import hashlib
from importlib import resources

from ..agents.planner import Planner, PlanSettings
from ..contracts.storyboard import Outline, Storyboard
from ..events import StageFinished, StageStarted
from ..gateway import Gateway
from ..store.hashing import json_sha, sha
from .context import RunContext
from .storyboard_stage import resolve_pictures

PLANNER_VERSION = "1"


def _prompts_hash(*names: str) -> str:
    files = resources.files("code2video_jupyter.prompts")
    return hashlib.sha256(b"".join(files.joinpath(f"{n}.md").read_bytes() for n in names)).hexdigest()[:12]


def settings(ctx: RunContext, topic: str) -> PlanSettings:
    o = ctx.options
    return PlanSettings(topic=topic, audience=o.audience or PlanSettings.audience,
                        sections=o.sections, minutes=o.minutes, language=o.language,
                        assets=o.assets)


def ensure_plan(ctx: RunContext, gw: Gateway, topic: str) -> Storyboard:
    store = ctx.store
    s = settings(ctx, topic)
    planner = Planner(gw)
    with store.updating() as st:
        st.source = {"kind": "topic", "topic": topic}

    # --- outline ----------------------------------------------------------------------------------
    ctx.emit(StageStarted(stage="outline"))
    outline_hash = json_sha({"topic": topic, "audience": s.audience, "sections": s.sections,
                             "minutes": s.minutes, "language": s.language,
                             "model": gw.models.get("planner"), "v": PLANNER_VERSION,
                             "prompt": _prompts_hash("planner_outline")})
    log = store.outline_log()
    last = log.last()
    if store.outline_path.exists() and last and (last.input_hash == outline_hash or (
            last.source == "user" and not ctx.options.regenerate)):
        if last.input_hash != outline_hash:
            ctx.warn("the topic or planner options changed, but outline.json has your edits: they "
                     "are kept (use --regenerate to plan again; your version stays in revisions/)")
        outline = Outline.model_validate_json(store.outline_path.read_text(encoding="utf-8"))
        ctx.emit(StageFinished(stage="outline", status="cached" if last.source != "user" else "kept"))
    else:
        outline = planner.outline(s)
        rev = store.write_artifact(store.outline_path, log, outline.model_dump_json(indent=2),
                                   "agent", f"planned by {gw.models.get('planner')}", outline_hash)
        ctx.emit(StageFinished(stage="outline", status="done",
                               detail=f"{len(outline.sections)} sections, revision {rev.number}"))

    # --- storyboard -------------------------------------------------------------------------------
    ctx.emit(StageStarted(stage="storyboard"))
    board_hash = json_sha({"outline": sha(outline.model_dump_json()), "language": s.language,
                           "model": gw.models.get("planner"), "v": PLANNER_VERSION,
                           "assets": str(s.assets) if s.assets else None,
                           "prompt": _prompts_hash("planner_storyboard")})
    log = store.storyboard_log()
    last = log.last()
    if store.storyboard_path.exists() and last and (last.input_hash == board_hash or (
            last.source == "user" and not ctx.options.regenerate)):
        if last.input_hash != board_hash:
            ctx.warn("the outline changed, but storyboard.json has your edits: they are kept "
                     "(use --regenerate to plan it again; your version stays in revisions/)")
        board = store.read_storyboard()
        _mark(ctx, last.number, last.source, board_hash, "done")
        ctx.emit(StageFinished(stage="storyboard", status="cached" if last.source != "user" else "kept"))
        return board
    board = planner.storyboard(outline, s)
    board = resolve_pictures(ctx, board, base=s.assets)
    rev = store.write_artifact(store.storyboard_path, log, board.model_dump_json(indent=2), "agent",
                               f"planned by {gw.models.get('planner')}", board_hash)
    _mark(ctx, rev.number, "agent", board_hash, "done")
    ctx.emit(StageFinished(stage="storyboard", status="done",
                           detail=f"{len(board.sections)} sections, revision {rev.number}"))
    return store.read_storyboard()


def _mark(ctx: RunContext, number: int, source: str, input_hash: str, status: str) -> None:
    with ctx.store.updating() as st:
        st.storyboard.revision, st.storyboard.source = number, source
        st.storyboard.input_hash, st.storyboard.status = input_hash, status  # type: ignore[assignment]


def ensure_direct_storyboard(ctx: RunContext, topic: str) -> Storyboard:
    """--direct (the paper's baseline row): no Planner. A one-section storyboard holds the
    topic, so that the run folder, the panel and the evaluation read it like any other."""
    from ..contracts.storyboard import LectureLine, Section

    store = ctx.store
    with store.updating() as st:
        st.source = {"kind": "topic", "topic": topic}
    ctx.emit(StageStarted(stage="storyboard"))
    board_hash = json_sha({"topic": topic, "direct": True, "language": ctx.options.language})
    log = store.storyboard_log()
    last = log.last()
    if store.storyboard_path.exists() and last and last.input_hash == board_hash:
        ctx.emit(StageFinished(stage="storyboard", status="cached"))
        return store.read_storyboard()
    board = Storyboard(topic=topic, language=ctx.options.language, sections=[
        Section(id=1, title=topic[:80], lecture_lines=[LectureLine(text=topic[:80])],
                summary="direct mode: the whole video is one scene written in one call")])
    rev = store.write_artifact(store.storyboard_path, log, board.model_dump_json(indent=2), "agent",
                               "direct mode: no Planner (the paper's baseline)", board_hash)
    _mark(ctx, rev.number, "agent", board_hash, "done")
    ctx.emit(StageFinished(stage="storyboard", status="done", detail="direct mode"))
    return store.read_storyboard()
