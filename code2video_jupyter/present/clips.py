"""Cut a section video into one clip per step, frame-exact, with its share of the narration.

A slide engine plays one file per slide (and holds its last frame), which is what makes each
lecture line a step that waits for the presenter. Cutting by packet copy would land on the
nearest keyframe, so the picture is decoded once and each clip re-encoded (small videos,
seconds of work); the audio is decoded once and each clip gets exactly its samples.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from ..narration.mux import read_track
from ..store.atomic import publishing
from ..video.probe import VideoError, open_input

_MP4_OPTIONS = {"movflags": "+faststart"}  # playable before the whole file is read
_X264_OPTIONS = {"crf": "20", "preset": "veryfast"}
_AAC_BITRATE = 96_000
_CHUNK = 1024  # samples per AAC frame
_AHEAD = 0.5  # seconds of audio muxed ahead of the picture (interleaving)


def _even(n: int) -> int:
    return max(2, n - n % 2)  # yuv420p needs even sizes


class _Clip:
    """One output file: h264 frames numbered from 0, and its slice of the audio as AAC."""

    def __init__(self, out: Path, fps: Fraction, width: int, height: int,
                 audio: np.ndarray | None, rate: int) -> None:
        self._publishing = publishing(out)
        tmp = self._publishing.__enter__()
        self._out = av.open(tmp, mode="w", format="mp4", container_options=_MP4_OPTIONS)
        self._video = self._out.add_stream("libx264", rate=fps, options=_X264_OPTIONS)
        self._video.width, self._video.height, self._video.pix_fmt = width, height, "yuv420p"
        self._fps = fps
        self._frames = 0
        self._audio = audio
        self._rate = rate
        self._written = 0
        if audio is not None:
            self._aout = self._out.add_stream("aac", rate=rate)
            self._aout.layout = "mono"
            self._aout.bit_rate = _AAC_BITRATE

    def push(self, frame: av.VideoFrame) -> None:
        self._audio_until(self._frames / float(self._fps) + _AHEAD)
        out = frame.reformat(width=self._video.width, height=self._video.height, format="yuv420p")
        out.pts, out.time_base = self._frames, 1 / self._fps
        self._out.mux(self._video.encode(out))
        self._frames += 1

    @property
    def empty(self) -> bool:
        return self._frames == 0

    def close(self, ok: bool = True) -> None:
        try:
            if ok:
                self._out.mux(self._video.encode(None))
                self._audio_until(float("inf"))
                if self._audio is not None:
                    self._out.mux(self._aout.encode(None))
        finally:
            self._out.close()
            if ok:
                self._publishing.__exit__(None, None, None)
            else:
                self._publishing.__exit__(RuntimeError, RuntimeError("cut failed"), None)

    def _audio_until(self, t: float) -> None:
        if self._audio is None:
            return
        stop = len(self._audio) if t == float("inf") else min(len(self._audio), round(t * self._rate))
        while self._written < stop:
            n = min(_CHUNK, stop - self._written)
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(self._audio[self._written:self._written + n].reshape(1, -1)),
                format="fltp", layout="mono")
            frame.sample_rate = self._rate
            frame.pts, frame.time_base = self._written, Fraction(1, self._rate)
            self._out.mux(self._aout.encode(frame))
            self._written += n


def cut_clips(video: str | os.PathLike[str], spans: Sequence[tuple[float, float]],
              outs: Sequence[str | os.PathLike[str]], *, audio: bool = True) -> None:
    """Write ``outs[k]``: the frames of ``video`` shown from ``spans[k][0]`` to ``spans[k][1]``
    seconds (and, with ``audio``, the same stretch of its sound). Spans are in order and do not
    overlap; a span shorter than a frame still gets one (the frame on screen at its start)."""
    if len(spans) != len(outs):
        raise ValueError("one output file per span")
    track, rate = None, 0
    with open_input(video) as probe_src:
        has_audio = bool(probe_src.streams.audio)
    if audio and has_audio:
        track, rate, _ = read_track(video)
    with open_input(video) as src:
        stream = src.streams.video[0]
        fps = Fraction(stream.guessed_rate or stream.average_rate or 30)
        width, height = _even(stream.codec_context.width), _even(stream.codec_context.height)
        zero = float((stream.start_time or 0) * stream.time_base)
        half = 0.5 / float(fps)
        k, clip, last = 0, None, None

        def open_clip(i: int) -> _Clip:
            start, end = spans[i]
            piece = None if track is None else track[round(start * rate):round(end * rate)]
            return _Clip(Path(outs[i]), fps, width, height, piece, rate)

        def finish(c: _Clip) -> None:
            if c.empty and last is not None:  # a span shorter than a frame: hold the last one
                c.push(last)
            c.close()

        try:
            for frame in src.decode(stream):
                t = (frame.time if frame.time is not None else 0.0) - zero
                while k < len(spans) and t >= spans[k][1] - half:
                    finish(clip or open_clip(k))
                    clip, k = None, k + 1
                if k == len(spans):
                    break
                if t >= spans[k][0] - half:
                    clip = clip or open_clip(k)
                    clip.push(frame)
                last = frame
            while k < len(spans):  # spans past the last frame
                finish(clip or open_clip(k))
                clip, k = None, k + 1
        except av.FFmpegError as e:
            if clip is not None:
                clip.close(ok=False)
            raise VideoError(f"cannot cut {os.fspath(video)!r}: {e}") from e
        except BaseException:
            if clip is not None:
                clip.close(ok=False)
            raise
