"""One run = one folder. The only writer of that folder.

    run.json                      options, versions, state of every stage
    lesson.md                     the lesson outline the run was made from (if any)
    storyboard.json               active storyboard (edit it; the next run picks it up)
    sections/NN/scene.py          active code of section NN (edit it likewise)
    sections/NN/render/Q/         section.mp4, timeline.json, render.log per quality
    revisions/storyboard/, revisions/sections/NN/   numbered history with sources
    assets/                       images the lesson refers to
    final.mp4
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..contracts.errors import explain
from ..contracts.storyboard import Storyboard
from . import atomic
from .calls import CallLog
from .hashing import sha
from .revisions import Revision, RevisionLog, Source
from .state import RunState, SectionState


class RunBusyError(RuntimeError):
    pass


def section_key(section_id: int) -> str:
    return f"{section_id:02d}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RunStore:
    def __init__(self, root: Path, state: RunState) -> None:
        self.root = root
        self.state = state
        self._lock = threading.RLock()
        self._lock_file: int | None = None
        self._calls = CallLog(root)

    # --- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: str | os.PathLike[str], name: str | None = None) -> RunStore:
        """Open the run in ``root``, creating it if needed; the folder is locked until close()."""
        root = Path(root).resolve()
        root.mkdir(parents=True, exist_ok=True)
        run_json = root / "run.json"
        if run_json.exists():
            try:
                state = RunState.model_validate_json(run_json.read_text())
            except ValidationError as e:
                raise ValueError(f"{run_json} is damaged: {e.errors()[0]['msg']}") from e
        else:
            state = RunState(name=name or root.name, created=_now(), updated=_now())
        store = cls(root, state)
        store._acquire()
        # Leftovers of a killed run: half-finished render folders and the temp files of
        # interrupted atomic writes are never results.
        shutil.rmtree(root / ".work", ignore_errors=True)
        for pattern in (".*.tmp", ".*.part"):
            for leftover in root.rglob(pattern):
                leftover.unlink(missing_ok=True)
        store.save()
        return store

    @staticmethod
    def exists(root: str | os.PathLike[str]) -> bool:
        return (Path(root) / "run.json").exists()

    def _acquire(self) -> None:
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RunBusyError(f"the run {self.root} is being used by another process") from None
        self._lock_file = fd

    def close(self) -> None:
        if self._lock_file is not None:
            shutil.rmtree(self.root / ".work", ignore_errors=True)
            os.close(self._lock_file)
            self._lock_file = None

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- state --------------------------------------------------------------------------------
    def save(self) -> None:
        with self._lock:
            self.state.updated = _now()
            atomic.write_text(self.root / "run.json", self.state.model_dump_json(indent=2))

    @contextlib.contextmanager
    def updating(self) -> Iterator[RunState]:
        """Mutate the state under the lock; run.json is written when the block ends."""
        with self._lock:
            yield self.state
            self.save()

    def section_state(self, section_id: int, title: str = "") -> SectionState:
        key = section_key(section_id)
        with self._lock:
            if key not in self.state.sections:
                self.state.sections[key] = SectionState(id=section_id, title=title)
            return self.state.sections[key]

    # --- paths --------------------------------------------------------------------------------
    @property
    def storyboard_path(self) -> Path:
        return self.root / "storyboard.json"

    def section_dir(self, section_id: int) -> Path:
        return self.root / "sections" / section_key(section_id)

    def scene_path(self, section_id: int) -> Path:
        return self.section_dir(section_id) / "scene.py"

    def render_dir(self, section_id: int, quality: str) -> Path:
        return self.section_dir(section_id) / "render" / quality

    @property
    def final_path(self) -> Path:
        return self.root / "final.mp4"

    def work_dir(self, label: str) -> Path:
        d = self.root / ".work" / f"{label}-{os.urandom(4).hex()}"
        d.mkdir(parents=True)
        return d

    def rel(self, path: str | os.PathLike[str]) -> str:
        return os.path.relpath(path, self.root)

    # --- model calls --------------------------------------------------------------------------
    @property
    def calls_path(self) -> Path:
        return self.root / "calls.jsonl"

    def append_call(self, record: BaseModel, full: dict) -> int:
        """calls.jsonl gets the summary line, calls/NNNN.json the whole exchange. Returns N."""
        return self._calls.append(record, full)

    def read_calls(self) -> list[dict]:
        return self._calls.summaries()

    # --- artifacts and revisions ----------------------------------------------------------------
    @property
    def outline_path(self) -> Path:
        return self.root / "outline.json"

    def outline_log(self) -> RevisionLog:
        return RevisionLog(self.root / "revisions" / "outline", ".json")

    def storyboard_log(self) -> RevisionLog:
        return RevisionLog(self.root / "revisions" / "storyboard", ".json")

    def scene_log(self, section_id: int) -> RevisionLog:
        return RevisionLog(self.root / "revisions" / "sections" / section_key(section_id), ".py")

    def _artifacts(self) -> list[tuple[str, Path, RevisionLog]]:
        out = [("outline", self.outline_path, self.outline_log()),
               ("storyboard", self.storyboard_path, self.storyboard_log())]
        for d in sorted((self.root / "revisions" / "sections").glob("*")):
            sid = int(d.name)
            out.append((f"section {sid}", self.scene_path(sid), self.scene_log(sid)))
        return out

    def sync_user_edits(self) -> list[tuple[str, Revision]]:
        """Record every active file that differs from its last revision as a `user` revision.

        Runs first in every run, so an edit made in any editor is kept and never overwritten."""
        found = []
        for label, path, log in self._artifacts():
            last = log.last()
            if last is None or not path.exists():
                continue
            content = path.read_text(encoding="utf-8", errors="replace")
            if sha(content) != last.content_hash:
                rev = log.add(content, "user", "edited outside the pipeline", last.input_hash)
                found.append((label, rev))
        return found

    def write_artifact(self, path: Path, log: RevisionLog, content: str, source: Source,
                       reason: str, input_hash: str | None) -> Revision:
        rev = log.add(content, source, reason, input_hash)
        atomic.write_text(path, content)
        return rev

    def read_storyboard(self) -> Storyboard:
        """The active storyboard, validated; errors name the section, line and field."""
        text = self.storyboard_path.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            from ..contracts.errors import StoryboardError

            raise StoryboardError([f"not valid JSON at line {e.lineno}, column {e.colno}: {e.msg}"],
                                  str(self.storyboard_path)) from None
        try:
            return Storyboard.model_validate(data)
        except ValidationError as e:
            raise explain(e, data, str(self.storyboard_path)) from None

    def revert(self, section_id: int | None, number: int) -> Revision:
        """Make an old revision active again (as a new `user` revision: history only grows)."""
        if section_id is None:
            log, path = self.storyboard_log(), self.storyboard_path
        else:
            log, path = self.scene_log(section_id), self.scene_path(section_id)
        old = log.get(number)
        return self.write_artifact(path, log, log.content(number), "user",
                                   f"reverted to revision {number}", old.input_hash)

