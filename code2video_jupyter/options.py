"""RunOptions: every option, defined once. The CLI's flags (and later the magic's and the
traitlets config) are derived from these fields, so no front end has an option the others lack.

A field's ``json_schema_extra`` may give ``flags`` (CLI spellings) and ``positional``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo

from . import quality as _quality
from .quality import QUALITIES, Quality, QualitySpec
from .store.layout import RUNS_FOLDER

__all__ = ["QUALITIES", "Quality", "QualitySpec", "RunOptions", "continue_options", "field_extra"]


def field_extra(info: FieldInfo) -> dict:
    """A field's front-end hints (``flags``, ``positional``, ``config``), or {}."""
    return info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}


class RunOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    lesson: Path | None = Field(
        default=None,
        description="Markdown lesson outline to render (offline; no model needed).",
        json_schema_extra={"positional": True},
    )
    topic: str | None = Field(default=None, description="A bare topic (needs a model).")
    out: Path | None = Field(
        default=None,
        description=f"Run folder (default: {RUNS_FOLDER}/<name> in the current folder).",
        json_schema_extra={"flags": ["--out", "-o"]},
    )
    name: str | None = Field(default=None, description="Run name (default: from the lesson or topic).")
    new: bool = Field(default=False, description="Start a fresh run instead of continuing one.")
    quality: Quality = Field(
        default="l", description=f"Render quality: {_quality.describe()}.",
        json_schema_extra={"flags": ["-q", "--quality"]},
    )
    jobs: int = Field(
        default_factory=lambda: os.cpu_count() or 1, ge=1,
        description="Sections rendered at once (default: the number of cores).",
        json_schema_extra={"flags": ["-j", "--jobs"]},
    )
    render_timeout: float = Field(
        default=300.0, gt=0, description="Seconds a section's render may take before it is killed.",
    )
    memory_mb: int = Field(default=4096, gt=256, description="Memory of a render as a whole (its processes and its work folder; a memory cgroup where there is one, else per process), MB.")
    regenerate: bool = Field(
        default=False,
        description="Redo automatic artifacts even where you edited them (your edits stay in the history).",
    )

    theme: str | None = Field(
        default=None,
        description="Look of the video: dark (the default), light (projectors in lit rooms), "
                    "high-contrast, or a theme file (TOML or YAML: colours and fonts, see the "
                    "README's 'Themes'). A lesson may name one in its front matter; this wins.",
    )

    # --- agents (a bare topic needs a model; a lesson outline does not) ------------------------
    model: str | None = Field(
        default=None,
        description="Model for every role, any litellm id: openai/gpt-4.1, anthropic/claude-sonnet-4-5, "
                    "ollama/qwen2.5-coder, hosted_vllm/NAME (with --api-base). Env: C2V_MODEL.",
    )
    planner_model: str | None = Field(default=None, description="Model of the Planner (default: --model).")
    coder_model: str | None = Field(default=None, description="Model of the Coder (default: --model).")
    critic_model: str | None = Field(default=None, description="Vision model of the Critic (default: --model).")
    judge_model: str | None = Field(default=None, description="Vision model of the evaluation judge.")
    api_base: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible server (vLLM, llama.cpp, Ollama).",
    )
    sections: int | None = Field(
        default=None, ge=1, le=12, description="Number of sections the Planner writes (default: its choice, 3-5).",
    )
    audience: str | None = Field(default=None, description="Who the lesson is for (Planner).")
    minutes: float | None = Field(default=None, gt=0, le=30, description="Target length of the video, minutes (Planner).")
    language: str = Field(default="en", description="Language of the lesson's text (BCP 47 code, e.g. en, de, zh).")
    assets: Path | None = Field(default=None, description="Folder of your own images the Planner may use.")
    fix: Literal["scoped", "whole", "none"] = Field(
        default="scoped",
        description="How the Coder repairs a failing scene: scoped (line, block, section), whole "
                    "(regenerate the section), none (fall back to the compiled scene at once).",
    )
    fix_budget: int = Field(default=3, ge=0, le=20, description="Model fix calls per section before its fallback.")
    llm_timeout: float = Field(default=120.0, gt=0, description="Seconds one model call may take.")
    max_calls: int | None = Field(default=None, ge=1, description="Stop the run cleanly after this many model calls.")
    max_cost: float | None = Field(default=None, gt=0, description="Stop the run cleanly after this much cost, USD.")
    anchors: bool = Field(
        default=True,
        description="Give the Coder the anchor grid (place_at/place_in) and the Critic the grid "
                    "on its keyframes; --no-anchors reproduces the paper's ablation.",
    )
    direct: bool = Field(
        default=False,
        description="The paper's baseline row: one Coder call writes the whole video as one scene "
                    "from the topic; no Planner, no repair, no Critic.",
    )
    critic: bool | None = Field(
        default=None,
        description="Refine layouts with the Critic (default: on for generated code, off for "
                    "compiled lessons, whose layouts are the compiler's).",
    )
    critic_rounds: int = Field(default=2, ge=1, le=5, description="Critic rounds per section at most.")
    replay: bool = Field(
        default=False, description="Answer model calls from the run's own recording (no model needed).",
    )

    # --- narration (audio first; pipeline/narration_stage.py) ----------------------------------
    narration: bool = Field(
        default=True,
        description="Speak each lecture line (its narration, or the line itself); the speech sets "
                    "how long each line stays on screen. On when a voice is installed; "
                    "--no-narration renders the silent video.",
    )
    voice: str | None = Field(
        default=None,
        description="Voice of the narration: an installed Piper voice (en_US-joe-medium), a Piper "
                    "voice file (PATH.onnx, with its .onnx.json), or a cloud voice through litellm "
                    "(openai/tts-1:alloy). Default: the installed voice for the lesson's language.",
    )
    burn_subtitles: bool = Field(
        default=False,
        description="Also draw the subtitles into the final video (re-encodes it); final.srt and "
                    "final.vtt are written either way.",
    )
    preview: bool = Field(
        default=False,
        description="Before each section's video, a quick look: the frame at the end of each "
                    "lecture line, from a run with animations skipped (the notebook's Re-render "
                    "shows it first; the video follows).",
    )

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, v: str | None) -> str | None:
        """A built-in name stays a name; a theme file becomes an absolute path (the run is
        continued later from anywhere) and must exist and be a valid theme now."""
        if v is None or not v.strip():
            return None
        from .theme import builtin_name, load_theme
        from .theme.load import theme_path

        if builtin_name(v):
            return builtin_name(v)
        load_theme(v)  # ThemeError (a ValueError) names the file and the field
        return str(theme_path(v))

    @model_validator(mode="after")
    def _topic_or_lesson(self) -> RunOptions:
        if self.topic is not None and not self.topic.strip():
            raise ValueError("the topic is empty: give a topic or a lesson outline")
        return self


# What says *which* run to make, not how: never carried over when a run is continued.
# ``preview`` is the front end's choice for this run only (the notebook's Re-render).
_NOT_CARRIED = frozenset({"lesson", "topic", "out", "new", "regenerate", "name", "preview"})


def continue_options(folder: Path, stored: dict[str, Any], **overrides: Any) -> RunOptions:
    """Options that continue the run in ``folder`` with its own options (``run.json``'s:
    quality, jobs, models...), so only what is stale is recomputed. ``overrides`` that are not
    None win. Stored options that this version no longer accepts are dropped, one by one: the
    run's folder is what counts."""
    values = {k: v for k, v in stored.items()
              if k in RunOptions.model_fields and k not in _NOT_CARRIED and v is not None}
    values.update({k: v for k, v in overrides.items() if v is not None})
    while True:
        try:
            return RunOptions(**{**values, "lesson": folder})
        except ValidationError as e:
            bad = {str(err["loc"][0]) for err in e.errors() if err["loc"]} & set(values)
            if not bad or bad & {k for k, v in overrides.items() if v is not None}:
                raise
            for key in bad:
                values.pop(key)
