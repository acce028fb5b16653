"""The shared audio cache: one WAV per (spoken text, voice, engine version).

Shared by every run on this machine (``$C2V_CACHE_DIR/audio``, default
``~/.cache/code2video-jupyter/audio``), so editing one line of a lesson re-synthesizes that line
only, and a second run of the same lesson synthesizes nothing. Files are written atomically
(temp file, then rename), so parallel runs never read half a file.
"""

from __future__ import annotations

from pathlib import Path

from ..caches import cache_root
from ..store import atomic
from ..store.hashing import sha

# Bump when what is stored changes (trimming, pauses), so old entries are not reused.
CACHE_VERSION = "1"


def audio_cache_dir() -> Path:
    path = cache_root() / "audio"
    path.mkdir(parents=True, exist_ok=True)
    return path


def audio_key(text: str, voice_identity: str, engine: str) -> str:
    """Cache key of one line's audio: the spoken text, the voice and the engine's version."""
    return sha(CACHE_VERSION, text, voice_identity, engine)


def cached_path(key: str) -> Path:
    return audio_cache_dir() / f"{key}.wav"


def lookup(key: str) -> Path | None:
    path = cached_path(key)
    return path if path.is_file() and path.stat().st_size > 44 else None


def put(key: str, wav: bytes) -> Path:
    path = cached_path(key)
    atomic.write_bytes(path, wav)
    return path


__all__ = ["audio_cache_dir", "audio_key", "cached_path", "lookup", "put"]
