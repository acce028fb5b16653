"""Stage 2 with a model: the Coder writes each section's scene, and repairs it.

Repair (repair/loop.py), cheapest first: (a) the code runs as it is in check mode (construct()
to its end, no frames); (b) deterministic steps, static and runtime, with no model call, each
checked again; (c) model fixes scoped to the failing line, then its lecture-line block, then
the whole section; (d) one render at the end; after the budget, the section falls back to the
compiled scene. Every step is a revision with its reason; a section that runs is kept as it is.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..agents.coder import Coder
from ..caches import tex_cache_dir
from ..compiler import class_name, compile_section
from ..contracts.storyboard import Section
from ..events import Repair, StageFinished, StageStarted
from ..gateway import BadReply, Gateway, ModelUnavailable
from ..repair.loop import Attempt, RunMode, repair
from ..repair.namespace import Namespace
from ..sandbox import RenderRequest, render_in_sandbox
from ..store import RenderState
from ..store.hashing import json_sha
from .code_stage import reuse_code
from .context import RunContext
from .plan_stage import _prompts_hash
from .render_stage import render_section
from .workers import render_limits

if TYPE_CHECKING:
    from .narration_stage import NarrationPlan

CODER_VERSION = "1"


def coder_input_hash(ctx: RunContext, gw: Gateway, section: Section) -> str:
    return json_sha({"section": section.model_dump(mode="json"), "model": gw.models.get("coder"),
                     "language": ctx.options.language, "fix": ctx.options.fix,
                     "budget": ctx.options.fix_budget, "anchors": ctx.options.anchors,
                     "v": CODER_VERSION,
                     # not the theme: the Coder is told to take colours from self.theme, so its
                     # code is right in every theme and a switch costs no model call
                     "prompts": _prompts_hash("coder_section", "theme_colors", "coder_fix", "coder_regenerate",
                                              "scaffold_api", "scaffold_api_free", "placement_anchors",
                                              "placement_free")})


class _Section:
    """The repair of one section: its current source, its revisions, its budget."""

    def __init__(self, ctx: RunContext, gw: Gateway, coder: Coder, section: Section,
                 input_hash: str, narration: NarrationPlan | None) -> None:
        self.ctx, self.gw, self.coder, self.section = ctx, gw, coder, section
        self.sid = section.id
        self.input_hash = input_hash
        self.narration = narration
        self.path = ctx.store.scene_path(self.sid)
        self.log = ctx.store.scene_log(self.sid)
        self.calls = 0
        self.state: RenderState | None = None

    def save(self, source: str, reason: str, kind: str | None = None, scope: str | None = None,
             origin: str = "agent") -> None:
        rev = self.ctx.store.write_artifact(self.path, self.log, source, origin,  # type: ignore[arg-type]
                                            reason, self.input_hash)
        state = self.ctx.store.section_state(self.sid, self.section.title)
        with self.ctx.store.updating():
            state.code.status, state.code.revision, state.code.source = "done", rev.number, origin
            state.code.input_hash, state.code.message = self.input_hash, None
        if kind:
            self.ctx.emit(Repair(section=self.sid, kind=kind, scope=scope, detail=reason,  # type: ignore[arg-type]
                                 revision=rev.number))

    def run(self, source: str, mode: RunMode) -> Attempt:
        """``check``: construct() to its end in the sandbox, no frames, no render state
        touched; ``render``: the section's real render (its state, video and timeline)."""
        return self.check() if mode == "check" else self.render(source)

    def check(self) -> Attempt:
        ctx = self.ctx
        remove = None

        def started(box) -> None:
            nonlocal remove
            remove = ctx.cancel.on_cancel(lambda: box.kill("cancelled"))

        work = ctx.store.work_dir(f"s{self.sid:02d}-check")
        try:
            result = render_in_sandbox(
                RenderRequest(scene_file=str(self.path), class_name=class_name(self.sid),
                              quality=ctx.options.quality, tex_cache=str(tex_cache_dir()),
                              assets_dir=str(ctx.store.assets_dir), check=True),
                render_limits(ctx),
                cancelled=ctx.cancel, on_start=started, keep_workdir=str(work))
        finally:
            if remove:
                remove()
            ctx.store.drop_work(work)  # a check leaves nothing to keep
        if result.ok:
            return Attempt(ok=True)
        err = result.error
        return Attempt(ok=False, cancelled=result.killed == "cancelled",
                       error_type=err.type if err else ("Timeout" if result.killed == "timeout" else "Error"),
                       message=err.message if err else result.summary(),
                       line=err.scene_line if err else None,
                       traceback=err.traceback if err else "", plays=err.plays if err else None)

    def render(self, source: str) -> Attempt:
        state = render_section(self.ctx, self.section, self.narration, placeholder=False)
        self.state = state
        if state.status == "done":
            return Attempt(ok=True)
        err = _error_json(self.ctx, self.sid)
        return Attempt(ok=False, cancelled=state.status == "cancelled",
                       error_type=err.get("type", "Error"),
                       message=str(err.get("message", state.error or "")),
                       line=err.get("scene_line") or state.scene_line,
                       traceback=err.get("traceback", ""))


