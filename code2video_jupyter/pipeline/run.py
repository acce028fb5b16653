"""run(options, on_event, cancel): the one entry behind the CLI, the magic and the Python API."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..cancel import Cancelled, CancelToken
from ..events import Done, Failed, Listener, RunStarted, UserEdit
from ..fingerprint import versions
from ..gateway import NoModelError, resolve_models
from ..options import RunOptions
from ..sandbox import isolation_report
from ..store import RunStore
from ..store.hashing import sha
from ..store.layout import RunLayout, default_run_folder
from .assemble_stage import assemble
from .code_stage import ensure_code
from .coder_stage import ensure_agent_code, ensure_direct_code
from .context import RunContext
from .critic_stage import critic_enabled, refine_sections
from .models import make_gateway, wants_agents
from .narration_stage import prepare as prepare_narration
from .plan_stage import ensure_direct_storyboard, ensure_plan
from .render_stage import render_sections
from .storyboard_stage import ensure_storyboard
from .theme_stage import resolve_theme
from .workers import warm_workers

__all__ = ["NoModelError", "RunSummary", "resolve_folder", "run", "slug"]


@dataclass
class RunSummary:
    folder: Path
    video: Path | None = None
    duration: float = 0.0
    rendered: list[int] = field(default_factory=list)
    cached: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.video is not None and not self.failed


def slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return s[:limit].strip("-") or "run"


def resolve_folder(options: RunOptions) -> tuple[Path, Path | None]:
    """The run folder, and the lesson to read (a run folder given as LESSON means: continue it)."""
    lesson = options.lesson
    if lesson is not None and lesson.is_dir():
        if not RunStore.exists(lesson):
            raise FileNotFoundError(f"{lesson} is a folder but not a run (no run.json in it)")
        stored = RunLayout(lesson).lesson_path
        return lesson, (stored if stored.exists() else None)
    if lesson is not None and not lesson.exists():
        raise FileNotFoundError(f"lesson not found: {lesson}")
    if options.out is not None:
        folder = options.out
    else:
        if lesson is not None:
            name = options.name or slug(lesson.stem)
        elif options.topic:
            name = options.name or f"{slug(options.topic)}-{sha(options.topic)[:6]}"
        else:
            raise ValueError("nothing to do: give a lesson outline (LESSON.md) or a topic")
        folder = default_run_folder(name)
    if options.new and RunStore.exists(folder):
        n = 2
        while RunStore.exists(folder.with_name(f"{folder.name}-{n}")):
            n += 1
        folder = folder.with_name(f"{folder.name}-{n}")
    return folder, lesson


def run(options: RunOptions, on_event: Listener | None = None,
        cancel: CancelToken | None = None, critic_sections: list[int] | None = None) -> RunSummary:
    """Run (or continue) a run: recompute only what is stale; partial results are always kept."""
    if options.topic and options.lesson is None and not resolve_models(options).get("planner"):
        raise NoModelError(
            "a bare topic needs a model, and none is configured. Either write a lesson outline "
            "(see notebooks/lessons/ and the README's 'Lesson format') and run "
            "`code2video render LESSON.md`, or set a model with --model "
            "(e.g. openai/gpt-4.1, anthropic/claude-sonnet-4-5, ollama/qwen2.5-coder) or the "
            "C2V_MODEL environment variable.")
    folder, lesson = resolve_folder(options)
    cancel = cancel or CancelToken()
    with RunStore.open(folder, name=options.name) as store:
        ctx = RunContext(store=store, options=options, listener=on_event, cancel=cancel)
        try:
            return _run(ctx, lesson, critic_sections)
        except Cancelled:
            ctx.emit(Failed(error="stopped; finished sections are kept and resume next time"))
            raise
        except Exception as e:
            ctx.emit(Failed(error=str(e)))
            raise
        finally:
            ctx.close()


def _topic_run(store: RunStore) -> bool:
    return store.state.source.get("kind") == "topic"


def _agent_code(ctx: RunContext, gw, storyboard, narration) -> list[int]:
    """The Coder on every section, sections in parallel (bounded by --jobs). Returns the
    sections it rendered (while verifying their code)."""
    from ..repair import load_namespace

    ns = load_namespace()
    with ThreadPoolExecutor(max_workers=ctx.options.jobs, thread_name_prefix="c2v-coder") as pool:
        futures = {s.id: pool.submit(ensure_agent_code, ctx, gw, ns, s, narration)
                   for s in storyboard.sections}
        return [sid for sid, fut in futures.items() if fut.result() is not None]


def _run(ctx: RunContext, lesson: Path | None, critic_sections: list[int] | None = None) -> RunSummary:
    store, options = ctx.store, ctx.options
    with store.updating() as st:
        st.versions = versions()
        st.options = options.model_dump(mode="json")
        st.isolation = isolation_report()
    for label, rev in store.sync_user_edits():
        ctx.emit(UserEdit(artifact=label, revision=rev.number))
    agents = wants_agents(options) or _topic_run(store)
    gw = make_gateway(ctx) if agents else None
    topic = options.topic or store.state.source.get("topic")
    direct = gw is not None and lesson is None and topic and options.direct
    if direct:
        storyboard = ensure_direct_storyboard(ctx, topic)
    elif gw is not None and lesson is None and topic:
        storyboard = ensure_plan(ctx, gw, topic)
    else:
        storyboard = ensure_storyboard(ctx, lesson)
    resolve_theme(ctx, lesson)
    ctx.emit(RunStarted(folder=str(store.root), sections=[s.id for s in storyboard.sections]))
    warm_workers(ctx, storyboard)  # manim's import in the workers overlaps the narration
    narration = prepare_narration(ctx, storyboard)  # audio first: None when off or no voice
    coded: list[int] = []
    if direct:
        from ..repair import load_namespace

        state = ensure_direct_code(ctx, gw, load_namespace(), storyboard.sections[0], topic, narration)
        coded = [] if state is None else [storyboard.sections[0].id]
    elif gw is not None:
        coded = _agent_code(ctx, gw, storyboard, narration)
    else:
        for section in storyboard.sections:
            ensure_code(ctx, section)
    renders, attempted = render_sections(ctx, storyboard.sections, narration)
    attempted = sorted(set(attempted) | set(coded))
    if (critic_sections or (critic_enabled(ctx, gw is not None) and not direct)) \
            and not ctx.cancel.cancelled:
        # A compiled lesson has no gateway, unless a vision model is asked for the critic alone.
        critic_gw = gw if gw is not None else (make_gateway(ctx) if options.critic_model else None)
        renders = refine_sections(ctx, critic_gw, storyboard, renders, narration, only=critic_sections)
    if ctx.cancel.cancelled:
        raise Cancelled()
    video, duration, failed = assemble(ctx, renders, narration)
    summary = RunSummary(
        folder=store.root, video=Path(video), duration=duration, failed=failed,
        rendered=sorted(sid for sid in attempted if renders[sid].status == "done"),
        cached=sorted(sid for sid in renders if sid not in attempted),
        warnings=list(ctx.warnings),
    )
    ctx.emit(Done(video=video, duration=duration, rendered=summary.rendered, cached=summary.cached,
                  failed=failed))
    return summary

