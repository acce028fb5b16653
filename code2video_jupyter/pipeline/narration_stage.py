"""Stage: narration, audio first.

1. ``prepare`` (before the render): resolve the voice, speak every lecture line (the shared
   audio cache answers unchanged lines), and turn each line's measured speech into the minimum
   duration of its block, padded to a frame boundary of the render's frame rate. The render
   stage passes these durations into the scene (RenderRequest.line_durations), and they are
   part of the render's input hash.
2. ``NarrationPlan.attach`` (after each section's render, cached ones too): lay the lines'
   audio out at the start times of their blocks (timeline.json, written by the render itself)
   and mux it under the section's video without re-encoding it; write the section's subtitles.
3. ``finish_final`` (after assembly): join every line's PCM into one track on the final
   timeline, encode it once, mux it with the joined video; final.srt and final.vtt.

No voice (an unknown language, a bad voice path, no piper-tts) means a clear warning and the
silent video, never a failed run. ``--no-narration`` skips all of this: the silent video,
exactly as without narration.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..cancel import Cancelled
from ..contracts.storyboard import Section, Storyboard
from ..events import StageFinished, StageStarted
from ..narration import subtitles, synth
from ..narration.voices import Voice, VoiceUnavailable, resolve_voice
from ..quality import QUALITIES
from ..store import RenderState
from ..store.hashing import json_sha
from .context import RunContext


@dataclass
class SectionNarration:
    lines: list[synth.LineAudio]
    captions: list[str]  # what the subtitles say, per line (the narration as written)


@dataclass
class NarrationPlan:
    """The speech of every section, synthesized in the background in section order: a section
    whose audio is ready can render while later ones are still being spoken (every reader
    waits for its own section only)."""

    voice: Voice
    fps: int
    sections: dict[int, SectionNarration] = field(default_factory=dict)
    burn: bool = False
    _ready: dict[int, threading.Event] = field(default_factory=dict, repr=False)
    _error: BaseException | None = field(default=None, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    def close(self) -> None:
        """End the background synthesis with the run (a run that failed or stopped early must
        not keep speaking into the cache): after its current line at most."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=60)

    def expect(self, section_ids: list[int]) -> None:
        self._ready = {sid: threading.Event() for sid in section_ids}

    def ready(self, section_id: int) -> None:
        if section_id in self._ready:
            self._ready[section_id].set()

    def fail(self, error: BaseException) -> None:
        """Synthesis stopped (an error, or Stop): every waiting reader gets ``error``."""
        self._error = error
        for event in self._ready.values():
            event.set()

    def wait(self, section_id: int | None = None) -> None:
        """Until the section's audio (all of it: None) is ready; re-raises a synthesis error."""
        events = self._ready.values() if section_id is None else \
            [self._ready[section_id]] if section_id in self._ready else []
        for event in events:
            event.wait()
        if self._error is not None and (section_id is None or section_id not in self.sections):
            raise self._error

    def durations(self, section_id: int) -> list[float] | None:
        """Minimum seconds of each line's block, or None (no narration for this section)."""
        self.wait(section_id)
        s = self.sections.get(section_id)
        return [a.duration(self.fps) for a in s.lines] if s else None

    def section_key(self, section_id: int) -> str:
        self.wait(section_id)
        s = self.sections[section_id]
        return json_sha({"voice": self.voice.identity, "lines": [a.key for a in s.lines],
                         "captions": s.captions, "v": 1})

    def final_key(self) -> dict:
        """What the final video's audio depends on (added to the assembly's input hash)."""
        self.wait()
        return {"voice": self.voice.identity, "burn": self.burn,
                "sections": {str(k): self.section_key(k) for k in sorted(self.sections)}}

    # --- after each section's render ----------------------------------------------------------
    def attach(self, ctx: RunContext, section: Section, state: RenderState) -> RenderState:
        """Give a rendered section its narration track and subtitles (cached when unchanged).

        Returns the state to record; on any failure, a warning and the silent state."""
        self.wait(section.id)
        if section.id not in self.sections or state.status != "done" or not state.video:
            return state
        store = ctx.store
        silent = store.root / (state.silent or state.video)
        dest = store.render_dir(section.id, ctx.options.quality)
        narrated = dest / store.NARRATED
        key = json_sha([self.section_key(section.id), state.input_hash])
        updated = state.model_copy(update={
            "video": store.rel(narrated), "silent": store.rel(silent),
            "subtitles": store.rel(dest / store.SECTION_VTT)})
        if store.is_current(narrated, key):
            return updated
        try:
            self._mux_section(ctx, section, silent, dest)
        except Cancelled:  # stopped: the run ends after the render stage anyway
            return state.model_copy(update={"video": store.rel(silent), "silent": None,
                                            "subtitles": None})
        except Exception as e:  # noqa: BLE001 - a section without sound beats a failed run
            ctx.warn(f"section {section.id}: its narration could not be added ({e}); "
                     "it stays silent", section.id)
            return state.model_copy(update={"video": store.rel(silent), "silent": None,
                                            "subtitles": None})
        store.write_stamp(narrated, key)
        return updated

    def layout(self, section_id: int, timeline_path: Path, offset: float = 0.0,
               rate: int | None = None) -> tuple[list[tuple[float, np.ndarray]], list[subtitles.Cue],
                                                list[dict], list[int], int]:
        """Where each line's audio goes: at the start of its block (timeline.json) + offset.

        Returns the audio pieces, the subtitle cues, a report per line, the lines that have no
        block, and the sample rate of the pieces."""
        from ..narration import mux

        timeline = json.loads(timeline_path.read_text())
        starts = _block_starts(timeline)
        plan = self.sections[section_id]
        rate = rate or (plan.lines[0].rate if plan.lines else 22050)
        pieces, cues, report, missing = [], [], [], []
        for k, audio in enumerate(plan.lines):
            block = starts.get(k)
            if block is None:
                missing.append(k + 1)
                continue
            start, end = block
            samples, r = synth.read_wav(audio.path)
            pieces.append((offset + start, mux.to_rate(samples, r, rate)))
            cues += subtitles.line_cues(offset + start, audio.seconds, offset + end,
                                        plan.captions[k], k)
            report.append({"line": k, "start": start, "end": end, "text": plan.captions[k],
                           "spoken": audio.text, "key": audio.key, "speech": audio.seconds,
                           "duration": audio.duration(self.fps), "synthesized": not audio.cached})
        return pieces, cues, report, missing, rate

    def _mux_section(self, ctx: RunContext, section: Section, silent: Path, dest: Path) -> None:
        from ..narration import mux

        store, q = ctx.store, ctx.options.quality
        pieces, cues, report, missing, rate = self.layout(section.id, dest / store.TIMELINE)
        if missing:
            ctx.warn(f"section {section.id}: scene.py has no block for line(s) {missing} "
                     "(no `with self.line(k):`), so their narration is left out", section.id)
        seconds, _ = mux.video_length(silent)
        track = mux.lay_out(pieces, float(seconds), rate)
        with store.writing(dest / store.NARRATED) as tmp:
            mux.mux_audio(silent, track, rate, tmp, cancel=lambda: ctx.cancel.cancelled)
        store.write_subtitles(dest, "section", subtitles.to_srt(cues), subtitles.to_vtt(cues))
        store.write_narration_report(section.id, q, {
            "voice": self.voice.describe(), "fps": self.fps, "rate": rate,
            "video_seconds": float(seconds), "lines": report})


