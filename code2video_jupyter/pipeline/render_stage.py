"""Stage 3: render every stale section in the sandbox, in a bounded pool of parallel jobs."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ..caches import publish_tex, tex_cache_dir
from ..compiler import class_name
from ..compiler.placeholder import compile_placeholder
from ..contracts.storyboard import Section
from ..events import SectionPreview, SectionRendered, StageFinished, StageStarted
from ..fingerprint import scaffold_fingerprint, versions
from ..sandbox import RenderRequest, RenderResult, render_in_sandbox
from ..store import RenderState
from ..store.hashing import sha
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme
from ..theme.inject import themed_source
from ..video import probe
from .context import RunContext
from .workers import render_limits

if TYPE_CHECKING:
    from .narration_stage import NarrationPlan




def render_input_hash(scene_source: str, quality: str, durations: list[float] | None,
                      theme: Theme = DEFAULT_THEME) -> str:
    return sha(scene_source, quality, scaffold_fingerprint(), versions()["manim"],
               json.dumps(durations), versions()["latex"], theme.fingerprint())


def render_sections(ctx: RunContext, sections: list[Section],
                    narration: NarrationPlan | None = None) -> tuple[dict[int, RenderState], list[int]]:
    """Render what is stale. Returns the render state of every section (cached ones too) and
    the ids of the sections rendered by this call. With ``narration``, each line's block lasts
    at least its speech (the durations are part of the input hash) and every rendered section
    gets its narration track (pipeline/narration_stage.py)."""
    q = ctx.options.quality

    def one(s: Section) -> tuple[RenderState, bool]:
        """The section's state, and whether it was rendered now. Each section waits only for
        its own narration: it renders while later sections are still being spoken."""
        src = ctx.store.scene_path(s.id).read_text(encoding="utf-8")
        h = render_input_hash(src, q, narration.durations(s.id) if narration else None, ctx.theme)
        state = ctx.store.section_state(s.id, s.title).renders.get(q)
        video = ctx.store.root / state.video if state and state.video else None
        if not (state and state.status == "done" and state.input_hash == h and video and video.exists()):
            return _render_one(ctx, s, h, narration), True
        if narration is not None:  # narration: the audio may be stale while the picture is not
            state = narration.attach(ctx, s, state)
            _set(ctx, s.id, state)
        ctx.emit(SectionRendered(section=s.id, video=str(ctx.store.root / (state.video or "")),
                                 duration=state.duration or 0, cached=True))
        ctx.emit(StageFinished(stage="render", section=s.id, status="cached"))
        return state, False

    out: dict[int, RenderState] = {}
    rendered: list[int] = []
    with ThreadPoolExecutor(max_workers=ctx.options.jobs, thread_name_prefix="c2v-render") as pool:
        futures = {s.id: pool.submit(one, s) for s in sections}
        for sid, fut in futures.items():
            out[sid], now = fut.result()
            if now:
                rendered.append(sid)
    return out, rendered


def _sandboxed(ctx: RunContext, scene_file: Path, cls: str, label: str,
               line_durations: list[float] | None = None,
               preview: bool = False) -> tuple[RenderResult, Path]:
    work = ctx.store.work_dir(label)
    # the theme rides in the copy that is rendered (theme/inject.py), never in scene.py
    themed = ctx.store.work_file(f"{label}-src", "scene.py",
                                 themed_source(scene_file.read_text(encoding="utf-8"), ctx.theme))
    remove = None

    def started(box) -> None:
        nonlocal remove
        remove = ctx.cancel.on_cancel(lambda: box.kill("cancelled"))

    try:
        result = render_in_sandbox(
            RenderRequest(scene_file=str(themed), class_name=cls, quality=ctx.options.quality,
                          tex_cache=str(tex_cache_dir()), assets_dir=str(ctx.store.assets_dir),
                          line_durations=line_durations, preview=preview),
            render_limits(ctx), cancelled=ctx.cancel, on_start=started, keep_workdir=str(work),
        )
    finally:
        if remove:
            remove()
        ctx.store.drop_work(themed)
    return result, work


def render_section(ctx: RunContext, section: Section, narration: NarrationPlan | None = None,
                   placeholder: bool = True) -> RenderState:
    """Render one section's current scene now (the Coder's repair loop verifies its fixes
    with this); ``placeholder=False`` skips the stand-in card of a failed attempt."""
    src = ctx.store.scene_path(section.id).read_text(encoding="utf-8")
    h = render_input_hash(src, ctx.options.quality, narration.durations(section.id) if narration else None,
                          ctx.theme)
    ctx.store.clear_render_error(section.id, ctx.options.quality)
    return _render_one(ctx, section, h, narration, placeholder=placeholder)


def _render_one(ctx: RunContext, section: Section, input_hash: str,
                narration: NarrationPlan | None = None, placeholder: bool = True) -> RenderState:
    store, q, sid = ctx.store, ctx.options.quality, section.id
    if ctx.cancel.cancelled:
        return RenderState(status="cancelled", input_hash=input_hash)
    ctx.emit(StageStarted(stage="render", section=sid))
    t0 = time.monotonic()
    with store.updating():
        store.section_state(sid).renders[q] = RenderState(status="running", input_hash=input_hash)
    durations = narration.durations(sid) if narration else None
    video_shown = _Once()
    preview = None
    if ctx.options.preview:  # the blocks' last frames first, while the video renders
        preview = threading.Thread(target=_preview, args=(ctx, section, durations, video_shown),
                                   daemon=True, name=f"c2v-preview-{sid}")
        preview.start()
    result, work = _sandboxed(ctx, store.scene_path(sid), class_name(sid), f"s{sid:02d}", durations)
    if preview is not None:
        # frames, then the video, always: a preview is a part of the render's own work (no
        # frame drawn per animation), so when the video won the race it waits a moment at most
        preview.join(timeout=render_limits(ctx).wall_seconds)
    video_shown.close()
    dest = store.render_dir(sid, q)
    log_rel = store.rel(dest / store.RENDER_LOG)
    if result.ok and result.video:
        publish_tex(work / "media" / "Tex")
        files = store.publish_render(sid, q, log=result.log, timeline=result.timeline,
                                     video=result.video)
        info = probe(files["video"])
        state = RenderState(
            status="done", input_hash=input_hash, video=store.rel(files["video"]),
            timeline=store.rel(files["timeline"]) if "timeline" in files else None,
            log=log_rel, duration=info.duration, elapsed=time.monotonic() - t0,
        )
        if narration is not None:  # the section's voice-over and subtitles
            state = narration.attach(ctx, section, state)
        _set(ctx, sid, state)
        store.drop_work(work)
        for warning in _timeline_warnings(files.get("timeline")):
            ctx.warn(f"section {sid}, scene.py {warning}", sid)
        ctx.emit(SectionRendered(section=sid, video=str(store.root / state.video), duration=info.duration,
                                 cached=False))
        ctx.emit(StageFinished(stage="render", section=sid, status="done",
                               detail=f"{info.duration:.1f} s", elapsed=state.elapsed or 0))
        return state

    summary = result.summary()
    store.publish_render(sid, q, log=result.log, error=work / "error.json")
    cancelled = result.killed == "cancelled"
    state = RenderState(
        status="cancelled" if cancelled else "failed", input_hash=input_hash, error=summary,
        scene_line=result.error.scene_line if result.error else None,
        log=log_rel, elapsed=time.monotonic() - t0,
    )
    if not cancelled and placeholder:
        state.placeholder = _placeholder(ctx, section, summary, log_rel)
    _set(ctx, sid, state)
    store.drop_work(work)
    ctx.emit(StageFinished(stage="render", section=sid, status="cancelled" if cancelled else "failed",
                           detail=summary, elapsed=state.elapsed or 0))
    if not cancelled and placeholder:
        ctx.warn(f"section {sid} ('{section.title}') failed: {summary}; a placeholder card stands "
                 f"in for it in the video (log: {state.log})", sid)
    return state


class _Once:
    """Closed when the render's result is in: a preview that ends after that (it ran past the
    wait for it) is not shown over the video."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.closed = False

    def close(self) -> None:
        with self.lock:
            self.closed = True


