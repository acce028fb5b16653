"""Probe and concat on real video files: manim renders, PyAV-made clips and an audio track."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from code2video_jupyter.cancel import Cancelled
from code2video_jupyter.video import (
    VideoError,
    VideoInfo,
    concat,
    probe,
    read_frame,
)

# (name, background colour, seconds): pure colours so decoded frames are easy to tell apart.
SCENES = [("red", "#FF0000", 0.5), ("green", "#00FF00", 0.8), ("blue", "#0000FF", 0.6)]
TONE_RATE = 44100

RENDER_SCRIPT = """
import json, sys
from manim import Scene, Square, WHITE, tempconfig

class Solid(Scene):
    seconds = 0.5

    def construct(self):
        self.add(Square(color=WHITE))
        self.wait(self.seconds)

out_dir, specs = sys.argv[1], json.loads(sys.argv[2])
for name, colour, seconds in specs:
    options = {
        "quality": "low_quality",
        "background_color": colour,
        "media_dir": out_dir + "/media",
        "video_dir": out_dir,
        "output_file": name,
        "disable_caching": True,
        "verbosity": "WARNING",
        "progress_bar": "none",
    }
    with tempconfig(options):
        Solid.seconds = seconds
        Solid().render()
"""


def _write_solid_video(
    path: Path,
    rgb: tuple[int, int, int],
    size: tuple[int, int],
    fps: int,
    seconds: float,
    codec: str,
) -> Path:
    width, height = size
    image = np.full((height, width, 3), rgb, dtype=np.uint8)
    with av.open(str(path), mode="w") as out:
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(round(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def _tone_stream(out: av.container.OutputContainer) -> av.AudioStream:
    stream = out.add_stream("aac", rate=TONE_RATE)
    stream.layout = "mono"
    return stream


def _mux_tone(
    out: av.container.OutputContainer, stream: av.AudioStream, seconds: float, freq: float
) -> None:
    t = np.arange(round(seconds * TONE_RATE)) / TONE_RATE
    tone = (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    for start in range(0, len(tone), 1024):
        frame = av.AudioFrame.from_ndarray(
            tone[None, start : start + 1024], format="flt", layout="mono"
        )
        frame.sample_rate, frame.pts, frame.time_base = TONE_RATE, start, Fraction(1, TONE_RATE)
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def _with_tone(video: Path, path: Path, freq: float) -> Path:
    """Copy ``video``'s packets and add a sine tone lasting exactly as long as the picture."""
    seconds = probe(video).duration
    with av.open(str(video)) as src, av.open(str(path), mode="w") as out:
        in_stream = src.streams.video[0]
        out_stream = out.add_stream_from_template(in_stream)
        tone_stream = _tone_stream(out)  # every stream must exist before the first packet
        for packet in src.demux(in_stream):
            if packet.dts is None:
                continue
            packet.stream = out_stream
            out.mux(packet)
        _mux_tone(out, tone_stream, seconds, freq)
    return path


def _colour(image: np.ndarray, y: int, x: int) -> str:
    r, g, b = (int(c) for c in image[y, x])
    if max(r, g, b) < 60:
        return "black"
    if r > 150 and g > 150 and b < 100:
        return "yellow"
    return ("red", "green", "blue")[int(np.argmax([r, g, b]))]


def _corner_colours(path: Path, times: list[float]) -> list[str]:
    return [_colour(read_frame(path, t), 5, 5) for t in times]


def _segment_midpoints(durations: list[float]) -> list[float]:
    starts = np.cumsum([0.0, *durations[:-1]])
    return [float(s + d / 2) for s, d in zip(starts, durations, strict=True)]


def _decode_mono(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        return np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])


def _dominant_frequency(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / TONE_RATE)[np.argmax(spectrum)])


