"""Read-only inspection of video files with PyAV: stream parameters and single frames."""

from __future__ import annotations

import os
from fractions import Fraction

import av
import numpy as np
from av.container import InputContainer
from pydantic import BaseModel

# Slack for float seconds coming from rational timestamps, far below any frame interval.
_TIME_EPS = 1e-6


class VideoError(RuntimeError):
    """A file could not be read as a video, or a produced video failed its checks."""


class VideoInfo(BaseModel):
    path: str
    duration: float
    width: int
    height: int
    fps: float
    video_codec: str
    pix_fmt: str
    n_video_streams: int
    n_audio_streams: int
    audio_codec: str | None
    audio_sample_rate: int | None
    frames: int


def open_input(path: str | os.PathLike[str]) -> InputContainer:
    """Open ``path`` for reading and make sure it has a video stream."""
    try:
        container = av.open(os.fspath(path), mode="r")
    except (av.FFmpegError, OSError) as exc:
        raise VideoError(f"cannot open video file {os.fspath(path)!r}: {exc}") from exc
    if not container.streams.video:
        container.close()
        raise VideoError(f"no video stream in {os.fspath(path)!r}")
    return container


def probe(path: str | os.PathLike[str]) -> VideoInfo:
    """Describe the first video stream (and first audio stream, if any) of ``path``."""
    with open_input(path) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        tb = video.time_base or Fraction(1, 1)
        frames = 0
        end_pts: int | None = None
        try:
            for packet in container.demux(video):
                if packet.size == 0:  # flush packet emitted at end of stream
                    continue
                frames += 1
                if packet.pts is not None:
                    packet_end = packet.pts + (packet.duration or 0)
                    end_pts = packet_end if end_pts is None else max(end_pts, packet_end)
        except av.FFmpegError as exc:
            raise VideoError(f"cannot demux video file {os.fspath(path)!r}: {exc}") from exc

        if container.duration is not None:
            duration = container.duration / av.time_base
        elif end_pts is not None:
            duration = float((end_pts - (video.start_time or 0)) * tb)
        else:
            duration = 0.0

        rate = video.guessed_rate or video.base_rate or video.average_rate
        if not rate and duration > 0:
            rate = Fraction(frames) / Fraction(duration)
        fps = float(rate or 0)

        ctx = video.codec_context
        return VideoInfo(
            path=os.fspath(path),
            duration=duration,
            width=ctx.width,
            height=ctx.height,
            fps=fps,
            video_codec=ctx.name,
            pix_fmt=ctx.pix_fmt or "",
            n_video_streams=len(container.streams.video),
            n_audio_streams=len(container.streams.audio),
            audio_codec=audio.codec_context.name if audio is not None else None,
            audio_sample_rate=audio.codec_context.sample_rate if audio is not None else None,
            frames=frames,
        )


def read_frame(path: str | os.PathLike[str], t: float) -> np.ndarray:
    """Return the frame displayed at ``t`` seconds as an RGB uint8 array of shape HxWx3.

    Times before the first frame give the first frame; times past the end give the last one.
    """
    return read_frames(path, [t])[0]


def read_frames(path: str | os.PathLike[str], times: list[float]) -> list[np.ndarray]:
    """The frames displayed at each time (RGB, HxWx3), in one open of the file."""
    out: list[np.ndarray] = []
    with open_input(path) as container:
        video = container.streams.video[0]
        tb = video.time_base or Fraction(1, 1)
        start = float((video.start_time or 0) * tb)
        for t in times:
            target = max(t, 0.0) + start
            try:
                # Seeking lands on the keyframe at or before the target; decode forward from there.
                container.seek(int(target / tb), stream=video, backward=True)
                shown = None
                for frame in container.decode(video):
                    if shown is not None and frame.time is not None and frame.time > target + _TIME_EPS:
                        break
                    shown = frame
            except av.FFmpegError as exc:
                raise VideoError(f"cannot decode video file {os.fspath(path)!r}: {exc}") from exc
            if shown is None:
                raise VideoError(f"no decodable frame in {os.fspath(path)!r} at {t:.3f} s")
            out.append(shown.to_ndarray(format="rgb24"))
    return out
