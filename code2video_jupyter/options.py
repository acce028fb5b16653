"""RunOptions: every option, defined once. The CLI's flags (and later the magic's and the
traitlets config) are derived from these fields, so no front end has an option the others lack.

A field's ``json_schema_extra`` may give ``flags`` (CLI spellings) and ``positional``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Quality = Literal["l", "m", "h", "k"]
QUALITY_NAMES = {"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"}


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
        description="Run folder (default: code2video_runs/<name> in the current folder).",
        json_schema_extra={"flags": ["--out", "-o"]},
    )
    name: str | None = Field(default=None, description="Run name (default: from the lesson or topic).")
    new: bool = Field(default=False, description="Start a fresh run instead of continuing one.")
    quality: Quality = Field(
        default="l", description="Render quality: l=480p15, m=720p30, h=1080p60, k=2160p60.",
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
    memory_mb: int = Field(default=4096, gt=256, description="Address-space limit of a render, MB.")
    regenerate: bool = Field(
        default=False,
        description="Redo automatic artifacts even where you edited them (your edits stay in the history).",
    )

    @model_validator(mode="after")
    def _topic_or_lesson(self) -> RunOptions:
        if self.topic is not None and not self.topic.strip():
            raise ValueError("the topic is empty: give a topic or a lesson outline")
        return self