def _assert_duration_is_sum(result_duration: float, output: Path, durations: list[float]) -> None:
    info = probe(output)
    assert abs(info.duration - sum(durations)) <= 1 / info.fps
    assert result_duration == pytest.approx(info.duration)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three manim renders (one subprocess) plus two of them with a tone muxed in."""
    out_dir = tmp_path_factory.mktemp("manim")
    subprocess.run(
        [sys.executable, "-c", RENDER_SCRIPT, str(out_dir), json.dumps(SCENES)],
        check=True,
        timeout=300,
    )
    videos = {name: out_dir / f"{name}.mp4" for name, _, _ in SCENES}
    assert all(p.is_file() for p in videos.values()), sorted(out_dir.iterdir())
    videos["red_tone"] = _with_tone(videos["red"], out_dir / "red_tone.mp4", 440)
    videos["blue_tone"] = _with_tone(videos["blue"], out_dir / "blue_tone.mp4", 880)
    return videos


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small PyAV-made clips that differ from manim output in codec, size and frame rate."""
    out_dir = tmp_path_factory.mktemp("clips")
    return {
        "yellow": _write_solid_video(
            out_dir / "yellow.mp4", (255, 255, 0), (320, 240), 10, 1.0, "mpeg4"
        ),
        "cyan": _write_solid_video(
            out_dir / "cyan.mp4", (0, 255, 255), (160, 160), 12, 0.5, "libx264"
        ),
    }


@pytest.mark.render
def test_probe_reports_manim_render(rendered: dict[str, Path]) -> None:
    info = probe(rendered["red"])
    assert isinstance(info, VideoInfo)
    assert (info.width, info.height, info.fps) == (854, 480, 15.0)
    assert (info.video_codec, info.pix_fmt) == ("h264", "yuv420p")
    assert (info.n_video_streams, info.n_audio_streams) == (1, 0)
    assert info.audio_codec is None and info.audio_sample_rate is None
    assert info.frames == round(info.duration * info.fps)
    assert info.duration == pytest.approx(0.5, abs=1 / 15)

    toned = probe(rendered["red_tone"])
    assert (toned.n_audio_streams, toned.audio_codec, toned.audio_sample_rate) == (
        1,
        "aac",
        TONE_RATE,
    )


@pytest.mark.render
@pytest.mark.parametrize("order", [("red", "green", "blue"), ("blue", "red", "green")])
def test_copy_mode_keeps_order_and_duration(
    rendered: dict[str, Path], tmp_path: Path, order: tuple[str, ...]
) -> None:
    output = tmp_path / "lesson.mp4"
    result = concat([rendered[name] for name in order], output)

    assert result.mode == "copy" and result.reason == ""
    assert result.output == str(output)
    inputs = [probe(rendered[name]) for name in order]
    assert result.input_durations == [i.duration for i in inputs]
    _assert_duration_is_sum(result.duration, output, result.input_durations)
    info = probe(output)
    assert info.frames == sum(i.frames for i in inputs)
    assert (info.width, info.height, info.video_codec) == (854, 480, "h264")

    times = _segment_midpoints(result.input_durations)
    assert _corner_colours(output, times) == list(order)
    # Past the end, read_frame clamps to the last frame.
    assert _corner_colours(output, [result.duration + 5]) == [order[-1]]
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.mp4"]  # no temp file left behind


@pytest.mark.render
def test_reencode_mismatched_inputs(
    rendered: dict[str, Path], clips: dict[str, Path], tmp_path: Path
) -> None:
    output = tmp_path / "mixed.mp4"
    result = concat([rendered["red"], clips["yellow"], clips["cyan"]], output)

    assert result.mode == "reencode"
    assert "video codec mpeg4 vs h264" in result.reason
    assert "video size 320x240 vs 854x480" in result.reason
    _assert_duration_is_sum(result.duration, output, result.input_durations)
    info = probe(output)
    assert (info.width, info.height, info.fps) == (854, 480, 15.0)
    assert (info.video_codec, info.pix_fmt, info.n_audio_streams) == ("h264", "yuv420p", 0)
    assert info.frames == round(info.duration * info.fps)

    red, yellow, cyan = (read_frame(output, t) for t in _segment_midpoints(result.input_durations))
    assert _colour(red, 5, 5) == "red"
    # Smaller inputs are scaled up to fit and padded with black bars.
    assert (_colour(yellow, 240, 427), _colour(yellow, 240, 5)) == ("yellow", "black")
    assert _colour(cyan, 240, 427) == "green" and int(cyan[240, 427][2]) > 200  # cyan
    assert _colour(cyan, 240, 5) == "black"


