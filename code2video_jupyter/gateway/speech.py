"""Cloud voices: litellm's speech API, behind the gateway like every other model call (keys
named when missing, never printed; litellm imported on first use only)."""

from __future__ import annotations

from .errors import ModelAuthError, ModelUnavailable
from .keys import missing_keys, redact
from .litellm_loader import load_litellm


def speech(model: str, voice: str, text: str, timeout: float = 120.0) -> bytes:
    """The spoken text as audio file bytes (WAV asked for; some providers send MP3)."""
    missing = missing_keys(model)
    if missing:
        raise ModelAuthError(f"the voice {model} needs the environment variable "
                             f"{' or '.join(missing)}, which is not set")
    litellm = load_litellm()
    try:
        reply = litellm.speech(model=model, voice=voice, input=text, response_format="wav",
                               timeout=timeout)
    except Exception as e:  # auth, network, unknown model: all mean no voice
        raise ModelUnavailable(f"the voice {model} did not answer: {redact(str(e))[:300]}") from None
    return reply.content if hasattr(reply, "content") else reply.read()
