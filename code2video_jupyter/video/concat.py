"""Join rendered section videos into one mp4, by packet copy when possible, else by re-encoding."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import av
import numpy as np
from av.audio.stream import AudioStream
from av.container import InputContainer, OutputContainer
from av.video.stream import VideoStream
from pydantic import BaseModel

from ..cancel import Cancelled
from ..store.atomic import publishing
from .probe import VideoError, open_input, probe

PathLike = str | os.PathLike[str]

# moov atom up front so notebooks and browsers can start playing before the whole file loads.
_MP4_OPTIONS = {"movflags": "+faststart"}
# Visually lossless for slides/text-heavy animation, at a reasonable encode speed.
_X264_OPTIONS = {"crf": "18", "preset": "medium"}
_FALLBACK_FPS = Fraction(30)
# Silence is generated in one-second chunks so long silent sections do not need big buffers.
_SILENCE_CHUNK_SECONDS = 1


class ConcatResult(BaseModel):
    output: str
    mode: Literal["copy", "reencode"]
    reason: str
    duration: float
    input_durations: list[float]


class _CopyConflict(Exception):
    """Packets cannot be copied as they are; the message says why (becomes the re-encode reason)."""


@dataclass(frozen=True)
class _Timeline:
    """Where one input sits on the output timeline."""

    zero: Fraction  # input time in seconds that lands on the start of its segment
    length: Fraction  # seconds the input occupies in the output (longest of its streams)


def concat(
    inputs: Sequence[PathLike],
    output: PathLike,
    *,
    cancel: Callable[[], bool] | None = None,
) -> ConcatResult:
    """Join ``inputs`` in the given order into the mp4 file ``output``.

    Packets are copied when all inputs share codec parameters; otherwise everything is
    re-encoded to h264/yuv420p (plus AAC audio when any input has sound). ``output`` only
    appears once it is complete and its duration has been checked. ``cancel`` is polled
    between inputs; when it returns True, :class:`~code2video_jupyter.cancel.Cancelled` (the one
    cancel exception of a run) is raised and nothing is written.
    """
    paths = [os.fspath(p) for p in inputs]
    if not paths:
        raise ValueError("concat() needs at least one input video, got an empty list")
    out_path = os.fspath(output)
    infos = [probe(p) for p in paths]
    timelines = [_timeline(p) for p in paths]

    out_dir = os.path.dirname(os.path.abspath(out_path))
    if not os.path.isdir(out_dir):
        raise FileNotFoundError(f"output folder {out_dir!r} does not exist")
    with publishing(out_path) as tmp_path:
        reason = _copy_blocker(paths)
        if not reason:
            try:
                _remux(paths, timelines, tmp_path, cancel)
            except _CopyConflict as exc:
                reason = str(exc)
            except av.FFmpegError as exc:
                # e.g. a codec the mp4 muxer rejects at header time; re-encoding still works.
                reason = f"copying packets failed: {exc}"
        if reason:
            _reencode(paths, timelines, tmp_path, cancel)

        result = probe(tmp_path)
        expected = sum(info.duration for info in infos)
        frame = 1 / result.fps if result.fps > 0 else 0.0
        if abs(result.duration - expected) > frame + 1e-6:
            raise VideoError(
                f"joined video {out_path!r} lasts {result.duration:.3f}s but its inputs add up "
                f"to {expected:.3f}s (tolerance one frame, {frame:.3f}s)"
            )

    return ConcatResult(
        output=out_path,
        mode="reencode" if reason else "copy",
        reason=reason,
        duration=result.duration,
        input_durations=[info.duration for info in infos],
    )


def _check_cancel(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled("video concatenation was cancelled")


def _streams(container: InputContainer) -> tuple[VideoStream, AudioStream | None]:
    audio = container.streams.audio[0] if container.streams.audio else None
    return container.streams.video[0], audio


def _timeline(path: str) -> _Timeline:
    """Measure an input from its packets (exact rationals, no decoding)."""
    with open_input(path) as container:
        video, audio = _streams(container)
        zero = Fraction(video.start_time or 0) * video.time_base
        end = zero
        try:
            for packet in container.demux([s for s in (video, audio) if s is not None]):
                ts = packet.pts if packet.pts is not None else packet.dts
                if packet.size == 0 or ts is None or packet.time_base is None:
                    continue
                end = max(end, (ts + (packet.duration or 0)) * packet.time_base)
        except av.FFmpegError as exc:
            raise VideoError(f"cannot demux video file {path!r}: {exc}") from exc
        return _Timeline(zero=zero, length=end - zero)


def _stream_params(path: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The parameters that must match across inputs for packets to be copied as they are."""
    with open_input(path) as container:
        video, audio = _streams(container)
        vctx = video.codec_context
        video_params = {
            "video codec": vctx.name,
            "video size": f"{vctx.width}x{vctx.height}",
            "pixel format": vctx.pix_fmt,
            "video time base": video.time_base,
            # the nominal rate: average_rate is derived from the duration and drifts by 1e-4
            "frame rate": video.guessed_rate or video.base_rate or video.average_rate,
            "video extradata (SPS/PPS)": bytes(vctx.extradata or b""),
        }
        if audio is None:
            return video_params, None
        actx = audio.codec_context
        audio_params = {
            "audio codec": actx.name,
            "sample rate": actx.sample_rate,
            "channel layout": actx.layout.name,
            "sample format": actx.format.name if actx.format else None,
            "audio time base": audio.time_base,
            "audio extradata": bytes(actx.extradata or b""),
        }
        return video_params, audio_params


