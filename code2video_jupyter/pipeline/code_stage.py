"""Stage 2 offline: storyboard section -> sections/NN/scene.py through the compiler."""

from __future__ import annotations

from ..compiler import COMPILER_VERSION, compile_section
from ..contracts.storyboard import Section
from ..events import StageFinished, StageStarted
from ..store.hashing import json_sha
from .context import RunContext


def section_input_hash(section: Section) -> str:
    return json_sha({"section": section.model_dump(mode="json"), "compiler": COMPILER_VERSION})


def reuse_code(ctx: RunContext, section: Section, input_hash: str, again: str) -> bool:
    """True when the section's current scene stands and nothing is to be written: it was made
    from these inputs, or the user edited it (kept, marked upstream-changed, unless
    --regenerate). ``again`` says what --regenerate would do ("compile it again")."""
    store, sid = ctx.store, section.id
    path, log = store.scene_path(sid), store.scene_log(sid)
    last = log.last()
    state = store.section_state(sid, section.title)
    if not path.exists() or last is None:
        return False
    if last.input_hash == input_hash:
        with store.updating():
            state.title = section.title
            state.code.status, state.code.revision, state.code.source = "done", last.number, last.source
            state.code.input_hash, state.code.message = input_hash, None
        ctx.emit(StageFinished(stage="code", section=sid, status="cached"))
        return True
    if last.source == "user" and not ctx.options.regenerate:
        msg = (f"section {sid}: the storyboard changed after you edited scene.py; your code is "
               f"kept (use --regenerate to {again}; your version stays in revisions/)")
        with store.updating():
            state.code.status, state.code.message = "upstream-changed", msg
            state.code.revision, state.code.source = last.number, "user"
        ctx.warn(msg, sid)
        ctx.emit(StageFinished(stage="code", section=sid, status="kept", detail="user edits kept"))
        return True
    return False


def ensure_code(ctx: RunContext, section: Section) -> None:
    store = ctx.store
    sid = section.id
    ctx.emit(StageStarted(stage="code", section=sid))
    input_hash = section_input_hash(section)
    if reuse_code(ctx, section, input_hash, "compile it again"):
        return
    path, log = store.scene_path(sid), store.scene_log(sid)
    last = log.last()
    state = store.section_state(sid, section.title)
    source = compile_section(section)
    reason = "compiled from the storyboard" if last is None else "storyboard section changed"
    rev = store.write_artifact(path, log, source, "compiler", reason, input_hash)
    with store.updating():
        state.title = section.title
        state.code.status, state.code.revision, state.code.source = "done", rev.number, "compiler"
        state.code.input_hash, state.code.message = input_hash, None
    ctx.emit(StageFinished(stage="code", section=sid, status="done", detail=f"revision {rev.number}"))
