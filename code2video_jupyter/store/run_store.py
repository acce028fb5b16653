"""One run = one folder (its layout: store/layout.py). The run store is the only writer of it:
every file of a run is written here, atomically, while the store holds the folder's lock.
Everything else reads a run through ``RunReader`` (which the store extends)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import atomic
from .calls import CallLog
from .hashing import sha
from .layout import section_key
from .lock import RunBusyError, acquire
from .reader import RunReader, load_state
from .revisions import Revision, RevisionLog, Source
from .state import RunState, SectionState

__all__ = ["RunBusyError", "RunStore", "section_key"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RunStore(RunReader):
    def __init__(self, root: Path, state: RunState) -> None:
        super().__init__(root)
        self.state = state  # the writer's state: what run.json is about to say
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
            state = load_state(run_json)
        else:
            state = RunState(name=name or root.name, created=_now(), updated=_now())
        store = cls(root, state)
        store._lock_file = acquire(store.lock_file, root)
        # Leftovers of a killed run: half-finished render folders and the temp files of
        # interrupted atomic writes are never results.
        shutil.rmtree(store.work_root, ignore_errors=True)
        for pattern in (".*.tmp", ".*.part"):
            for leftover in root.rglob(pattern):
                leftover.unlink(missing_ok=True)
        store.save()
        return store

    def close(self) -> None:
        if self._lock_file is not None:
            shutil.rmtree(self.work_root, ignore_errors=True)
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
            atomic.write_text(self.run_json, self.state.model_dump_json(indent=2))

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

    # --- scratch space (.work/, swept when a run opens or closes) -------------------------------
    def work_dir(self, label: str) -> Path:
        d = self.work_root / f"{label}-{os.urandom(4).hex()}"
        d.mkdir(parents=True)
        return d

    def work_file(self, label: str, name: str, text: str) -> Path:
        """A file in a new scratch folder (e.g. a scene to render that is not the section's)."""
        path = self.work_dir(label) / name
        atomic.write_text(path, text)
        return path

    def drop_work(self, path: Path) -> None:
        """Remove a scratch folder (or the folder of a scratch file) once it has served."""
        path = Path(path)
        folder = path if path.is_dir() else path.parent
        if folder.resolve().is_relative_to(self.work_root.resolve()):
            shutil.rmtree(folder, ignore_errors=True)

    # --- model calls --------------------------------------------------------------------------
    def append_call(self, record: BaseModel, full: dict) -> int:
        """calls.jsonl gets the summary line, calls/NNNN.json the whole exchange. Returns N."""
        return self._calls.append(record, full)

    def read_calls(self) -> list[dict]:
        return self._calls.summaries()

    # --- artifacts and revisions ----------------------------------------------------------------
    def _artifacts(self) -> list[tuple[str, Path, RevisionLog]]:
        out = [("outline", self.outline_path, self.outline_log()),
               ("storyboard", self.storyboard_path, self.storyboard_log())]
        for d in sorted((self.revisions_dir / "sections").glob("*")):
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

    def revert(self, section_id: int | None, number: int) -> Revision:
        """Make an old revision active again (as a new `user` revision: history only grows)."""
        if section_id is None:
            log, path = self.storyboard_log(), self.storyboard_path
        else:
            log, path = self.scene_log(section_id), self.scene_path(section_id)
        old = log.get(number)
        return self.write_artifact(path, log, log.content(number), "user",
                                   f"reverted to revision {number}", old.input_hash)

    # --- the lesson and its pictures ------------------------------------------------------------
    def save_lesson(self, data: bytes) -> None:
        """The lesson outline the run is made from, kept as lesson.md."""
        atomic.write_bytes(self.lesson_path, data)

    def save_asset(self, name: str, data: bytes) -> str:
        """A picture the lesson uses, under assets/; returns its path relative to the run."""
        path = self.assets_dir / name
        atomic.write_bytes(path, data)
        return self.rel(path)

    # --- renders --------------------------------------------------------------------------------
    def publish_render(self, section_id: int, quality: str, *, log: str | Path | None = None,
                       timeline: str | Path | None = None, video: str | Path | None = None,
                       error: str | Path | None = None) -> dict[str, Path]:
        """Move a finished render's files (from its scratch folder) into sections/NN/render/Q/.
        The video goes last: its presence, with the state recorded after, marks the render done.
        Returns where each file went."""
        dest = self.render_dir(section_id, quality)
        dest.mkdir(parents=True, exist_ok=True)
        out: dict[str, Path] = {}
        for key, src, name in (("log", log, self.RENDER_LOG), ("timeline", timeline, self.TIMELINE),
                               ("error", error, self.RENDER_ERROR), ("video", video, self.SECTION_VIDEO)):
            if src is not None and Path(src).exists():
                atomic.move_into_place(src, dest / name)
                out[key] = dest / name
        return out

    def publish_preview(self, section_id: int, quality: str, frames: list[Path]) -> list[Path]:
        """The preview's frames (from its scratch folder) into sections/NN/render/Q/preview/,
        replacing the last preview's; returns them in block order."""
        folder = self.preview_dir(section_id, quality)
        folder.mkdir(parents=True, exist_ok=True)
        names = {f.name for f in frames}
        for old in folder.glob("block_*.png"):
            if old.name not in names:
                old.unlink()
        out = []
        for f in sorted(frames, key=lambda f: f.name):
            atomic.move_into_place(f, folder / f.name)
            out.append(folder / f.name)
        return out

    def clear_render_error(self, section_id: int, quality: str) -> None:
        """An error report belongs to the attempt that wrote it: gone when a new one starts."""
        (self.render_dir(section_id, quality) / self.RENDER_ERROR).unlink(missing_ok=True)

    def publish_placeholder(self, section_id: int, quality: str, video: str | Path,
                            input_hash: str) -> str:
        """The card shown instead of a failed section, with the hash of what it shows."""
        dest = self.render_dir(section_id, quality) / self.PLACEHOLDER
        atomic.move_into_place(video, dest)
        self.write_stamp(dest, input_hash)
        return self.rel(dest)

    def write_stamp(self, of: Path, key: str) -> None:
        """Record the input hash of a derived file (NAME.hash beside it): it is current while
        the hash matches (see RunReader.stamp)."""
        atomic.write_text(self.stamp_path(of), key)

    @contextlib.contextmanager
    def writing(self, dest: Path) -> Iterator[str]:
        """A temp path for a tool that writes a file of the run by name (the join, the
        narration mux): ``dest`` (in the run folder) appears whole when the block ends."""
        dest = Path(dest)
        if not dest.resolve().is_relative_to(self.root):
            raise ValueError(f"{dest} is not in the run folder {self.root}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic.publishing(dest) as tmp:
            yield tmp

    def write_subtitles(self, folder: Path, stem: str, srt: str, vtt: str) -> Path:
        """STEM.srt and STEM.vtt in ``folder`` (a render folder or the run's own); returns
        the WebVTT file."""
        atomic.write_text(folder / f"{stem}.srt", srt)
        atomic.write_text(folder / f"{stem}.vtt", vtt)
        return folder / f"{stem}.vtt"

    def write_narration_report(self, section_id: int, quality: str, report: dict[str, Any]) -> None:
        atomic.write_json(self.render_dir(section_id, quality) / self.NARRATION, report)

    # --- the critic -----------------------------------------------------------------------------
    def write_theme(self, theme: BaseModel) -> None:
        """The run's resolved theme (theme.json): the panel, posters and exports read it, and a
        theme file that has since gone missing falls back to it."""
        text = theme.model_dump_json(indent=1)
        if _read_or_none(self.theme_path) != text:
            atomic.write_text(self.theme_path, text)

    def write_layout_report(self, section_id: int, report: BaseModel) -> None:
        """The probe's report of the section's current code (layout.json)."""
        atomic.write_text(self.layout_report_path(section_id), report.model_dump_json(indent=1))

    def write_critique(self, section_id: int, history: dict[str, Any]) -> None:
        """The critic's rounds on a section (critique.json)."""
        atomic.write_text(self.critique_path(section_id), json.dumps(history, indent=1))

    def write_keyframes(self, section_id: int, files: dict[str, bytes]) -> Path:
        """The critic's keyframes of a section (name -> file content); returns their folder."""
        folder = self.keyframes_dir(section_id)
        for name, data in files.items():
            atomic.write_bytes(folder / name, data)
        return folder


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
