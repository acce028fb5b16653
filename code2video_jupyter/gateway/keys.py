"""API keys: read from the environment or a .env file, never printed, never written to a run."""

from __future__ import annotations

import os
import re
from pathlib import Path

_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)$", re.I)


def dotenv_file(start: Path | None = None) -> Path | None:
    """The ``.env`` that applies: in the current folder or its nearest parent that has one
    (or in ``start``); None when there is none."""
    from dotenv import find_dotenv

    found = find_dotenv(usecwd=True) if start is None else str(start / ".env")
    return Path(found) if found and os.path.isfile(found) else None


def read_dotenv(path: Path) -> dict[str, str]:
    """The variables a ``.env`` file sets (the one parser of .env files here)."""
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def load_dotenv(start: Path | None = None) -> list[str]:
    """Load ``.env`` from the current folder (or its parents) without overriding the
    environment. Returns the names it set (never the values)."""
    found = dotenv_file(start)
    if found is None:
        return []
    names = []
    for name, value in read_dotenv(found).items():
        if name not in os.environ:
            os.environ[name] = value
            names.append(name)
    return names


def secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 8]


def redact(text: str) -> str:
    """Replace every secret from the environment that appears in text (error messages from
    providers sometimes echo a key back)."""
    for value in secret_values():
        text = text.replace(value, "***")
    # Keys that are not in our environment but look like keys (sk-..., Bearer ...).
    text = re.sub(r"\b(sk|pk|rk)-[A-Za-z0-9_\-]{12,}", r"\1-***", text)
    return re.sub(r"(Bearer\s+)[A-Za-z0-9._\-]{12,}", r"\1***", text)


def missing_keys(model: str) -> list[str]:
    """The environment variables this model's provider needs and that are not set.

    Base-URL variables (e.g. OLLAMA_API_BASE) are not required: local servers have defaults."""
    from .litellm_loader import load_litellm

    try:
        info = load_litellm().validate_environment(model)
    except Exception:  # unknown providers: let the call itself say what is wrong
        return []
    return [k for k in info.get("missing_keys", []) if _SECRET_NAME.search(k)]
