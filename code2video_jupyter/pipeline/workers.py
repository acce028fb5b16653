"""Warm render workers for a run: started before narration when the run may render, so that
manim's import in each worker overlaps the speech synthesis (sandbox/pool.py)."""

from __future__ import annotations

from ..caches import tex_cache_dir
from ..contracts.storyboard import Storyboard
from ..sandbox import Limits, probe_isolation
from ..sandbox.pool import prewarm
from ..store.layout import section_key
from .context import RunContext


def render_limits(ctx: RunContext) -> Limits:
    """The limits of every render of this run (the render stage's, the probe's)."""
    return Limits(wall_seconds=ctx.options.render_timeout, memory_mb=ctx.options.memory_mb)


def may_render(ctx: RunContext, storyboard: Storyboard) -> bool:
    """Whether some section looks stale (no finished render at this quality, or a scene newer
    than it): a cheap guess, made before the input hashes (which need the narration) exist.
    A wrong guess costs a worker's start in the background, or a cold first render."""
    store, q = ctx.store, ctx.options.quality
    for s in storyboard.sections:
        r = store.state.sections.get(section_key(s.id))
        state = r.renders.get(q) if r else None
        video = store.root / state.video if state and state.video else None
        scene = store.scene_path(s.id)
        if not (state and state.status == "done" and video and video.exists()):
            return True
        if scene.exists() and scene.stat().st_mtime > video.stat().st_mtime:
            return True
    return False


def warm_workers(ctx: RunContext, storyboard: Storyboard) -> None:
    if may_render(ctx, storyboard):
        prewarm(probe_isolation(), render_limits(ctx), str(tex_cache_dir()), ctx.options.jobs)
