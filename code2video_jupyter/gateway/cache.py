"""On-disk cache of model replies, keyed by the whole request (model, messages, parameters).

Shared by all runs (under the user's cache folder): running the same cell again, or a second
run of the same topic, costs no calls. A reply is stored only when it was usable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..caches import cache_root
from ..store import atomic


def default_dir() -> Path:
    if os.environ.get("C2V_LLM_CACHE"):  # tests give each case its own
        return Path(os.environ["C2V_LLM_CACHE"])
    return cache_root() / "llm"


class ReplyCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_dir()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key).read_text())
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(path, json.dumps(value))