def _block_starts(timeline: dict) -> dict[int, tuple[float, float]]:
    """Line index -> (start, end) of its first block."""
    out: dict[int, tuple[float, float]] = {}
    for b in timeline.get("blocks", []):
        out.setdefault(int(b["index"]), (float(b["start"]), float(b["end"])))
    return out


# --- before the render ------------------------------------------------------------------------
def prepare(ctx: RunContext, storyboard: Storyboard) -> NarrationPlan | None:
    """Start speaking every line (from the cache where possible) in the background; None
    when narration is off or no voice can speak the lesson's language."""
    options = ctx.options
    if not options.narration:
        _record_voice(ctx, "off (--no-narration)")
        return None
    ctx.emit(StageStarted(stage="narration"))
    t0 = time.monotonic()
    try:
        voice = resolve_voice(options.voice, storyboard.language)
    except VoiceUnavailable as e:
        ctx.warn(f"narration is off for this video: {e}. The video is silent.")
        _record_voice(ctx, f"none ({e})")
        ctx.emit(StageFinished(stage="narration", status="failed", detail=str(e),
                               elapsed=time.monotonic() - t0))
        return None
    plan = NarrationPlan(voice=voice, fps=QUALITIES[options.quality].fps,
                         burn=options.burn_subtitles)
    plan.expect([s.id for s in storyboard.sections])
    plan._thread = threading.Thread(target=_synthesize, args=(ctx, plan, storyboard, t0),
                                    daemon=True, name="c2v-narration")
    ctx.closers.append(plan.close)
    plan._thread.start()
    return plan


