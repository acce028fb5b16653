"""Model calls on disk, the one writer and reader of their format: ``calls.jsonl`` (one summary
line per call: role, stage, model, tokens, cost, outcome...) and ``calls/NNNN.json`` (the whole
exchange, ``{"call": summary, "key", "request", "reply"}``), so researchers can read the actual
prompts. A run keeps its calls in its folder; the evaluation keeps its own beside the run."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import atomic


class CallLog:
    """The calls kept in ``folder`` (thread-safe for one writer per folder)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self.folder / "calls.jsonl"

    @property
    def exchanges_dir(self) -> Path:
        return self.folder / "calls"

    def append(self, record: BaseModel, full: dict[str, Any]) -> int:
        """Keep one call: its whole exchange first, then its summary line. Sets and returns
        the call's number N (calls/NNNN.json)."""
        with self._lock:
            number = len(list(self.exchanges_dir.glob("[0-9]*.json"))) + 1
            record.id = number  # type: ignore[attr-defined]
            atomic.write_text(self.exchanges_dir / f"{number:04d}.json", json.dumps(
                {"call": record.model_dump(mode="json"), **full}, indent=1, ensure_ascii=False))
            # One short line per call, appended in one write: a killed run loses at most it.
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(record.model_dump_json() + "\n")
            return number

    def summaries(self) -> list[dict[str, Any]]:
        """The summary lines (a line cut by a kill, or being written right now, is skipped)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return []
        out = []
        for line in text.splitlines():
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if isinstance(data, dict):
                out.append(data)
        return out

    def exchange(self, number: int) -> dict[str, Any] | None:
        """The whole exchange of call N, or None if it is missing or unreadable."""
        try:
            data = json.loads((self.exchanges_dir / f"{number:04d}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def exchanges(self) -> list[dict[str, Any]]:
        """Every readable exchange, in call order."""
        out = []
        for path in sorted(self.exchanges_dir.glob("[0-9]*.json")):
            data = self.exchange(int(path.stem)) if path.stem.isdigit() else None
            if data is not None:
                out.append(data)
        return out
