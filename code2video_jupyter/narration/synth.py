"""Text -> 16-bit PCM WAV, one lecture line at a time, with the cache in front.

Speech is trimmed of the engine's own leading and trailing silence, sentences are joined with a
short pause, and each line ends with a fixed pause, so the measured duration is what a viewer
hears. The block that shows the line lasts at least that long, padded up to a frame boundary of
the render's frame rate (:func:`frame_duration`).
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import cache
from .voices import Voice, VoiceUnavailable

SENTENCE_PAUSE = 0.25  # seconds between two sentences of one line
LINE_PAUSE = 0.35  # seconds of silence after each line's speech
_KEEP_LEAD = 0.01  # seconds of the engine's leading silence kept
_KEEP_TAIL = 0.05
_SILENCE = 0.02  # relative to full scale: quieter than this is silence

_lock = threading.Lock()
_calls = 0


def synth_calls() -> int:
    """How many lines were synthesized (not taken from the cache) in this process."""
    return _calls


@dataclass(frozen=True)
class LineAudio:
    """One line's speech: where it is, how long it lasts, whether it came from the cache."""

    text: str
    key: str
    path: Path
    rate: int
    samples: int
    cached: bool

    @property
    def seconds(self) -> float:
        return self.samples / self.rate

    def duration(self, fps: float) -> float:
        """Seconds the line's block must last: the speech padded up to a frame boundary."""
        return frame_duration(self.seconds, fps)


def frame_duration(seconds: float, fps: float) -> float:
    """``seconds`` rounded up to a whole number of frames at ``fps`` (exactly frames/fps)."""
    frames = math.ceil(seconds * fps - 1e-6)
    return frames / fps


def pad_to_frame(samples: np.ndarray, rate: int, fps: float) -> np.ndarray:
    """Append silence so the audio ends on a frame boundary (rounded to the nearest sample)."""
    want = round(frame_duration(len(samples) / rate, fps) * rate)
    if want <= len(samples):
        return samples
    return np.concatenate([samples, np.zeros(want - len(samples), dtype=samples.dtype)])


_MARKUP = re.compile(r"[*_`$\\#|]+")


def spoken_text(text: str) -> str:
    """What the engine is asked to say: markdown and LaTeX marks dropped, spaces collapsed."""
    return " ".join(_MARKUP.sub(" ", text).split())


def line_audio(voice: Voice, text: str) -> LineAudio:
    """The line's audio from the cache, or synthesized now (and cached)."""
    spoken = spoken_text(text)
    key = cache.audio_key(spoken, voice.identity, voice.engine)
    path = cache.lookup(key)
    if path is not None:
        with wave.open(str(path), "rb") as w:
            return LineAudio(spoken, key, path, w.getframerate(), w.getnframes(), cached=True)
    pcm, rate = synthesize(voice, spoken)
    path = cache.put(key, wav_bytes(pcm, rate))
    return LineAudio(spoken, key, path, rate, len(pcm), cached=False)


def synthesize(voice: Voice, text: str) -> tuple[np.ndarray, int]:
    """Speak ``text``: mono int16 samples and their rate (trimmed, with the line's pause)."""
    global _calls
    with _lock:
        _calls += 1
    if voice.kind == "piper":
        sentences, rate = _piper_sentences(voice, text)
    else:
        sentences, rate = _cloud_sentences(voice, text)
    parts: list[np.ndarray] = []
    gap = np.zeros(round(SENTENCE_PAUSE * rate), dtype=np.float32)
    for s in sentences:
        s = _trim(s, rate)
        if len(s):
            parts += [s, gap]
    if parts:
        parts.pop()  # no pause after the last sentence: the line's pause follows
    parts.append(np.zeros(round(LINE_PAUSE * rate), dtype=np.float32))
    audio = np.concatenate(parts)
    return (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16), rate


def _trim(audio: np.ndarray, rate: int) -> np.ndarray:
    loud = np.nonzero(np.abs(audio) > _SILENCE)[0]
    if not len(loud):
        return audio[:0]
    start = max(0, loud[0] - round(_KEEP_LEAD * rate))
    end = min(len(audio), loud[-1] + 1 + round(_KEEP_TAIL * rate))
    return audio[start:end]


@functools.cache
def _load_piper(model: str, config: str):  # noqa: ANN202 - piper's type stays inside this module
    from piper import PiperVoice

    return PiperVoice.load(model, config_path=config)


def _piper_sentences(voice: Voice, text: str) -> tuple[list[np.ndarray], int]:
    assert voice.model is not None and voice.config is not None
    try:
        piper = _load_piper(str(voice.model), str(voice.config))
    except Exception as e:  # noqa: BLE001 - a voice that does not load is unavailable
        raise VoiceUnavailable(f"the Piper voice {voice.model} could not be loaded: {e}") from e
    chunks = list(piper.synthesize(text))
    rate = chunks[0].sample_rate if chunks else piper.config.sample_rate
    return [np.asarray(c.audio_float_array, dtype=np.float32).reshape(-1) for c in chunks], rate


def _cloud_sentences(voice: Voice, text: str) -> tuple[list[np.ndarray], int]:
    """One request to litellm's speech API, through the gateway (the only module that talks
    to models)."""
    from ..gateway import GatewayError
    from ..gateway.speech import speech

    try:
        data = speech(voice.cloud_model, voice.cloud_voice, text)
    except GatewayError as e:
        raise VoiceUnavailable(str(e)) from e
    audio, rate = decode_audio(data)
    return [audio], rate


def decode_audio(data: bytes) -> tuple[np.ndarray, int]:
    """Any audio file's bytes (WAV, MP3, ...) -> mono float32 samples and their rate."""
    import av

    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate or 24000
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        pieces = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                pieces.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            pieces.append(out.to_ndarray().reshape(-1))
    audio = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    return audio.astype(np.float32), rate


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """16-bit PCM mono WAV."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype=np.int16).tobytes())
    return buf.getvalue()


def read_wav(path: str | os.PathLike[str]) -> tuple[np.ndarray, int]:
    """A cached line's samples (int16, mono) and rate."""
    with wave.open(os.fspath(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ValueError(f"{path} is not 16-bit mono PCM")
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16), w.getframerate()


__all__ = ["LINE_PAUSE", "LineAudio", "decode_audio", "frame_duration", "line_audio",
           "pad_to_frame", "read_wav", "spoken_text", "synth_calls", "synthesize", "wav_bytes"]