def _synthesize(ctx: RunContext, plan: NarrationPlan, storyboard: Storyboard, t0: float) -> None:
    """Speak every line, section after section, marking each section ready as it is done."""
    made = 0
    try:
        for section in storyboard.sections:
            lines, captions = [], []
            for line in section.lecture_lines:
                if ctx.cancel.cancelled or plan._stop.is_set():
                    raise Cancelled()
                text = (line.narration or "").strip() or line.text
                audio = synth.line_audio(plan.voice, text)
                made += not audio.cached
                lines.append(audio)
                captions.append(synth.spoken_text(text))
            plan.sections[section.id] = SectionNarration(lines, captions)
            plan.ready(section.id)
    except BaseException as e:  # noqa: BLE001 - handed to whoever waits for the audio
        plan.fail(e)
        if not isinstance(e, Cancelled):
            ctx.emit(StageFinished(stage="narration", status="failed", detail=str(e),
                                   elapsed=time.monotonic() - t0))
        return
    _record_voice(ctx, plan.voice.describe())
    n = sum(len(s.lines) for s in plan.sections.values())
    ctx.emit(StageFinished(stage="narration", status="done" if made else "cached",
                           detail=f"{n} lines, {made} synthesized; voice {plan.voice.name}",
                           elapsed=time.monotonic() - t0))


def _record_voice(ctx: RunContext, text: str) -> None:
    with ctx.store.updating() as st:
        st.versions["voice"] = text


# --- after the assembly -----------------------------------------------------------------------
def finish_final(ctx: RunContext, plan: NarrationPlan, renders: dict[int, RenderState],
                 inputs: list[Path]) -> str | None:
    """Put one continuous narration track under final.mp4 (whose sections are ``inputs``, in
    numeric order) and write final.srt / final.vtt. Returns the relative path of the WebVTT
    file, or None when no section has narration (all failed: the placeholders stay silent)."""
    from ..narration import mux

    plan.wait()
    store = ctx.store
    final = store.final_path
    pieces: list[tuple[float, np.ndarray]] = []
    cues: list[subtitles.Cue] = []
    offset = 0.0
    rate: int | None = None
    for sid, video in zip(sorted(renders), inputs, strict=True):
        r = renders[sid]
        # the offset of each section is where concat() put it: the sum of the lengths before it
        seconds, _ = mux.video_length(video)
        if r.status == "done" and r.silent and r.timeline and sid in plan.sections:
            p, c, _, _, rate = plan.layout(sid, store.root / r.timeline, offset, rate)
            pieces += p
            cues += c
        offset += float(seconds)
    if rate is None:
        return None
    try:
        total, _ = mux.video_length(final)
        track = mux.lay_out(pieces, float(total), rate)
        with store.writing(final) as tmp:
            mux.mux_audio(final, track, rate, tmp, cancel=lambda: ctx.cancel.cancelled)
        vtt = store.write_subtitles(store.root, "final", subtitles.to_srt(cues), subtitles.to_vtt(cues))
        if plan.burn:
            with store.writing(final) as tmp:
                mux.burn_subtitles(final, cues, tmp, cancel=lambda: ctx.cancel.cancelled)
    except Cancelled:
        raise
    except Exception as e:  # noqa: BLE001 - the silent video is still a video
        ctx.warn(f"the narration could not be added to the final video ({e}); it is silent")
        return None
    return store.rel(vtt)


__all__ = ["NarrationPlan", "finish_final", "prepare"]