def _copy_blocker(paths: list[str]) -> str:
    """Return why packets cannot be copied, or "" when every input matches the first one."""
    params = [_stream_params(p) for p in paths]
    first_video, first_audio = params[0]
    for index, (video, audio) in enumerate(params[1:], start=2):
        where = f"input {index} ({paths[index - 1]!r})"
        if (audio is None) != (first_audio is None):
            has, lacks = ("input 1", where) if audio is None else (where, "input 1")
            return f"{has} has an audio stream but {lacks} does not"
        diffs = _diff(video, first_video)
        if audio is not None and first_audio is not None:
            diffs += _diff(audio, first_audio)
        if diffs:
            return f"{where} differs from input 1: " + "; ".join(diffs)
    return ""


def _diff(params: dict[str, Any], reference: dict[str, Any]) -> list[str]:
    diffs = []
    for key, value in params.items():
        if value == reference[key]:
            continue
        if isinstance(value, bytes):
            diffs.append(f"{key} differs")
        else:
            diffs.append(f"{key} {value} vs {reference[key]}")
    return diffs


def _remux(
    paths: list[str],
    timelines: list[_Timeline],
    tmp_path: str,
    cancel: Callable[[], bool] | None,
) -> None:
    """Copy packets of every input, shifting timestamps by the running output time."""
    with av.open(tmp_path, mode="w", format="mp4", container_options=_MP4_OPTIONS) as out:
        out_video = out_audio = None
        last_dts: dict[str, int] = {}  # per stream kind; every input shares the same time bases
        cursor = Fraction(0)
        for path, timeline in zip(paths, timelines, strict=True):
            _check_cancel(cancel)
            with open_input(path) as src:
                video, audio = _streams(src)
                if out_video is None:
                    try:
                        out_video = out.add_stream_from_template(video)
                        if audio is not None:
                            out_audio = out.add_stream_from_template(audio)
                    except ValueError as exc:
                        raise _CopyConflict(f"packets cannot be copied into mp4: {exc}") from exc
                # _copy_blocker() guarantees every input has audio iff the first one does.
                targets = {video.index: out_video}
                if audio is not None and out_audio is not None:
                    targets[audio.index] = out_audio
                for packet in src.demux([s for s in (video, audio) if s is not None]):
                    if packet.dts is None:  # flush packet emitted at end of stream
                        continue
                    kind = packet.stream.type
                    shift = round((cursor - timeline.zero) / packet.time_base)
                    dts = packet.dts + shift
                    if kind in last_dts and dts <= last_dts[kind]:
                        if kind == "audio":
                            # Encoder priming packets of a later input overlap the previous
                            # input's tail; mp4 needs increasing dts, and dropping them only
                            # costs a few milliseconds of fade-in.
                            continue
                        raise _CopyConflict(
                            f"video timestamps of {path!r} would go backwards when appended"
                        )
                    packet.dts = dts
                    if packet.pts is not None:
                        packet.pts += shift
                    packet.stream = targets[packet.stream.index]
                    out.mux(packet)
                    last_dts[kind] = dts
            cursor += timeline.length


