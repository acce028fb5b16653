"""Which model answers for which role: flag, then environment, then the config file.

Config file (TOML), ``$C2V_CONFIG`` or ``~/.config/code2video-jupyter/config.toml``::

    [models]
    default = "openai/gpt-4.1"
    critic = "openai/gpt-4.1"      # needs vision
    api_base = "http://localhost:8000/v1"   # optional, for vLLM / llama.cpp servers
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

Role = Literal["planner", "coder", "critic", "judge"]
ROLES: tuple[Role, ...] = ("planner", "coder", "critic", "judge")
ENV_DEFAULT = "C2V_MODEL"


def config_path() -> Path:
    return Path(os.environ.get("C2V_CONFIG") or Path.home() / ".config" / "code2video-jupyter" / "config.toml")


def _config() -> dict:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text()).get("models", {})
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"{path}: not a valid config file: {e}") from None


def resolve_models(options: object | None = None) -> dict[str, str | None]:
    """The model id of every role (None where nothing is configured), plus ``api_base``."""
    cfg = _config()

    def pick(flag: str | None, env: str, key: str) -> str | None:
        return flag or os.environ.get(env) or cfg.get(key)

    default = pick(getattr(options, "model", None), ENV_DEFAULT, "default")
    out: dict[str, str | None] = {}
    for role in ROLES:
        out[role] = pick(getattr(options, f"{role}_model", None), f"C2V_{role.upper()}_MODEL", role) or default
    out["api_base"] = pick(getattr(options, "api_base", None), "C2V_API_BASE", "api_base")
    return out
