"""What the panel's buttons do to a run: save an edit as a ``user`` revision (through the run
store, the only writer of a run folder) and start runs that continue it. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from .. import pyparse
from ..options import RunOptions, continue_options
from ..store import RunBusyError, RunReader, RunStore
from .worker import Target

EDIT_REASON = "edited in the notebook panel"
Document = Literal["storyboard", "outline"]


@dataclass
class Saved:
    """The outcome of a save: ``revision`` is None when nothing was saved (see ``problem``)
    or nothing had changed."""

    revision: int | None = None
    unchanged: bool = False
    problem: str | None = None  # plain text: why it was not saved
    busy: bool = False  # the run was being used by another process

    @property
    def ok(self) -> bool:
        return self.problem is None


def save_scene(folder: Path, sid: int, text: str) -> Saved:
    """Save ``text`` as section ``sid``'s code, a ``user`` revision (if it changed)."""
    try:
        pyparse.parse(text)
    except SyntaxError as e:
        return Saved(problem=f"scene.py line {e.lineno}: {e.msg}")
    try:
        with RunStore.open(folder) as store:
            store.sync_user_edits()  # an edit made in another editor is kept first
            if store.scene(sid) == text:
                return Saved(unchanged=True)
            log = store.scene_log(sid)
            last = log.last()
            rev = store.write_artifact(store.scene_path(sid), log, text, "user", EDIT_REASON,
                                       last.input_hash if last else None)
    except RunBusyError as e:
        return Saved(problem=str(e), busy=True)
    return Saved(revision=rev.number)


def save_document(folder: Path, kind: Document, doc: BaseModel) -> Saved:
    """Save a validated storyboard or outline as a ``user`` revision (if it changed)."""
    try:
        with RunStore.open(folder) as store:
            store.sync_user_edits()  # an edit made in another editor is kept first
            log = store.storyboard_log() if kind == "storyboard" else store.outline_log()
            path = store.storyboard_path if kind == "storyboard" else store.outline_path
            try:
                current = path.read_text(encoding="utf-8")
                unchanged = type(doc).model_validate_json(current) == doc
            except (OSError, ValueError, ValidationError):  # missing or invalid: ours replaces it
                unchanged = False
            if unchanged:
                return Saved(unchanged=True)
            last = log.last()
            rev = store.write_artifact(path, log, doc.model_dump_json(indent=2), "user",
                                       EDIT_REASON, last.input_hash if last else None)
    except RunBusyError as e:
        return Saved(problem=str(e), busy=True)
    return Saved(revision=rev.number)


def run_options(folder: Path, **overrides: Any) -> RunOptions:
    """Options that continue the run in ``folder`` with its own options."""
    return continue_options(folder, RunReader(folder).stored_options(), **overrides)


def continue_target(folder: Path, *, regenerate: bool = False,
                    critic_sections: list[int] | None = None, preview: bool = False) -> Target:
    """A worker's target that runs the pipeline again on ``folder`` (only what is stale is
    recomputed; with ``critic_sections``, the critic looks at those sections again; with
    ``preview``, each section to render shows its blocks' last frames before its video)."""
    from ..pipeline import run

    options = run_options(folder, regenerate=regenerate or None, preview=preview or None)

    def target(on_event, cancel):  # noqa: ANN001, ANN202
        return run(options, on_event, cancel, critic_sections=critic_sections)

    return target


@dataclass
class Presented:
    """The outcome of the Present button: the presentation's page, or why there is none."""

    index: Path | None = None
    steps: int = 0
    problem: str | None = None  # plain text


def present_run(folder: Path) -> Presented:
    """Export the run as a presentation beside its folder (``code2video present``): one step per
    lecture line; only the clips whose section changed are cut again."""
    from ..present import build_presentation

    try:
        pres = build_presentation(folder)
    except (OSError, ValueError) as e:  # nothing rendered yet, a folder in the way
        return Presented(problem=str(e))
    return Presented(index=pres.index, steps=pres.steps)
