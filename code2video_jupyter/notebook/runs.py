"""Read-only views of run folders for the notebook: state, status, videos, posters, costs.

Nothing here writes into a run folder (only the run store does); it reads ``run.json``,
``storyboard.json``, ``calls.jsonl`` and the rendered videos.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..store.layout import RUNS_FOLDER
from ..store.state import RenderState, RunState


def load_state(folder: Path) -> RunState | None:
    path = Path(folder) / "run.json"
    try:
        return RunState.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_busy(folder: Path) -> bool:
    """True while some process (or a worker of this kernel) holds the run's lock."""
    lock = Path(folder) / ".lock"
    if not lock.exists():
        return False
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def run_quality(state: RunState) -> str:
    return str(state.options.get("quality") or state.final.quality or "l")


def run_status(folder: Path, state: RunState | None = None) -> str:
    """One word for a run: running, stopped, done, partial (placeholder cards), failed, pending."""
    state = state or load_state(folder)
    if state is None:
        return "damaged"
    if is_busy(folder):
        return "running"
    q = run_quality(state)
    renders = [s.renders.get(q) for s in state.sections.values()]
    if any(r is not None and r.status == "cancelled" for r in renders):
        return "stopped"
    if state.final.status == "done":
        return "partial" if state.final.failed_sections else "done"
    if any(r is not None and r.status == "failed" for r in renders):
        return "failed"
    return "pending"


def list_runs(base: Path | None = None) -> list[tuple[Path, RunState]]:
    base = Path(base or RUNS_FOLDER)
    if not base.is_dir():
        return []
    out = []
    for d in sorted(base.iterdir()):
        if d.is_dir() and (d / "run.json").exists():
            state = load_state(d)
            if state is not None:
                out.append((d, state))
    out.sort(key=lambda fs: fs[1].updated, reverse=True)
    return out


def resolve_run(name: str, base: Path | None = None) -> Path:
    """A run given by its name (a folder in code2video_runs/) or by a path to its folder."""
    path = Path(name).expanduser()
    if (path / "run.json").exists():
        return path
    candidate = Path(base or RUNS_FOLDER) / name
    if (candidate / "run.json").exists():
        return candidate
    known = ", ".join(d.name for d, _ in list_runs(base)) or "none yet"
    raise FileNotFoundError(f"no run '{name}': not a run folder, and not a run in "
                            f"{base or RUNS_FOLDER}/ (runs: {known})")


@dataclass
class SectionVideo:
    path: Path | None
    placeholder: bool
    render: RenderState | None
    version: str  # changes whenever the picture can change: used to bust caches


def section_video(folder: Path, state: RunState, section_id: int, quality: str | None = None) -> SectionVideo:
    q = quality or run_quality(state)
    s = state.sections.get(f"{section_id:02d}")
    r = s.renders.get(q) if s else None
    if r is None:
        return SectionVideo(None, False, None, "")
    if r.status == "done" and r.video and (folder / r.video).exists():
        return SectionVideo(folder / r.video, False, r, _version(folder / r.video, r.input_hash))
    if r.placeholder and (folder / r.placeholder).exists():
        return SectionVideo(folder / r.placeholder, True, r,
                            _version(folder / r.placeholder, r.input_hash))
    return SectionVideo(None, False, r, "")


def _version(path: Path, input_hash: str | None) -> str:
    """Changes whenever the file can differ: its inputs' hash, and its own mtime and size."""
    import hashlib

    try:
        st = os.stat(path)
    except OSError:
        return (input_hash or "")[:12]
    key = f"{input_hash}:{st.st_mtime_ns}:{st.st_size}".encode()
    return hashlib.sha256(key).hexdigest()[:12]


def final_video(folder: Path, state: RunState) -> tuple[Path | None, str]:
    f = state.final
    if f.status == "done" and f.video and (folder / f.video).exists():
        return folder / f.video, _version(folder / f.video, f.input_hash)
    return None, ""


@dataclass
class CallTotals:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    cost_unknown: int = 0  # calls whose cost litellm's tables do not know
    cache_hits: int = 0
    by_role: dict[str, list[float]] = field(default_factory=dict)  # role -> [calls, tokens, cost]
    records: list[dict] = field(default_factory=list)

    def line(self) -> str:
        if not self.calls:
            return "no model calls"
        cost = f"${self.cost:.4f}" + (f" (+{self.cost_unknown} of unknown cost)" if self.cost_unknown else "")
        return (f"{self.calls} model calls, {self.prompt_tokens:,} tokens in / "
                f"{self.completion_tokens:,} out, {cost}")


def call_totals(folder: Path) -> CallTotals:
    """Sum ``calls.jsonl`` (one JSON object per line); unreadable lines are skipped."""
    t = CallTotals()
    path = Path(folder) / "calls.jsonl"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return t
    for raw in text.splitlines():
        try:
            rec = json.loads(raw)
        except ValueError:
            continue  # a line being written right now
        if not isinstance(rec, dict):
            continue
        t.records.append(rec)
        t.calls += 1
        pt, ct = int(rec.get("prompt_tokens") or 0), int(rec.get("completion_tokens") or 0)
        t.prompt_tokens += pt
        t.completion_tokens += ct
        cost = rec.get("cost")
        if cost is None:
            t.cost_unknown += 1
        else:
            t.cost += float(cost)
        t.cache_hits += bool(rec.get("cache_hit"))
        role = t.by_role.setdefault(str(rec.get("role", "?")), [0, 0, 0.0])
        role[0] += 1
        role[1] += pt + ct
        role[2] += float(cost or 0)
    return t


_poster_cache: dict[tuple[str, int, int, int], bytes] = {}
_poster_lock = threading.Lock()


def poster_png(video: Path, width: int = 320) -> bytes | None:
    """A PNG thumbnail of a video's last frame (where a section shows everything it built)."""
    try:
        st = os.stat(video)
    except OSError:
        return None
    key = (str(video), st.st_mtime_ns, st.st_size, width)
    with _poster_lock:
        if key in _poster_cache:
            return _poster_cache[key]
    from PIL import Image

    from ..video import VideoError, probe, read_frame

    try:
        duration = probe(video).duration
        frame = read_frame(video, max(0.0, duration - 0.05))
    except (VideoError, OSError):
        return None
    img = Image.fromarray(frame)
    img.thumbnail((width, width * 10))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    data = buf.getvalue()
    with _poster_lock:
        _poster_cache[key] = data
    return data


def relative_url(path: Path, base: Path | None = None) -> str:
    """A path relative to the notebook's folder (the kernel's working folder), as a URL."""
    with contextlib.suppress(ValueError):
        return Path(os.path.relpath(Path(path).resolve(), (base or Path.cwd()).resolve())).as_posix()
    return Path(path).resolve().as_uri()
