"""Narration for scenes written for the manim-voiceover plugin (run on ``scaffold.voiceover``),
audio first as for lecture lines: each voiceover's text is spoken before the render, its
measured length is how long the scene's voiceover lasts, and after the render the speech is
laid under the picture where the scene's subcaptions say each voiceover began."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

from .. import pyparse
from .mux import lay_out, mux_audio, to_rate, video_length
from .subtitles import parse_srt
from .synth import LineAudio, line_audio, read_wav
from .voices import Voice

_BOOKMARK = re.compile(r"""<bookmark\s+mark\s*=\s*["']([^"']+)["']\s*/>""")
_TAG = re.compile(r"<[^>]+>")
_CALLS = frozenset({"voiceover", "add_voiceover_text", "add_voiceover_ssml"})


def split_bookmarks(text: str) -> tuple[str, dict[str, int]]:
    """The spoken text without its tags, and each bookmark's position in words."""
    marks: dict[str, int] = {}
    spoken: list[str] = []
    for i, piece in enumerate(_BOOKMARK.split(text)):
        if i % 2:
            marks[piece] = len(" ".join(spoken).split())
        else:
            spoken.append(_TAG.sub("", piece))
    return " ".join(" ".join(spoken).split()), marks


def voiceover_texts(source: str) -> list[str]:
    """The texts the scene's voiceovers say, where the source writes them as literals
    (``self.voiceover(text="...")``), bookmarks and tags taken out; in order, once each."""
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return []
    out: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CALLS):
            continue
        given = next((k.value for k in node.keywords if k.arg in ("text", "ssml")), None)
        if given is None and node.args:
            given = node.args[0]
        if isinstance(given, ast.Constant) and isinstance(given.value, str):
            out.append(split_bookmarks(given.value)[0])
    return [t for t in dict.fromkeys(out) if t]


def speak(texts: list[str], voice: Voice) -> dict[str, LineAudio]:
    """Each text spoken (from the audio cache when it was said before), by its text."""
    return {t: line_audio(voice, t) for t in texts}


def mux_voiceovers(video: Path, subcaptions: Path, spoken: dict[str, LineAudio], voice: Voice,
                   cancel: Callable[[], bool] | None = None) -> int:
    """Lay each voiceover's speech under ``video`` (rewritten in place) at the start of its
    subcaption; a text said that was not spoken before the render (built at run time) is
    spoken now. Returns how many voiceovers were laid."""
    cues = parse_srt(subcaptions.read_text(encoding="utf-8"))
    pieces = []
    rate = next((a.rate for a in spoken.values()), None)
    for cue in cues:
        text = " ".join(cue.text.split())
        audio = spoken.get(text) or spoken.setdefault(text, line_audio(voice, text))
        rate = rate or audio.rate
        samples, audio_rate = read_wav(audio.path)
        pieces.append((cue.start, to_rate(samples, audio_rate, rate)))  # one rate for the track
    if not pieces or rate is None:
        return 0
    seconds = float(video_length(video)[0])
    mux_audio(video, lay_out(pieces, seconds, rate), rate, video, cancel=cancel)
    return len(pieces)


__all__ = ["mux_voiceovers", "speak", "split_bookmarks", "voiceover_texts"]
