"""What a judge or a student sees of a run's video: one keyframe at the end of each
lecture-line block (from the section's timeline.json), captioned with its section and lecture
line (and narration); or the video itself for a model that watches videos.

Frames are written into the evaluation's folder (never the run folder) and reused next time.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..store import atomic

MAX_FRAMES = 24
MAX_WIDTH = 1280  # frames wider than this are scaled down before they are sent
MAX_VIDEO_BYTES = 20 * 1024 * 1024  # larger videos go to the judge as keyframes


class Frame(BaseModel):
    section: int
    title: str = ""
    block: int | None = None  # lecture-line index; None for a section without a timeline
    line: str | None = None
    narration: str | None = None
    time: float  # seconds into the section's video
    path: str

    def caption(self, with_line: bool = True) -> str:
        where = f"Section {self.section} \"{self.title}\""
        if self.block is None:
            return f"{where} (no lecture-line timeline: a frame from its middle)"
        text = f"{where}, end of lecture line {self.block + 1}"
        if with_line and self.line:
            text += f": \"{self.line}\""
        if with_line and self.narration and self.narration != self.line:
            text += f" (narration: \"{self.narration}\")"
        return text


def run_state(run: Path) -> dict[str, Any]:
    path = Path(run) / "run.json"
    if not path.exists():
        raise FileNotFoundError(f"{run} is not a run folder (no run.json)")
    return json.loads(path.read_text(encoding="utf-8"))


def run_quality(state: dict[str, Any]) -> str:
    return (state.get("final") or {}).get("quality") or (state.get("options") or {}).get("quality") or "l"


def storyboard_lines(run: Path) -> dict[int, list[dict[str, Any]]]:
    """Section id -> its lecture lines (``text``, ``narration``) from storyboard.json."""
    path = Path(run) / "storyboard.json"
    if not path.exists():
        return {}
    board = json.loads(path.read_text(encoding="utf-8"))
    return {int(s["id"]): list(s.get("lecture_lines") or []) for s in board.get("sections", [])}


def sections(state: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(section id, state) in numeric order (never lexicographic: 10 after 9)."""
    return sorted(((int(k), v) for k, v in (state.get("sections") or {}).items()), key=lambda kv: kv[0])


def final_video(run: Path) -> Path | None:
    state = run_state(run)
    video = (state.get("final") or {}).get("video")
    if video and (Path(run) / video).exists():
        return Path(run) / video
    return None


def collect_frames(run: Path, out_dir: Path, max_frames: int = MAX_FRAMES) -> list[Frame]:
    """Keyframes of every rendered section, in order; cached in ``out_dir/frames.json``."""
    run, out_dir = Path(run), Path(out_dir)
    index = out_dir / "frames.json"
    state = run_state(run)
    stamp = (state.get("final") or {}).get("input_hash")
    if index.exists():
        cached = json.loads(index.read_text(encoding="utf-8"))
        if cached.get("final") == stamp and all(Path(f["path"]).exists() for f in cached["frames"]):
            return [Frame.model_validate(f) for f in cached["frames"]]
    quality = run_quality(state)
    lines = storyboard_lines(run)
    frames: list[Frame] = []
    for sid, sec in sections(state):
        render = (sec.get("renders") or {}).get(quality) or {}
        video = run / render["video"] if render.get("video") else None
        if video is None or not video.exists():
            continue
        timeline = run / render["timeline"] if render.get("timeline") else None
        board = lines.get(sid, [])
        folder = out_dir / f"{sid:02d}"
        if render.get("status") == "done" and timeline is not None and timeline.exists():
            for block, t, path in _block_frames(video, timeline, folder):
                line = board[block] if block < len(board) else {}
                text = line.get("text") or _timeline_line(timeline, block)
                frames.append(Frame(section=sid, title=sec.get("title", ""), block=block, line=text,
                                    narration=line.get("narration"), time=t, path=str(path)))
        else:  # a placeholder card or a render without a timeline: what the viewer sees
            frames.append(_middle_frame(video, folder, sid, sec.get("title", "")))
    frames = subsample(frames, max_frames)
    atomic.write_json(index, {"final": stamp, "frames": [f.model_dump() for f in frames]})
    return frames


def subsample(frames: list[Frame], limit: int) -> list[Frame]:
    """At most ``limit`` frames, spread evenly, first and last kept."""
    if len(frames) <= limit:
        return frames
    if limit < 2:
        return frames[:max(limit, 0)]
    step = (len(frames) - 1) / (limit - 1)
    return [frames[round(i * step)] for i in range(limit)]


def _timeline_line(timeline: Path, block: int) -> str | None:
    data = json.loads(timeline.read_text(encoding="utf-8"))
    for b in data.get("blocks", []):
        if b.get("index") == block:
            return b.get("text")
    return None


def _block_frames(video: Path, timeline: Path, folder: Path) -> list[tuple[int, float, Path]]:
    try:  # the critic's keyframes (the last frame of each block), where that module is present
        from ..critic.keyframes import extract_keyframes
    except ImportError:
        extract_keyframes = None
    if extract_keyframes is not None:
        return [(kf.block, kf.time, Path(kf.path)) for kf in extract_keyframes(video, timeline, folder)
                if kf.path]
    from PIL import Image

    from ..video import read_frame

    data = json.loads(timeline.read_text(encoding="utf-8"))
    half = 0.5 / float(data.get("fps") or 15)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for b in data.get("blocks", []):
        t = max(b["start"], b["end"] - half, 0.0)
        path = folder / f"block_{b['index']:02d}.png"
        Image.fromarray(read_frame(video, t)).save(path)
        out.append((b["index"], t, path))
    return out


def _middle_frame(video: Path, folder: Path, sid: int, title: str) -> Frame:
    from PIL import Image

    from ..video import probe, read_frame

    t = probe(video).duration / 2
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "middle.png"
    Image.fromarray(read_frame(video, t)).save(path)
    return Frame(section=sid, title=title, time=t, path=str(path))


# --- message parts --------------------------------------------------------------------------
def image_part(path: str | Path) -> dict[str, Any]:
    """An OpenAI-style image content part (PNG, data URL), scaled down to MAX_WIDTH."""
    from PIL import Image

    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.width > MAX_WIDTH:
            im = im.resize((MAX_WIDTH, round(im.height * MAX_WIDTH / im.width)))
        buf = io.BytesIO()
        im.save(buf, format="PNG", optimize=True)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{data}"}}


def frame_parts(frames: list[Frame], with_lines: bool = True) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for i, f in enumerate(frames, 1):
        parts.append({"type": "text", "text": f"Frame {i}/{len(frames)}: {f.caption(with_lines)}"})
        parts.append(image_part(f.path))
    return parts


def video_part(path: str | Path) -> dict[str, Any]:
    """The whole video as a file content part (litellm passes it to video-capable models)."""
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return {"type": "file", "file": {"file_data": f"data:video/mp4;base64,{data}"}}


def video_fits(path: str | Path) -> bool:
    return Path(path).stat().st_size <= MAX_VIDEO_BYTES
