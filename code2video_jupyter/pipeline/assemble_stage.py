"""Stage 4: join the sections in numeric order into final.mp4 (placeholders for failed ones)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..events import StageFinished, StageStarted
from ..store import RenderState
from ..store.hashing import json_sha
from ..video import concat
from .context import RunContext

if TYPE_CHECKING:
    from .narration_stage import NarrationPlan


def assemble(ctx: RunContext, renders: dict[int, RenderState],
             narration: NarrationPlan | None = None) -> tuple[str, float, list[int]]:
    store, q = ctx.store, ctx.options.quality
    ctx.emit(StageStarted(stage="assemble"))
    inputs, failed, parts = [], [], []
    # Numeric order: section 10 comes after section 9 (never a string sort of folder names).
    for sid in sorted(renders):
        r = renders[sid]
        if r.status == "done" and r.video:
            # the picture only: a narrated run gets one audio track for the whole video below
            inputs.append(store.root / (r.silent or r.video))
            parts.append([sid, r.input_hash])
        elif r.placeholder:
            inputs.append(store.root / r.placeholder)
            parts.append([sid, "placeholder", r.error])
            failed.append(sid)
        else:
            raise RuntimeError(
                f"section {sid} has neither a video nor a placeholder card ({r.error or r.status}); "
                "the video cannot be assembled without losing it")
    input_hash = json_sha({"quality": q, "parts": parts}
                          | ({"narration": narration.final_key()} if narration else {}))
    fin = store.state.final
    if fin.status == "done" and fin.input_hash == input_hash and store.final_path.exists():
        ctx.emit(StageFinished(stage="assemble", status="cached"))
        return str(store.final_path), fin.duration or 0.0, fin.failed_sections
    with store.writing(store.final_path) as tmp:
        result = concat(inputs, tmp, cancel=ctx.cancel)
    subtitles = None
    if narration is not None:  # continuous narration + final.srt/.vtt (narration_stage.py)
        from .narration_stage import finish_final

        subtitles = finish_final(ctx, narration, renders, inputs)
    with store.updating() as st:
        st.final.status, st.final.input_hash, st.final.video = "done", input_hash, store.rel(store.final_path)
        st.final.quality, st.final.duration, st.final.mode = q, result.duration, result.mode
        st.final.failed_sections = failed
        st.final.subtitles = subtitles
        st.final.voice = narration.voice.name if narration and subtitles else None
    detail = f"{len(inputs)} sections, {result.duration:.1f} s, {result.mode}"
    ctx.emit(StageFinished(stage="assemble", status="done", detail=detail))
    return str(store.final_path), result.duration, failed
