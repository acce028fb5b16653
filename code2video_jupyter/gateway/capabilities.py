"""What a model can read: images, video. Looked up in litellm's model tables (imported on use,
like every litellm import), so the evaluation can send a video to a judge that watches videos
and keyframes to any other vision model.

A scripted model reads its capabilities from its script (``capabilities: {vision: true,
video: false}``; by default images yes, video no)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capabilities:
    vision: bool | None  # None: unknown (a local model missing from litellm's tables)
    video: bool


def capabilities(model: str) -> Capabilities:
    provider = model.split("/", 1)[0]
    if provider == "scripted":
        return _scripted(model.split("/", 1)[1] if "/" in model else model)
    from .litellm_loader import load_litellm

    litellm = load_litellm()
    try:
        info = litellm.get_model_info(model)
    except Exception:  # not in litellm's tables: ollama, hosted_vllm, ...
        return Capabilities(vision=None, video=False)
    return Capabilities(vision=bool(info.get("supports_vision")),
                        video=bool(info.get("supports_video_input")))


def _scripted(name: str) -> Capabilities:
    import yaml

    from .scripted import script_path

    try:
        data = yaml.safe_load(script_path(name).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    caps = data.get("capabilities") or {}
    return Capabilities(vision=bool(caps.get("vision", True)), video=bool(caps.get("video", False)))