def _even(n: int) -> int:
    # yuv420p subsamples chroma 2x2, so libx264 rejects odd sizes.
    return max(2, n - n % 2)


def _reencode(
    paths: list[str],
    timelines: list[_Timeline],
    tmp_path: str,
    cancel: Callable[[], bool] | None,
) -> None:
    """Decode every input and encode one constant-frame-rate h264 (+AAC) stream."""
    with open_input(paths[0]) as first:
        first_video = first.streams.video[0]
        fps = Fraction(first_video.guessed_rate or first_video.average_rate or _FALLBACK_FPS)
        width = _even(first_video.codec_context.width)
        height = _even(first_video.codec_context.height)

    audio_format: tuple[int, str] | None = None
    for path in paths:
        with open_input(path) as src:
            if src.streams.audio:
                actx = src.streams.audio[0].codec_context
                audio_format = (actx.sample_rate, actx.layout.name)
                break

    with av.open(tmp_path, mode="w", format="mp4", container_options=_MP4_OPTIONS) as out:
        out_video = out.add_stream("libx264", rate=fps, options=_X264_OPTIONS)
        out_video.width = width
        out_video.height = height
        out_video.pix_fmt = "yuv420p"
        audio_out: _AudioTrack | None = None
        if audio_format is not None:
            audio_out = _AudioTrack(out, *audio_format)

        cursor = Fraction(0)
        for path, timeline in zip(paths, timelines, strict=True):
            _check_cancel(cancel)
            end = cursor + timeline.length
            slots = _FrameSlots(
                out, out_video, fps, round(cursor * fps), round(end * fps), timeline.zero
            )
            if audio_out is not None:
                audio_out.start_segment(round(cursor * audio_out.rate), round(end * audio_out.rate))
            with open_input(path) as src:
                video, audio = _streams(src)
                wanted = [video] if audio is None or audio_out is None else [video, audio]
                try:
                    # Flush packets at the end of demux() drain each decoder.
                    for packet in src.demux(wanted):
                        for frame in packet.decode():
                            if isinstance(frame, av.VideoFrame):
                                slots.push(frame)
                            elif audio_out is not None and isinstance(frame, av.AudioFrame):
                                audio_out.push(frame, timeline.zero)
                except av.FFmpegError as exc:
                    raise VideoError(f"cannot decode video file {path!r}: {exc}") from exc
            slots.finish()
            if audio_out is not None:
                audio_out.finish_segment()
            cursor = end

        out.mux(out_video.encode(None))
        if audio_out is not None:
            audio_out.close()


