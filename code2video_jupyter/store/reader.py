"""RunReader: the one way to read a run folder from outside a run (the API, the panel, the
export, the evaluation, the CLI). Lock-free: a run may be writing the folder at the same time,
which is safe because the store writes every file atomically; a file that is missing or
unreadable reads as None (or empty), never as an exception, except where a caller asks for
the strict form (``open``, ``read_storyboard``).

A reader reads ``run.json`` once, when first asked (``state``), and answers from that view;
make a new reader to see a newer one. Paths come from ``RunLayout``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..contracts.errors import StoryboardError, explain
from ..contracts.storyboard import Storyboard
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme
from .calls import CallLog
from .layout import RunLayout, section_key
from .lock import is_held
from .revisions import Revision, RevisionLog
from .state import RenderState, RunState


def load_state(run_json: Path) -> RunState:
    """run.json, validated; FileNotFoundError if missing, ValueError if damaged."""
    try:
        text = run_json.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{run_json.parent} is not a run folder (no run.json)") from None
    try:
        return RunState.model_validate_json(text)
    except ValidationError as e:
        raise ValueError(f"{run_json} is damaged: {e.errors()[0]['msg']}") from e


@dataclass
class SectionVideo:
    """What to show for a section: its video, or its placeholder card, or nothing yet."""

    path: Path | None
    placeholder: bool
    render: RenderState | None
    version: str  # changes whenever the picture can change: used to bust caches


class RunReader(RunLayout):
    """A read-only view of the run in ``root``."""

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> RunReader:
        """A reader of a folder that must be a run (FileNotFoundError, ValueError otherwise)."""
        reader = cls(root)
        reader.__dict__["state"] = load_state(reader.run_json)
        return reader

    @staticmethod
    def exists(root: str | os.PathLike[str]) -> bool:
        return RunLayout(root).run_json.exists()

    # --- run.json -------------------------------------------------------------------------------
    @functools.cached_property
    def state(self) -> RunState | None:
        """The run's state, or None if the folder has no readable run.json."""
        try:
            return load_state(self.run_json)
        except (OSError, ValueError):
            return None

    @property
    def name(self) -> str:
        return self.state.name if self.state is not None else self.root.name

    @property
    def quality(self) -> str:
        """The quality the run renders at: its latest options', else its final video's."""
        s = self.state
        if s is None:
            return "l"
        return str(s.options.get("quality") or s.final.quality or "l")

    def stored_options(self) -> dict[str, Any]:
        """The options the run was last made with (see options.continue_options)."""
        return dict(self.state.options) if self.state is not None else {}

    def is_busy(self) -> bool:
        """True while a run (in any process) writes this folder."""
        return is_held(self.lock_file)

    def status(self) -> str:
        """One word: running, stopped, done, partial (placeholder cards), failed, pending, or
        damaged (no readable run.json)."""
        state = self.state
        if state is None:
            return "damaged"
        if self.is_busy():
            return "running"
        renders = [s.renders.get(self.quality) for s in state.sections.values()]
        if any(r is not None and r.status == "cancelled" for r in renders):
            return "stopped"
        if state.final.status == "done":
            return "partial" if state.final.failed_sections else "done"
        if any(r is not None and r.status == "failed" for r in renders):
            return "failed"
        return "pending"

    # --- artifacts ------------------------------------------------------------------------------
    def storyboard_data(self) -> dict[str, Any] | None:
        """The active storyboard as JSON (as the user may have left it), or None."""
        data = _read_json(self.storyboard_path)
        return data if isinstance(data, dict) else None

    def read_storyboard(self) -> Storyboard:
        """The active storyboard, validated; errors name the section, line and field."""
        text = self.storyboard_path.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise StoryboardError([f"not valid JSON at line {e.lineno}, column {e.colno}: {e.msg}"],
                                  str(self.storyboard_path)) from None
        try:
            return Storyboard.model_validate(data)
        except ValidationError as e:
            raise explain(e, data, str(self.storyboard_path)) from None

    def section_ids(self) -> list[int]:
        """Sections known to run.json, in numeric order (10 after 9)."""
        return sorted(s.id for s in self.state.sections.values()) if self.state is not None else []

    def scene(self, section_id: int) -> str | None:
        """The active code of a section, or None if it has none yet."""
        return _read_text(self.scene_path(section_id))

    def user_edited(self, section_id: int) -> bool:
        s = self.state.sections.get(section_key(section_id)) if self.state is not None else None
        return s is not None and s.code.source == "user"

    # --- renders --------------------------------------------------------------------------------
    def render(self, section_id: int, quality: str | None = None) -> RenderState | None:
        s = self.state.sections.get(section_key(section_id)) if self.state is not None else None
        return s.renders.get(quality or self.quality) if s is not None else None

    def section_video(self, section_id: int, quality: str | None = None) -> SectionVideo:
        r = self.render(section_id, quality)
        if r is None:
            return SectionVideo(None, False, None, "")
        if r.status == "done" and r.video and (self.root / r.video).exists():
            return SectionVideo(self.root / r.video, False, r, _version(self.root / r.video, r.input_hash))
        if r.placeholder and (self.root / r.placeholder).exists():
            return SectionVideo(self.root / r.placeholder, True, r,
                                _version(self.root / r.placeholder, r.input_hash))
        return SectionVideo(None, False, r, "")

    def timeline(self, section_id: int, quality: str | None = None) -> dict[str, Any] | None:
        """The section's timeline.json (its lecture-line blocks), if its render wrote one."""
        r = self.render(section_id, quality)
        if r is None or not r.timeline:
            return None
        data = _read_json(self.root / r.timeline)
        return data if isinstance(data, dict) else None

    @staticmethod
    def stamp_path(of: Path) -> Path:
        """Where the input hash of a derived file is kept (NAME.hash beside NAME.mp4)."""
        return Path(of).with_suffix(".hash")

    def is_current(self, of: Path, key: str) -> bool:
        """True if the derived file exists and was made from the inputs hashed as ``key``."""
        return Path(of).exists() and _read_text(self.stamp_path(of)) == key

    def final_video(self) -> tuple[Path | None, str]:
        """The final video and its cache-busting version, or (None, "")."""
        f = self.state.final if self.state is not None else None
        if f is not None and f.status == "done" and f.video and (self.root / f.video).exists():
            return self.root / f.video, _version(self.root / f.video, f.input_hash)
        return None, ""

    # --- the critic -----------------------------------------------------------------------------
    def theme(self) -> Theme:
        """The theme the run was made in (the default for runs made before themes)."""
        data = _read_json(self.theme_path)
        try:
            return Theme(**data) if isinstance(data, dict) else DEFAULT_THEME
        except ValueError:
            return DEFAULT_THEME

    def layout_report(self, section_id: int) -> dict[str, Any] | None:
        """The probe's report of the section's current code (critic.findings.LayoutReport)."""
        data = _read_json(self.layout_report_path(section_id))
        return data if isinstance(data, dict) else None

    def critique(self, section_id: int) -> dict[str, Any]:
        """The critic's rounds on a section: {"rounds": [...], "settled": key?}."""
        data = _read_json(self.critique_path(section_id))
        if not isinstance(data, dict) or not isinstance(data.get("rounds"), list):
            return {"rounds": []}
        return data

    # --- model calls ----------------------------------------------------------------------------
    @property
    def call_log(self) -> CallLog:
        return CallLog(self.root)

    def calls(self) -> list[dict[str, Any]]:
        """calls.jsonl: one summary per call (role, stage, model, tokens, cost, outcome...)."""
        return self.call_log.summaries()

    def call_exchange(self, number: int) -> dict[str, Any] | None:
        """calls/NNNN.json: the whole request and reply of call N."""
        return self.call_log.exchange(number)

    # --- revisions ------------------------------------------------------------------------------
    def outline_log(self) -> RevisionLog:
        return RevisionLog(self.outline_revisions(), ".json")

    def storyboard_log(self) -> RevisionLog:
        return RevisionLog(self.storyboard_revisions(), ".json")

    def scene_log(self, section_id: int) -> RevisionLog:
        return RevisionLog(self.scene_revisions(section_id), ".py")

    def revisions(self, section_id: int | None = None) -> list[Revision]:
        """The history of a section's code (or of the storyboard), oldest first."""
        log = self.storyboard_log() if section_id is None else self.scene_log(section_id)
        try:
            return log.all()
        except (OSError, ValueError):
            return []


def scene_run(scene: Path) -> RunReader | None:
    """The run a scene file belongs to (its sections/NN/scene.py), if any."""
    for folder in Path(scene).resolve().parents:
        if RunReader.exists(folder):
            return RunReader(folder)
    return None


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _read_json(path: Path) -> Any:
    text = _read_text(path)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _version(path: Path, input_hash: str | None) -> str:
    """Changes whenever the file can differ: its inputs' hash, and its own mtime and size."""
    try:
        st = os.stat(path)
    except OSError:
        return (input_hash or "")[:12]
    key = f"{input_hash}:{st.st_mtime_ns}:{st.st_size}".encode()
    return hashlib.sha256(key).hexdigest()[:12]
