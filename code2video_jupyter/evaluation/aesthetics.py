"""Aesthetics, a vision model as judge: the paper's five dimensions (element layout,
attractiveness, logic flow, accuracy and depth, visual consistency), 0-20 each with feedback.

The judge sees the video itself when its model takes video input (litellm's tables say so),
otherwise the keyframes (the last frame of each lecture-line block, in order, captioned with
their section). The answer must be a JSON object of the expected shape: one repair round that
shows the model its error, then a reported failure -- never a guessed or partial score.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..gateway import BadReply, Gateway, GatewayError
from ..prompts import render
from .frames import collect_frames, final_video, frame_parts, video_fits, video_part

DIMENSIONS: tuple[str, ...] = ("element_layout", "attractiveness", "logic_flow", "accuracy_depth",
                               "visual_consistency")
DIMENSION_NAMES = {"element_layout": "element layout", "attractiveness": "attractiveness",
                   "logic_flow": "logic flow", "accuracy_depth": "accuracy and depth",
                   "visual_consistency": "visual consistency"}
Medium = Literal["auto", "keyframes", "video"]


class DimensionScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: float = Field(ge=0, le=20)
    feedback: str = Field(min_length=1)


class JudgeReply(BaseModel):
    """The judge's answer, validated strictly: all five dimensions, scores within 0-20."""

    model_config = ConfigDict(extra="ignore")

    element_layout: DimensionScore
    attractiveness: DimensionScore
    logic_flow: DimensionScore
    accuracy_depth: DimensionScore
    visual_consistency: DimensionScore
    summary: str = ""


class AestheticsResult(BaseModel):
    ok: bool
    model: str | None = None
    medium: Literal["keyframes", "video"] | None = None
    frames: int = 0
    scores: dict[str, float] = Field(default_factory=dict)
    feedback: dict[str, str] = Field(default_factory=dict)
    total: float | None = Field(default=None, description="Sum of the five scores, 0-100.")
    summary: str = ""
    error: str | None = None
    definite: bool = Field(default=True, description="False when the model could not be reached "
                                                     "(worth retrying), True for an answer or a "
                                                     "malformed answer after the repair round.")
    calls: int = 0


def judge_aesthetics(gw: Gateway, run: Path, topic: str, work_dir: Path, *,
                     medium: Medium = "auto", max_frames: int = 24) -> AestheticsResult:
    """Score a run's video; a failure is reported (``ok=False`` with the reason), not guessed."""
    try:
        model = gw.model_for("judge")
    except GatewayError as e:
        return AestheticsResult(ok=False, error=str(e), definite=False)
    chosen, content, frames = _media(run, work_dir, medium, model, max_frames)
    if content is None:
        return AestheticsResult(ok=False, model=model, error="the run has no rendered video to judge")
    note = ("the whole video" if chosen == "video" else
            f"{frames} keyframes of the video, in order: the last frame of each lecture-line "
            "block of each section (a frame per lecture line)")
    text = render("judge_aesthetics", topic=topic, medium=note)
    messages = [{"role": "user", "content": [{"type": "text", "text": text}, *content]}]
    before = len(gw.records)
    try:
        reply, _ = gw.complete_json("judge", messages, JudgeReply, stage="aesthetics")
    except BadReply as e:
        return AestheticsResult(ok=False, model=model, medium=chosen, frames=frames, error=str(e),
                                calls=len(gw.records) - before)
    except GatewayError as e:
        return AestheticsResult(ok=False, model=model, medium=chosen, frames=frames, error=_first_line(e),
                                definite=False, calls=len(gw.records) - before)
    scores = {d: float(getattr(reply, d).score) for d in DIMENSIONS}
    return AestheticsResult(
        ok=True, model=model, medium=chosen, frames=frames, scores=scores,
        feedback={d: getattr(reply, d).feedback for d in DIMENSIONS},
        total=round(sum(scores.values()), 3), summary=reply.summary, calls=len(gw.records) - before)


def _media(run: Path, work_dir: Path, medium: Medium, model: str,
           max_frames: int) -> tuple[Literal["keyframes", "video"], list | None, int]:
    if medium in ("auto", "video"):
        from ..gateway.capabilities import capabilities

        video = final_video(run)
        if video is not None and (medium == "video" or (capabilities(model).video and video_fits(video))):
            return "video", [video_part(video)], 0
    frames = collect_frames(run, work_dir / "keyframes", max_frames)
    if not frames:
        return "keyframes", None, 0
    return "keyframes", frame_parts(frames, with_lines=False), len(frames)


def _first_line(error: Exception) -> str:
    """The error's first line (a provider's message may carry a whole traceback)."""
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:300]