def ensure_agent_code(ctx: RunContext, gw: Gateway, ns: Namespace, section: Section,
                      narration: NarrationPlan | None = None) -> RenderState | None:
    """Write (or keep) the section's scene and get it to render. Returns the render state, or
    None when the code was kept from before (the render stage then renders if stale)."""
    sid = section.id
    ctx.emit(StageStarted(stage="code", section=sid))
    input_hash = coder_input_hash(ctx, gw, section)
    if reuse_code(ctx, section, input_hash, "write it again"):
        return None
    job = _Section(ctx, gw, Coder(gw, ns), section, input_hash, narration)
    opts, cls, model = ctx.options, class_name(sid), gw.models.get("coder")
    try:
        code = job.coder.write(section, cls, opts.language, anchors=opts.anchors, theme=ctx.theme)
    except (ModelUnavailable, BadReply) as e:
        return _fallback(job, f"the coder could not answer: {e}")
    job.save(code, f"written by {model}")

    def save(source: str, reason: str, kind: str, scope: str | None) -> None:
        job.save(source, reason, kind, scope)

    outcome = repair(
        code, ns, job.run, save,
        fix_scope=lambda scope, error, n: job.coder.fix_scope(scope, error, sid, n),
        regenerate=lambda error, n: job.coder.write(section, cls, opts.language, attempt=n,
                                                    previous_error=error, anchors=opts.anchors,
                                                    theme=ctx.theme),
        budget=opts.fix_budget, mode=opts.fix, model_name=str(model), cancelled=ctx.cancel,
        on_model_error=lambda e: ctx.warn(f"section {sid}: a fix call failed ({e})", sid),
        model_errors=(ModelUnavailable, BadReply), scene_class=cls)
    job.calls = outcome.model_calls
    if not outcome.ok:
        return _fallback(job, outcome.error)
    ctx.emit(StageFinished(stage="code", section=sid, status="done",
                           detail=f"{job.calls} fix call(s)" if job.calls else ""))
    return job.state


def _fallback(job: _Section, error: str) -> RenderState:
    ctx = job.ctx
    source = compile_section(job.section)
    reason = (f"fallback to the compiled scene after {job.calls} fix call(s); last error: "
              f"{error.splitlines()[0][:300] if error else 'none'}")
    job.save(source, reason, "fallback", origin="fallback")
    ctx.warn(f"section {job.sid} ('{job.section.title}'): the generated scene could not be "
             f"repaired, the compiled version from the storyboard stands in ({reason})", job.sid)
    return render_section(ctx, job.section, job.narration, placeholder=True)


def _error_json(ctx: RunContext, sid: int) -> dict:
    path = ctx.store.render_dir(sid, ctx.options.quality) / "error.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def ensure_direct_code(ctx: RunContext, gw: Gateway, ns: Namespace, section: Section, topic: str,
                       narration: NarrationPlan | None = None) -> RenderState | None:
    """--direct: one call writes the whole video, which is rendered as it is (no gate, no
    fixers, no model fixes, no fallback): the paper's baseline, measured as such."""
    sid = section.id
    ctx.emit(StageStarted(stage="code", section=sid))
    input_hash = json_sha({"topic": topic, "model": gw.models.get("coder"), "direct": True,
                           "language": ctx.options.language, "prompt": _prompts_hash("coder_direct")})
    if reuse_code(ctx, section, input_hash, "write it again"):
        return None
    job = _Section(ctx, gw, Coder(gw, ns), section, input_hash, narration)
    code = job.coder.write_direct(topic, class_name(sid), ctx.options.language)
    job.save(code, f"written in one call by {gw.models.get('coder')} (direct mode)")
    state = render_section(ctx, section, narration, placeholder=True)
    ctx.emit(StageFinished(stage="code", section=sid, status="done", detail="direct mode"))
    return state
