"""A run as a presentation: one folder (``index.html``, reveal.js, one clip per step) that opens
from disk in any browser, with no network and no server.

Each lecture-line block is a slide whose background is its clip (``steps``, ``clips``);
reveal.js (vendored from npm, ``vendor/reveal``) does the navigation, the keys and the
presenter view with each line's notes. The folder lives beside the run (``RUN.present/`` by
default), never inside it: the run store is the only writer of a run folder. Building again
re-cuts only the clips whose section video or block changed (``presentation.json`` records
what each clip was cut from).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from .. import __version__
from ..store import RunReader, atomic
from .clips import cut_clips
from .steps import Deck, Step, read_deck

MANIFEST = "presentation.json"
CLIPS = "clips"
_HERE = resources.files(__package__)


class ClipRecord(BaseModel):
    label: str
    clip: str  # relative to the presentation folder
    key: str  # what it was cut from: the section video's version, the span, audio or not


class Manifest(BaseModel):
    run: str
    title: str
    quality: str
    narrated: bool
    reveal: str
    clips: list[ClipRecord]
    cut: list[str] = []  # the labels of the clips the last build cut (the others were current)


@dataclass
class Presentation:
    folder: Path
    index: Path
    steps: int
    cut: list[str] = field(default_factory=list)  # labels of the clips cut by this build
    reused: list[str] = field(default_factory=list)


def default_path(run_folder: Path) -> Path:
    """Beside the run folder: code2video_runs/<run>.present/ (never inside the run)."""
    run_folder = Path(run_folder)
    return run_folder.parent / f"{run_folder.name}.present"


def reveal_version() -> str:
    return (_HERE / "vendor" / "reveal" / "VERSION").read_text(encoding="utf-8").strip()


def _clip_key(step: Step, audio: bool) -> str:
    raw = f"{step.video_version}:{step.start:.4f}:{step.end:.4f}:{int(audio)}".encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def _check_out(out: Path, run_folder: Path) -> None:
    run_root = run_folder.resolve()
    if out.resolve() == run_root or out.resolve().is_relative_to(run_root):
        raise ValueError(f"{out} is inside the run folder {run_folder}: a presentation goes beside "
                         "it (the run store is the only writer of a run folder)")
    if RunReader.exists(out):
        raise ValueError(f"{out} is a run folder: choose another folder for the presentation")
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise FileExistsError(f"{out} exists and is not a presentation: choose another folder")


def _read_manifest(out: Path) -> Manifest | None:
    try:
        return Manifest.model_validate_json((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _colours(deck: Deck) -> tuple[str, str]:
    """The page's background (the videos' own, sampled from the first frame's corner, so the
    margins around a video match whatever theme rendered it) and a text colour that reads on it."""
    from ..video import VideoError, read_frame

    try:
        r, g, b = (int(c) for c in read_frame(deck.steps[0].video, 0.0)[2, 2, :3])
    except (VideoError, OSError, IndexError):
        r, g, b = 0, 0, 0
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 128
    return f"#{r:02x}{g:02x}{b:02x}", ("#111111" if light else "#f5f5f5")


def _size(deck: Deck) -> tuple[int, int]:
    from ..video import VideoError, probe

    try:
        info = probe(deck.steps[0].video)
        return info.width, info.height
    except (VideoError, OSError):
        return 1280, 720


def build_presentation(run_folder: str | Path, out: str | Path | None = None, *,
                       quality: str | None = None, narration: bool = True) -> Presentation:
    """Write the presentation of the run in ``run_folder`` into ``out`` (default: beside the
    run, RUN.present/). ``narration=False`` leaves the voice out of the clips altogether."""
    import jinja2

    run_folder = Path(run_folder)
    out = Path(out) if out is not None else default_path(run_folder)
    _check_out(out, run_folder)
    deck = read_deck(run_folder, quality)
    audio = narration and deck.narrated
    deck.narrated = audio
    old = {c.label: c for c in (_read_manifest(out) or Manifest(
        run="", title="", quality="", narrated=False, reveal="", clips=[])).clips}

    records: list[ClipRecord] = []
    todo: dict[Path, list[tuple[Step, Path]]] = {}
    result = Presentation(folder=out, index=out / "index.html", steps=len(deck.steps))
    for step in deck.steps:
        key = _clip_key(step, audio)
        rel = f"{CLIPS}/{step.label}-{key}.mp4"
        records.append(ClipRecord(label=step.label, clip=rel, key=key))
        previous = old.get(step.label)
        if previous is not None and previous.key == key and (out / rel).exists():
            result.reused.append(step.label)
        else:
            todo.setdefault(step.video, []).append((step, out / rel))
    for video, pieces in todo.items():  # one decode per section video
        (out / CLIPS).mkdir(parents=True, exist_ok=True)
        cut_clips(video, [(s.start, s.end) for s, _ in pieces], [p for _, p in pieces], audio=audio)
        result.cut += [s.label for s, _ in pieces]
    keep = {r.clip for r in records}
    for stale in (out / CLIPS).glob("*.mp4") if (out / CLIPS).is_dir() else []:
        if f"{CLIPS}/{stale.name}" not in keep:
            stale.unlink()

    _copy_static(out)
    background, text = _colours(deck)
    width, height = _size(deck)
    sections: dict[int, dict] = {}
    for step in deck.steps:
        sections.setdefault(step.section, {"title": step.section_title, "lines": step.lines})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
                             autoescape=True, keep_trailing_newline=True)
    board_language = (RunReader(run_folder).storyboard_data() or {}).get("language") or "en"
    page = env.get_template("deck.html").render(
        deck=deck, sections=list(sections.values()), background=background, text_colour=text,
        steps=[{**s.model_dump(), "clip": r.clip} for s, r in zip(deck.steps, records, strict=True)],
        language=board_language, version=__version__, reveal_version=reveal_version(),
        config={"width": width, "height": height, "narrated": audio, "steps": len(deck.steps)})
    atomic.write_text(out / "index.html", page)
    manifest = Manifest(run=deck.run, title=deck.title, quality=deck.quality, narrated=audio,
                        reveal=reveal_version(), clips=records, cut=result.cut)
    atomic.write_text(out / MANIFEST, manifest.model_dump_json(indent=1))
    return result


def _copy_static(out: Path) -> None:
    """reveal.js and the deck's own stylesheet and script, written only where they differ."""
    files = {f"reveal/{name}": _HERE / "vendor" / "reveal" / name
             for name in ("reveal.js", "reveal.css", "notes.js", "LICENSE")}
    files |= {name: _HERE / "templates" / name for name in ("deck.css", "deck.js")}
    for rel, src in files.items():
        data = src.read_bytes()
        dest = out / rel
        if not dest.exists() or dest.read_bytes() != data:
            atomic.write_bytes(dest, data)


def read_manifest(folder: str | Path) -> dict | None:
    """A presentation folder's record (for the course page and tests), or None."""
    m = _read_manifest(Path(folder))
    return None if m is None else json.loads(m.model_dump_json())
