"""Put narration under a video with PyAV: the video's packets are copied (never re-encoded) and
one AAC track is encoded from PCM laid out on the video's timeline.

The same function serves a section (its lines at their blocks' start times) and the final video
(every line of every section on one PCM track, encoded once, so there are no encoder gaps or
clicks where sections meet). Optional subtitle burn-in is the one step that re-encodes frames.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from ..cancel import Cancelled
from ..store.atomic import publishing
from .subtitles import Cue

PathLike = str | os.PathLike[str]
_MP4_OPTIONS = {"movflags": "+faststart"}
_AAC_BITRATE = 96_000
_CHUNK = 1024  # samples per AAC frame
_AHEAD = 0.5  # seconds of audio muxed ahead of the video, for interleaving


def video_length(path: PathLike) -> tuple[Fraction, Fraction]:
    """(duration in seconds, frame rate) of a file's video stream, from its packets."""
    with av.open(os.fspath(path)) as c:
        v = c.streams.video[0]
        zero = Fraction(v.start_time or 0) * v.time_base
        end = zero
        for p in c.demux(v):
            if p.size == 0 or p.pts is None:
                continue
            end = max(end, (p.pts + (p.duration or 0)) * v.time_base)
        rate = Fraction(v.guessed_rate or v.base_rate or v.average_rate or 30)
    return end - zero, rate


def to_rate(samples: np.ndarray, rate: int, want: int) -> np.ndarray:
    """Mono int16 or float samples -> float32 at ``want`` Hz."""
    audio = samples.astype(np.float32) / 32768.0 if samples.dtype == np.int16 else samples.astype(np.float32)
    if rate == want or not len(audio):
        return audio
    frame = av.AudioFrame.from_ndarray(audio.reshape(1, -1), format="flt", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=want)
    out = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    out += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(out).astype(np.float32) if out else np.zeros(0, np.float32)


def lay_out(pieces: Sequence[tuple[float, np.ndarray]], seconds: float, rate: int) -> np.ndarray:
    """One track of ``seconds``: each (start, samples) piece placed at its start, silence between.

    A piece that would run past the next piece's start or the end is cut there (the picture
    decides the timing; with audio-first durations this never happens)."""
    total = round(seconds * rate)
    track = np.zeros(total, dtype=np.float32)
    for start, samples in pieces:
        i = round(start * rate)
        if i >= total:
            continue
        n = min(len(samples), total - i)
        track[i : i + n] += samples[:n]
    np.clip(track, -1.0, 1.0, out=track)
    return track


def mux_audio(video_in: PathLike, track: np.ndarray, rate: int, out: PathLike,
              cancel: Callable[[], bool] | None = None) -> None:
    """Write ``out``: the video stream of ``video_in`` (packets copied) plus ``track`` as AAC.

    ``out`` appears only when complete (temp file in its folder, then rename)."""
    # The containers close (in reverse order) before the file is published.
    with publishing(out) as tmp, av.open(os.fspath(video_in)) as src, \
            av.open(tmp, mode="w", format="mp4", container_options=_MP4_OPTIONS) as dst:
        video = src.streams.video[0]
        vout = dst.add_stream_from_template(video)
        aout = dst.add_stream("aac", rate=rate)
        aout.layout = "mono"
        aout.bit_rate = _AAC_BITRATE
        zero = Fraction(video.start_time or 0) * video.time_base
        first = round(zero * rate)
        written = 0

        def audio_until(t: float) -> None:
            nonlocal written
            stop = min(len(track), max(0, round(t * rate)))
            while written < stop:
                n = min(_CHUNK, len(track) - written)
                frame = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(track[written : written + n].reshape(1, -1)),
                    format="fltp", layout="mono")
                frame.sample_rate = rate
                frame.pts = first + written
                frame.time_base = Fraction(1, rate)
                dst.mux(aout.encode(frame))
                written += n

        for i, packet in enumerate(src.demux(video)):
            if packet.dts is None:
                continue
            if cancel is not None and i % 64 == 0 and cancel():
                raise Cancelled("muxing the narration was cancelled")
            t = float((packet.pts if packet.pts is not None else packet.dts) * video.time_base - zero)
            audio_until(t + _AHEAD)
            packet.stream = vout
            dst.mux(packet)
        audio_until(len(track) / rate)
        dst.mux(aout.encode(None))


