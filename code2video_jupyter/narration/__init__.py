"""Narration, audio first: each lecture line is spoken (Piper offline, or a cloud voice), its
measured duration sets how long the line's block lasts, and the audio is muxed under the
picture with subtitles from the same timings. The pipeline's side is
``pipeline/narration_stage.py``."""

from .subtitles import Cue, line_cues, parse_srt, to_srt, to_vtt
from .synth import LineAudio, frame_duration, line_audio, synth_calls
from .voices import Voice, VoiceUnavailable, default_voice_summary, packaged_voices, resolve_voice

__all__ = ["Cue", "LineAudio", "Voice", "VoiceUnavailable", "default_voice_summary",
           "frame_duration", "line_audio", "line_cues", "packaged_voices", "parse_srt",
           "resolve_voice", "synth_calls", "to_srt", "to_vtt"]
