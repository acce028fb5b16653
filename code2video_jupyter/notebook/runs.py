"""The notebook's views of run folders: the runs in a folder, totals of model calls, posters,
links. Every read goes through the store's ``RunReader`` (which owns the folder layout and the
lock protocol); nothing here writes into a run folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..store import RUNS_FOLDER, RunReader


def list_runs(base: Path | None = None) -> list[RunReader]:
    """The runs in ``base`` (default: code2video_runs/), most recently updated first."""
    base = Path(base or RUNS_FOLDER)
    if not base.is_dir():
        return []
    runs = [RunReader(d) for d in sorted(base.iterdir()) if d.is_dir() and RunReader.exists(d)]
    runs = [r for r in runs if r.state is not None]
    runs.sort(key=lambda r: r.state.updated, reverse=True)  # type: ignore[union-attr]
    return runs


def resolve_run(name: str, base: Path | None = None) -> Path:
    """A run given by its name (a folder in code2video_runs/) or by a path to its folder."""
    path = Path(name).expanduser()
    if RunReader.exists(path):
        return path
    candidate = Path(base or RUNS_FOLDER) / name
    if RunReader.exists(candidate):
        return candidate
    known = ", ".join(r.root.name for r in list_runs(base)) or "none yet"
    raise FileNotFoundError(f"no run '{name}': not a run folder, and not a run in "
                            f"{base or RUNS_FOLDER}/ (runs: {known})")


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


def call_totals(run: RunReader) -> CallTotals:
    """Sum the run's calls (calls.jsonl); a line being written right now is skipped."""
    t = CallTotals()
    for rec in run.calls():
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
