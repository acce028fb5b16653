"""The evaluation's own model calls (judge, student), recorded beside the run, never in it:
``calls.jsonl`` (one summary a line, the same fields as a run's) and ``calls/NNNN.json`` (the
full request and reply, images left out), so the judge's prompts can be read afterwards."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from ..cancel import CancelToken
from ..gateway import CallRecord, Gateway
from ..store import atomic


class CallLog:
    """A gateway sink that writes into ``folder`` (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self.records: list[CallRecord] = []

    @property
    def path(self) -> Path:
        return self.folder / "calls.jsonl"

    def __call__(self, record: CallRecord, full: dict) -> int:
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            number = self._next_number()
            record.id = number
            atomic.write_json(self.folder / "calls" / f"{number:04d}.json",
                              {"summary": record.model_dump(mode="json"), **_without_media(full)})
            with self.path.open("a", encoding="utf-8") as f:
                f.write(record.model_dump_json() + "\n")
            self.records.append(record)
            return number

    def _next_number(self) -> int:
        if not self.path.exists():
            return 1
        return sum(1 for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()) + 1

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _without_media(full: dict) -> dict:
    """Videos sent as file parts are left out of the log, like images: they are large."""
    request = dict(full.get("request") or {})
    messages = []
    for m in request.get("messages") or []:
        content = m.get("content")
        if isinstance(content, list):
            content = [({"type": "file", "file": "(video omitted)"} if isinstance(p, dict)
                        and p.get("type") == "file" else p) for p in content]
        messages.append({**m, "content": content})
    request["messages"] = messages
    return {**full, "request": request}


def eval_gateway(judge: str | None, student: str | None = None, *, log: CallLog | None = None,
                 cancel: CancelToken | None = None, timeout: float = 120.0,
                 api_base: str | None = None) -> Gateway:
    """A gateway with the evaluation's two roles: ``judge`` (aesthetics) and ``student``
    (TeachQuiz; the judge's model unless given)."""
    from ..gateway.keys import load_dotenv

    load_dotenv()
    models: dict[str, str | None] = {"judge": judge, "student": student or judge, "api_base": api_base}
    return Gateway(models, sink=log, cancel=cancel, timeout=timeout)