class _FrameSlots:
    """Places one input's decoded frames onto the output's constant-rate frame slots.

    Each slot shows the latest frame whose time is not more than half a frame after the slot,
    so inputs at other frame rates are duplicated or dropped and every input fills exactly
    its share of the output timeline.
    """

    def __init__(
        self,
        out: OutputContainer,
        stream: VideoStream,
        fps: Fraction,
        first_slot: int,
        end_slot: int,
        zero: Fraction,
    ) -> None:
        self._out = out
        self._stream = stream
        self._fps = fps
        self._first = first_slot
        self._next = first_slot
        self._end = end_slot
        self._zero = float(zero)
        self._half = 0.5 / float(fps)
        self._pending: av.VideoFrame | None = None
        self._decoded = 0

    def push(self, frame: av.VideoFrame) -> None:
        # Frames without timestamps are taken to follow each other at the output rate.
        t = self._decoded / float(self._fps) if frame.time is None else frame.time - self._zero
        self._decoded += 1
        while (
            self._pending is not None
            and self._next < self._end
            and self._slot_time() + self._half < t
        ):
            self._emit()
        self._pending = self._fit(frame)

    def finish(self) -> None:
        while self._pending is not None and self._next < self._end:
            self._emit()

    def _slot_time(self) -> float:
        return (self._next - self._first) / float(self._fps)

    def _emit(self) -> None:
        assert self._pending is not None
        self._pending.pts = self._next
        self._pending.time_base = 1 / self._fps
        self._out.mux(self._stream.encode(self._pending))
        self._next += 1

    def _fit(self, frame: av.VideoFrame) -> av.VideoFrame:
        """Convert to the output format, letterboxing when the aspect ratio differs."""
        width, height = self._stream.width, self._stream.height
        if (frame.width, frame.height) == (width, height):
            return frame.reformat(format="yuv420p")
        scale = min(width / frame.width, height / frame.height)
        scaled_w = min(width, _even(round(frame.width * scale)))
        scaled_h = min(height, _even(round(frame.height * scale)))
        scaled = frame.reformat(width=scaled_w, height=scaled_h, format="rgb24").to_ndarray()
        canvas = np.zeros((height, width, 3), dtype=np.uint8)
        top, left = (height - scaled_h) // 2, (width - scaled_w) // 2
        canvas[top : top + scaled_h, left : left + scaled_w] = scaled
        return av.VideoFrame.from_ndarray(canvas, format="rgb24").reformat(format="yuv420p")


class _AudioTrack:
    """AAC output that gives each input exactly its share of samples, padding with silence."""

    def __init__(self, out: OutputContainer, rate: int, layout: str) -> None:
        self._out = out
        self.rate = rate
        self._layout = layout
        self._stream = out.add_stream("aac", rate=rate)
        self._stream.layout = layout
        self._stream.format = "fltp"
        self._channels = self._stream.codec_context.channels
        self._resampler: av.AudioResampler | None = None
        self._start = 0  # output sample index where the current segment begins
        self._needed = 0  # samples the current segment must contain
        self._written = 0

    def start_segment(self, start: int, end: int) -> None:
        self._start, self._needed, self._written = start, end - start, 0
        self._resampler = None

    def push(self, frame: av.AudioFrame, zero: Fraction) -> None:
        if self._resampler is None:
            # Keep a late-starting audio track where it was relative to the picture.
            offset = round((frame.time - float(zero)) * self.rate) if frame.time is not None else 0
            self._silence(max(0, offset))
            self._resampler = av.AudioResampler(format="fltp", layout=self._layout, rate=self.rate)
        for resampled in self._resampler.resample(frame):
            self._write(resampled.to_ndarray())

    def finish_segment(self) -> None:
        if self._resampler is not None:
            for resampled in self._resampler.resample(None):
                self._write(resampled.to_ndarray())
        self._silence(self._needed - self._written)

    def close(self) -> None:
        self._out.mux(self._stream.encode(None))

    def _silence(self, samples: int) -> None:
        chunk = self.rate * _SILENCE_CHUNK_SECONDS
        while samples > 0:
            n = min(samples, chunk)
            self._write(np.zeros((self._channels, n), dtype=np.float32))
            samples -= n

    def _write(self, samples: np.ndarray) -> None:
        samples = samples[:, : self._needed - self._written]
        if samples.shape[1] == 0:
            return
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples, dtype=np.float32), format="fltp", layout=self._layout
        )
        frame.sample_rate = self.rate
        frame.pts = self._start + self._written
        frame.time_base = Fraction(1, self.rate)
        self._out.mux(self._stream.encode(frame))
        self._written += samples.shape[1]
