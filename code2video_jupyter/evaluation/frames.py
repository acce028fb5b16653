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

from ..store import RunReader, atomic
from ..store.layout import section_key

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


def storyboard_lines(run: RunReader) -> dict[int, list[dict[str, Any]]]:
    """Section id -> its lecture lines (``text``, ``narration``) from storyboard.json."""
    board = run.storyboard_data() or {}
    return {int(s["id"]): list(s.get("lecture_lines") or []) for s in board.get("sections", [])}


def final_video(run: Path) -> Path | None:
    video = RunReader.open(run).state.final.video  # type: ignore[union-attr]
    if video and (Path(run) / video).exists():
        return Path(run) / video
    return None


def collect_frames(run: Path, out_dir: Path, max_frames: int = MAX_FRAMES) -> list[Frame]:
    """Keyframes of every rendered section, in order; cached in ``out_dir/frames.json``."""
    run, out_dir = Path(run), Path(out_dir)
    index = out_dir / "frames.json"
    reader = RunReader.open(run)
    state = reader.state
    stamp = state.final.input_hash  # type: ignore[union-attr]
    if index.exists():
        cached = json.loads(index.read_text(encoding="utf-8"))
        if cached.get("final") == stamp and all(Path(f["path"]).exists() for f in cached["frames"]):
            return [Frame.model_validate(f) for f in cached["frames"]]
    lines = storyboard_lines(reader)
    frames: list[Frame] = []
    for sid in reader.section_ids():
        title = state.sections[section_key(sid)].title  # type: ignore[union-attr]
        render = reader.render(sid)
        video = run / render.video if render is not None and render.video else None
        if render is None or video is None or not video.exists():
            continue
        timeline = run / render.timeline if render.timeline else None
        board = lines.get(sid, [])
        folder = out_dir / section_key(sid)
        if render.status == "done" and timeline is not None and timeline.exists():
            for block, t, path in _block_frames(video, timeline, folder):
                line = board[block] if block < len(board) else {}
                text = line.get("text") or _timeline_line(timeline, block)
                frames.append(Frame(section=sid, title=title, block=block, line=text,
                                    narration=line.get("narration"), time=t, path=str(path)))
        else:  # a placeholder card or a render without a timeline: what the viewer sees
            frames.append(_middle_frame(video, folder, sid, title))
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
    """The critic's keyframes (the last frame of each block), saved in the evaluation's folder."""
    from ..critic.keyframes import extract_keyframes, keyframe_files

    keyframes = extract_keyframes(video, timeline)
    for name, data in keyframe_files(keyframes, folder).items():
        atomic.write_bytes(folder / name, data)
    return [(kf.block, kf.time, Path(kf.path)) for kf in keyframes if kf.path]


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
