"""manim-voiceover's scene surface, offline, for programs written against that plugin.

Models asked for a narrated video often write ``class S(VoiceoverScene)`` with
``self.set_speech_service(GTTSService())`` and ``with self.voiceover(text=...) as tracker:``.
The plugin needs its speech service at render time (gTTS and the cloud voices need the network;
the sandbox has none), so ``code2video fix`` points those imports here. Each voiceover lasts as
long as its text takes to say (its speech made before the render, narration/voiceover.py, or a
steady speaking rate), the scene waits for it as the plugin does, and the text becomes the
video's subcaption (manim writes it next to the video as .srt), which is where the speech is
laid after the render. No audio is made in here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from manim import Scene, config

from ..narration.voiceover import split_bookmarks
from .text import speaking_seconds


class SpeechService:
    """Stands for any of the plugin's speech services (gTTS, Azure, OpenAI, ElevenLabs,
    recorder...): its settings are kept for the reader, no voice is called."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs

    def set_transcription(self, model: Any = None, kwargs: Any = None) -> None:
        """The plugin checks its speech against Whisper's transcription; with no audio made
        here there is nothing to transcribe (scenes that patch this method still find it)."""
        self.transcription_model = None


class VoiceoverTracker:
    """What ``with self.voiceover(...) as tracker`` gives: the voiceover's duration and the
    time left of it, as the plugin's tracker does."""

    def __init__(self, scene: VoiceoverScene, text: str, marks: dict[str, int]) -> None:
        self.scene = scene
        self.text = text
        said = (scene.voiceover_seconds or {}).get(text)  # the speech, made before the render
        self.duration = said if said is not None else speaking_seconds(text)
        self.start_t = scene.renderer.time
        self.end_t = self.start_t + self.duration
        words = max(1, len(text.split()))
        self._marks = {m: self.start_t + self.duration * n / words for m, n in marks.items()}

    def get_remaining_duration(self, buff: float = 0.0) -> float:
        return max(self.end_t - self.scene.renderer.time + buff, 0.0)

    def time_until_bookmark(self, mark: str, buff: float = 0.0, limit: float | None = None) -> float:
        if mark not in self._marks:
            raise KeyError(f"no bookmark {mark!r} in this voiceover (it has {sorted(self._marks)})")
        left = max(self._marks[mark] - self.scene.renderer.time + buff, 0.0)
        return min(left, limit) if limit is not None else left


class VoiceoverScene(Scene):
    """A scene narrated with ``self.voiceover(text=...)`` blocks (the plugin's API)."""

    speech_service: SpeechService | None = None
    # Seconds each text takes to say, when its speech was made before the render (fix does so
    # with the installed voice); else a steady speaking rate.
    voiceover_seconds: dict[str, float] | None = None
    create_subcaption: bool = True
    current_tracker: VoiceoverTracker | None = None

    def set_speech_service(self, speech_service: Any = None, create_subcaption: bool = True,
                           create_script: bool = True, **kwargs: Any) -> None:
        self.speech_service = speech_service
        self.create_subcaption = create_subcaption

    def add_voiceover_text(self, text: str, subcaption: str | None = None, **kwargs: Any) -> VoiceoverTracker:
        """Start a voiceover without waiting for it (the plugin's lower-level call)."""
        spoken, marks = split_bookmarks(text)
        tracker = VoiceoverTracker(self, spoken, marks)
        if self.create_subcaption and (subcaption or spoken):
            self.add_subcaption(subcaption or spoken, duration=tracker.duration)
        self.current_tracker = tracker
        return tracker

    add_voiceover_ssml = add_voiceover_text

    @contextmanager
    def voiceover(self, text: str | None = None, ssml: str | None = None, **kwargs: Any) -> Iterator[VoiceoverTracker]:
        """The block's animations play while the text is said; the scene then waits for the
        rest of it."""
        if text is None and ssml is None:
            raise ValueError("self.voiceover() needs text= (or ssml=)")
        tracker = self.add_voiceover_text(text if text is not None else ssml or "", **kwargs)
        try:
            yield tracker
        finally:
            self.wait_for_voiceover()

    def wait_for_voiceover(self) -> None:
        if self.current_tracker is not None:
            self.safe_wait(self.current_tracker.get_remaining_duration())

    def wait_until_bookmark(self, mark: str) -> None:
        if self.current_tracker is not None:
            self.safe_wait(self.current_tracker.time_until_bookmark(mark))

    def safe_wait(self, duration: float) -> None:
        """Wait only when it is at least a frame: a shorter wait is refused by manim."""
        if duration > 1 / config.frame_rate:
            self.wait(duration)