def _preview(ctx: RunContext, section: Section, durations: list[float] | None,
             video_shown: _Once) -> None:
    """Run the section in the sandbox's preview mode and show its frames (a SectionPreview
    event); the render beside it waits for this before it shows its video. A preview that
    fails says nothing: the render reports the error."""
    sid, q = section.id, ctx.options.quality
    try:
        result, work = _sandboxed(ctx, ctx.store.scene_path(sid), class_name(sid),
                                  f"s{sid:02d}-preview", durations, preview=True)
    except Exception:  # noqa: BLE001 - a preview is a courtesy
        return
    try:
        frames = sorted((work / "preview").glob("block_*.png"))
        with video_shown.lock:
            if result.ok and frames and not video_shown.closed:
                images = ctx.store.publish_preview(sid, q, frames)
                ctx.emit(SectionPreview(section=sid, images=[str(i) for i in images]))
    finally:
        ctx.store.drop_work(work)


def _placeholder(ctx: RunContext, section: Section, reason: str, log_rel: str) -> str | None:
    store, q = ctx.store, ctx.options.quality
    source = compile_placeholder(section.id, section.title, reason, log_rel)
    dest = store.render_dir(section.id, q) / store.PLACEHOLDER
    h = render_input_hash(source, q, None, ctx.theme)
    if store.is_current(dest, h):
        return store.rel(dest)
    scene = store.work_file(f"p{section.id:02d}-src", "placeholder.py", source)
    result, work = _sandboxed(ctx, scene, f"Placeholder{section.id:02d}", f"p{section.id:02d}")
    store.drop_work(scene)
    try:
        if not (result.ok and result.video):
            return None
        return store.publish_placeholder(section.id, q, result.video, h)
    finally:
        store.drop_work(work)


def _timeline_warnings(path: Path | None) -> list[str]:
    try:
        return list(json.loads(path.read_text()).get("warnings", [])) if path else []
    except (OSError, ValueError):
        return []


def _set(ctx: RunContext, sid: int, state: RenderState) -> None:
    with ctx.store.updating():
        ctx.store.section_state(sid).renders[ctx.options.quality] = state




__all__ = ["render_sections"]
