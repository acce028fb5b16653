"""Stage 4: the Critic refines each rendered section's layout, in bounded rounds.

Per section and round: the layout probe (geometry, no model) measures the scene; a vision
model, when one is configured, looks at the keyframes with the anchor grid and answers fixes
(without one, the probe's findings drive deterministic fixes). Moves and scale changes are
patched deterministically, other fixes are scoped Coder edits. A patched scene is probed
before it is rendered: a fix that makes the findings worse is rolled back without a render.
Only sections whose code changed are critiqued again. Everything is kept in the run folder:
sections/NN/layout.json (the current probe report), sections/NN/critique.json (every round:
the findings before and after, the fixes, what was kept), sections/NN/keyframes/.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from ..agents.coder import Coder
from ..caches import tex_cache_dir
from ..compiler import class_name
from ..contracts.storyboard import Section, Storyboard
from ..critic.findings import LayoutReport
from ..critic.fixes import EditFix
from ..critic.layout_fixes import fixes_from_findings, score
from ..critic.patches import apply_patch, placement_lines
from ..events import Finding, StageFinished, StageStarted
from ..gateway import BadReply, Gateway, ModelUnavailable
from ..repair import fix_source, load_namespace, scopes_for, splice
from ..store import RenderState
from ..store.hashing import sha
from .context import RunContext
from .render_stage import render_section

if TYPE_CHECKING:
    from .narration_stage import NarrationPlan

CRITIC_VERSION = "1"


def critic_enabled(ctx: RunContext, agents: bool) -> bool:
    """On by default for generated code; compiled lessons are laid out by the compiler (whose
    scenes the tests hold to zero findings), so there it runs on request (--critic)."""
    choice = ctx.options.critic
    return agents if choice is None else choice


def refine_sections(ctx: RunContext, gw: Gateway | None, storyboard: Storyboard,
                    renders: dict[int, RenderState], narration: NarrationPlan | None = None,
                    only: list[int] | None = None) -> dict[int, RenderState]:
    todo = [s for s in storyboard.sections if renders.get(s.id) and renders[s.id].status == "done"
            and (only is None or s.id in only)]
    if only is None:
        # An automatic stage never rewrites your code; `code2video critic RUN` (only=...) may.
        for s in list(todo):
            last = ctx.store.scene_log(s.id).last()
            if last is not None and last.source == "user":
                todo.remove(s)
                ctx.emit(StageFinished(stage="critic", section=s.id, status="kept",
                                       detail="your edited code is not changed automatically"))
    for rnd in range(1, ctx.options.critic_rounds + 1):
        if not todo or ctx.cancel.cancelled:
            break
        with ThreadPoolExecutor(max_workers=ctx.options.jobs, thread_name_prefix="c2v-critic") as pool:
            futures = [(s, pool.submit(_round, ctx, gw, s, rnd, renders, narration)) for s in todo]
            results = [(s, fut.result()) for s, fut in futures]
        todo = [s for s, changed in results if changed]
    return renders


def _probe(ctx: RunContext, section: Section, narration: NarrationPlan | None) -> LayoutReport:
    from ..critic import probe_scene

    store = ctx.store
    return probe_scene(store.scene_path(section.id), class_name(section.id), ctx.options.quality,
                       line_durations=narration.durations(section.id) if narration else None,
                       assets_dir=str(store.assets_dir), tex_cache=str(tex_cache_dir()),
                       cancelled=ctx.cancel, theme=ctx.theme)


def _history(ctx: RunContext, sid: int) -> dict[str, Any]:
    return ctx.store.critique(sid)


def _round(ctx: RunContext, gw: Gateway | None, section: Section, rnd: int,
           renders: dict[int, RenderState], narration: NarrationPlan | None) -> bool:
    """One critic round on one section; True if its code changed (and was kept)."""
    store, sid = ctx.store, section.id
    source = store.scene_path(sid).read_text(encoding="utf-8")
    vision = gw is not None and gw.has_model("critic")
    key = sha(source, CRITIC_VERSION, str(vision and gw.models.get("critic")), ctx.theme.fingerprint())
    history = _history(ctx, sid)
    if history.get("settled") == key:
        ctx.emit(StageFinished(stage="critic", section=sid, status="cached"))
        return False
    ctx.emit(StageStarted(stage="critic", section=sid))
    before = _probe(ctx, section, narration)
    store.write_layout_report(sid, before)
    for finding in before.findings:
        ctx.emit(Finding(section=sid, round=rnd, finding=finding))
    if not before.ok:
        ctx.emit(StageFinished(stage="critic", section=sid, status="failed", detail=before.summary()))
        return False
    placements = placement_lines(source)
    state = renders[sid]
    entry: dict[str, Any] = {"round": rnd, "findings_before": [f.model_dump() for f in before.findings],
                             "score_before": score(before), "critic": "probe"}
    fixes = _ask(ctx, gw, section, state, before, placements, entry, rnd) if vision else []
    if not vision or entry.get("failed"):
        from ..critic.grid_overlay import grid_occupancy

        timeline = json.loads((store.root / state.timeline).read_text()) if state.timeline else {}
        with_model = gw is not None and gw.has_model("coder")
        fixes = fixes_from_findings(before, grid_occupancy(timeline), placements, with_model)
    entry["fixes"] = [f.model_dump() for f in fixes]
    if not fixes:
        return _settle(ctx, section, history, entry, key, "no fixes needed")
    new, applied, skipped = _apply(ctx, gw, section, source, fixes)
    entry["applied"], entry["skipped"] = applied, skipped
    if new == source:
        return _settle(ctx, section, history, entry, key, "no fix could be applied")
    checked = fix_source(new, load_namespace())
    if not checked.report.ok:
        entry["rejected"] = [str(i) for i in checked.report.errors]
        return _settle(ctx, section, history, entry, key, "the fixed code does not pass the static gate")
    new = checked.source
    log = store.scene_log(sid)
    store.write_artifact(store.scene_path(sid), log, new, "critic",
                         f"critic round {rnd}: {'; '.join(applied)}", log.last().input_hash if log.last() else None)
    after = _probe(ctx, section, narration)
    entry["findings_after"] = [f.model_dump() for f in after.findings]
    entry["score_after"] = score(after)
    if score(after) > score(before) or not after.ok:
        why = "made the layout findings worse" if after.ok else f"broke the scene ({after.summary()})"
        _rollback(ctx, sid, source, f"critic round {rnd} rolled back: the fix {why}")
        entry["kept"] = False
        return _settle(ctx, section, history, entry, key, f"rolled back: the fix {why}")
    new_state = render_section(ctx, section, narration, placeholder=False)
    if new_state.status != "done":
        _rollback(ctx, sid, source, f"critic round {rnd} rolled back: the fixed scene failed to render")
        renders[sid] = render_section(ctx, section, narration)
        entry["kept"] = False
        return _settle(ctx, section, history, entry, key, "rolled back: the fixed scene failed to render")
    renders[sid] = new_state
    store.write_layout_report(sid, after)
    entry["kept"] = True
    history["rounds"].append(entry)
    history.pop("settled", None)
    store.write_critique(sid, history)
    ctx.emit(StageFinished(stage="critic", section=sid, status="done",
                           detail=f"findings {len(before.findings)} -> {len(after.findings)}: "
                                  f"{'; '.join(applied)}"))
    return True


def _ask(ctx: RunContext, gw: Gateway, section: Section, state: RenderState, report: LayoutReport,
         placements: dict[int, str], entry: dict[str, Any], rnd: int) -> list:
    from ..critic.keyframes import extract_keyframes, keyframe_files
    from ..critic.vlm import critique

    store = ctx.store
    if not state.timeline:
        entry["failed"] = "no timeline.json: keyframes need the lecture-line blocks"
        return []
    video = store.root / (state.silent or state.video or "")
    try:
        keyframes = extract_keyframes(video, store.root / state.timeline)
        store.write_keyframes(section.id, keyframe_files(keyframes, store.keyframes_dir(section.id)))
        reply, _ = critique(gw, section, keyframes, report, placements, attempt=rnd,
                            anchors=ctx.options.anchors)
    except (ModelUnavailable, BadReply) as e:
        ctx.warn(f"section {section.id}: the critic could not answer ({e}); the probe's findings "
                 "drive the fixes instead", section.id)
        entry["failed"] = str(e)
        return []
    entry["critic"] = gw.models.get("critic")
    entry["comment"] = reply.comment
    return list(reply.fixes)


def _apply(ctx: RunContext, gw: Gateway | None, section: Section, source: str,
           fixes: list) -> tuple[str, list[str], list[str]]:
    applied, skipped = [], []
    # Bottom-up, so an edit that changes the number of lines does not shift the others.
    for fix in sorted(fixes, key=lambda f: -f.line):
        if isinstance(fix, EditFix):
            if gw is None or not gw.has_model("coder"):
                skipped.append(f"line {fix.line}: edit needs a coder model")
                continue
            scopes = scopes_for(source, fix.line)
            scope = scopes.get("line") or scopes.get("block")
            if scope is None:
                skipped.append(f"line {fix.line}: no statement there")
                continue
            try:
                replacement = Coder(gw, load_namespace()).fix_scope(
                    scope, f"Layout critic: {fix.instruction}", section.id, 0)
            except (ModelUnavailable, BadReply) as e:
                skipped.append(f"line {fix.line}: the coder could not answer ({e})")
                continue
            source = splice(source, scope, replacement)
            applied.append(f"line {fix.line}: edited ({fix.instruction[:80]})")
            continue
        patched = apply_patch(source, fix)
        if patched is None:
            skipped.append(f"line {fix.line}: no placement call to {fix.kind} there")
            continue
        source, what = patched
        applied.append(what)
    return source, applied, skipped


def _rollback(ctx: RunContext, sid: int, source: str, reason: str) -> None:
    store = ctx.store
    log = store.scene_log(sid)
    store.write_artifact(store.scene_path(sid), log, source, "critic", reason,
                         log.last().input_hash if log.last() else None)
    ctx.warn(f"section {sid}: {reason}", sid)


def _settle(ctx: RunContext, section: Section, history: dict[str, Any], entry: dict[str, Any],
            key: str, detail: str) -> bool:
    history["rounds"].append({**entry, "result": detail})
    # Nothing (more) to do for this code (the scene is back to it after a rollback): a re-run
    # does not ask again.
    history["settled"] = key
    ctx.store.write_critique(section.id, history)
    ctx.emit(StageFinished(stage="critic", section=section.id, status="done", detail=detail))
    return False