@pytest.mark.render
def test_copy_mode_with_audio(rendered: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "audio.mp4"
    result = concat([rendered["red_tone"], rendered["blue_tone"]], output)

    assert result.mode == "copy"
    _assert_duration_is_sum(result.duration, output, result.input_durations)
    info = probe(output)
    assert (info.n_video_streams, info.n_audio_streams, info.audio_codec) == (1, 1, "aac")

    samples = _decode_mono(output)
    assert abs(len(samples) / TONE_RATE - result.duration) <= 1 / info.fps
    freqs = [
        _dominant_frequency(samples[int((t - 0.1) * TONE_RATE) : int((t + 0.1) * TONE_RATE)])
        for t in _segment_midpoints(result.input_durations)
    ]
    assert freqs == [pytest.approx(440, abs=10), pytest.approx(880, abs=10)]


@pytest.mark.render
def test_audio_and_silent_inputs_are_reencoded(rendered: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "partly_silent.mp4"
    result = concat([rendered["green"], rendered["red_tone"]], output)

    assert result.mode == "reencode"
    assert "audio stream" in result.reason
    _assert_duration_is_sum(result.duration, output, result.input_durations)
    info = probe(output)
    assert (info.n_audio_streams, info.audio_codec, info.audio_sample_rate) == (1, "aac", TONE_RATE)

    samples = _decode_mono(output)
    assert abs(len(samples) / TONE_RATE - result.duration) <= 1 / info.fps
    silent_mid, tone_mid = _segment_midpoints(result.input_durations)
    silent = samples[int((silent_mid - 0.1) * TONE_RATE) : int((silent_mid + 0.1) * TONE_RATE)]
    tone = samples[int((tone_mid - 0.1) * TONE_RATE) : int((tone_mid + 0.1) * TONE_RATE)]
    assert np.sqrt(np.mean(silent**2)) < 1e-3
    assert _dominant_frequency(tone) == pytest.approx(440, abs=10)
    assert _corner_colours(output, [silent_mid, tone_mid]) == ["green", "red"]


@pytest.mark.parametrize("second", ["yellow", "cyan"], ids=["copy", "reencode"])
def test_cancel_removes_temp_file(clips: dict[str, Path], tmp_path: Path, second: str) -> None:
    polls: list[int] = []

    def cancel_after_first_input() -> bool:
        polls.append(1)
        return len(polls) > 1

    output = tmp_path / "cancelled.mp4"
    with pytest.raises(Cancelled):
        concat([clips["yellow"], clips[second]], output, cancel=cancel_after_first_input)
    assert len(polls) == 2
    assert list(tmp_path.iterdir()) == []


def test_pyav_clips_copy_without_render(clips: dict[str, Path], tmp_path: Path) -> None:
    output = tmp_path / "twice.mp4"
    result = concat([clips["yellow"], clips["yellow"]], output, cancel=lambda: False)
    assert result.mode == "copy"
    assert probe(output).video_codec == "mpeg4"
    _assert_duration_is_sum(result.duration, output, result.input_durations)


def test_empty_inputs_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one input"):
        concat([], tmp_path / "out.mp4")


def test_missing_output_folder_rejected(clips: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere"):
        concat([clips["yellow"]], tmp_path / "nowhere" / "out.mp4")


def test_unreadable_inputs_name_the_file(clips: dict[str, Path], tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    missing = tmp_path / "missing.mp4"
    audio_only = tmp_path / "voice.m4a"
    with av.open(str(audio_only), mode="w", format="mp4") as out:
        _mux_tone(out, _tone_stream(out), 0.3, 440)

    for bad, message in [
        (corrupt, "cannot open"),
        (missing, "cannot open"),
        (audio_only, "no video"),
    ]:
        with pytest.raises(VideoError, match=message) as probe_error:
            probe(bad)
        assert str(bad) in str(probe_error.value)
        with pytest.raises(VideoError) as read_error:
            read_frame(bad, 0.0)
        assert str(bad) in str(read_error.value)

    output = tmp_path / "out.mp4"
    with pytest.raises(VideoError) as concat_error:
        concat([clips["yellow"], corrupt], output)
    assert str(corrupt) in str(concat_error.value)
    assert not output.exists()