def read_track(path: PathLike) -> tuple[np.ndarray, int, float]:
    """Decode a file's first audio stream: mono float32 samples, rate, and the stream's
    duration in seconds as the container states it (for tests and checks)."""
    with av.open(os.fspath(path)) as c:
        a = c.streams.audio[0]
        rate = a.codec_context.sample_rate
        stated = float(a.duration * a.time_base) if a.duration is not None else float("nan")
        pieces = [f.to_ndarray().reshape(f.samples, -1).mean(axis=1) if f.format.is_packed
                  else f.to_ndarray().mean(axis=0) for f in c.decode(a)]
    samples = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    return samples, rate, stated


# --- optional burn-in -------------------------------------------------------------------------
_FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]
_CJK_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
]


def _font(size: int, text: str):  # noqa: ANN202 - a PIL font
    from PIL import ImageFont

    wide = any(ord(ch) > 0x2E80 for ch in text)
    for path in (_CJK_FONTS + _FONTS) if wide else _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _wrap(draw, text: str, font, width: int) -> list[str]:  # noqa: ANN001
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if cur and draw.textlength(trial, font=font) > width:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def burn_subtitles(video_in: PathLike, cues: Sequence[Cue], out: PathLike,
                   cancel: Callable[[], bool] | None = None) -> None:
    """Draw each cue at the bottom of its frames (PIL) and re-encode the video (h264); the audio
    packets are copied. Written atomically like :func:`mux_audio`."""
    from PIL import Image

    # The containers close (in reverse order) before the file is published.
    with publishing(out) as tmp, av.open(os.fspath(video_in)) as src, \
            av.open(tmp, mode="w", format="mp4", container_options=_MP4_OPTIONS) as dst:
        vin = src.streams.video[0]
        ain = src.streams.audio[0] if src.streams.audio else None
        rate = Fraction(vin.guessed_rate or vin.average_rate or 30)
        vout = dst.add_stream("libx264", rate=rate, options={"crf": "18", "preset": "medium"})
        vout.width, vout.height, vout.pix_fmt = vin.codec_context.width, vin.codec_context.height, "yuv420p"
        aout = dst.add_stream_from_template(ain) if ain is not None else None
        size = max(14, vout.height // 24)
        cache: dict[int, Image.Image | None] = {}
        n = 0
        streams = [s for s in (vin, ain) if s is not None]
        for packet in src.demux(streams):
            if packet.stream.type == "audio":
                if packet.dts is not None:
                    packet.stream = aout
                    dst.mux(packet)
                continue
            for frame in packet.decode():  # the last (empty) packet flushes the decoder
                if cancel is not None and n % 64 == 0 and cancel():
                    raise Cancelled("burning subtitles was cancelled")
                t = frame.time if frame.time is not None else n / float(rate)
                idx = next((i for i, c in enumerate(cues) if c.start <= t + 1e-6 < c.end), -1)
                if idx >= 0:
                    if idx not in cache:
                        cache[idx] = _caption(cues[idx].text, vout.width, vout.height, size)
                    img = frame.to_image()
                    overlay = cache[idx]
                    if overlay is not None:
                        img.paste(overlay, (0, 0), overlay)
                    frame = av.VideoFrame.from_image(img)
                frame = frame.reformat(format="yuv420p")
                frame.pts, frame.time_base = n, Fraction(1) / rate
                dst.mux(vout.encode(frame))
                n += 1
        dst.mux(vout.encode(None))


def _caption(text: str, width: int, height: int, size: int):  # noqa: ANN202 - a PIL image
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    font = _font(size, text)
    lines = _wrap(draw, text, font, int(width * 0.86))
    line_h = int(size * 1.25)
    box_h = line_h * len(lines) + size // 2
    top = height - box_h - size // 2
    draw.rectangle([int(width * 0.05), top, int(width * 0.95), top + box_h], fill=(0, 0, 0, 170))
    for i, ln in enumerate(lines):
        w = draw.textlength(ln, font=font)
        draw.text(((width - w) / 2, top + size // 4 + i * line_h), ln, font=font, fill=(255, 255, 255, 255))
    return img


__all__ = ["burn_subtitles", "lay_out", "mux_audio", "read_track", "to_rate", "video_length"]
