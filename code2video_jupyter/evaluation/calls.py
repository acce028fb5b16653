"""The evaluation's own model calls (judge, student), recorded beside the run, never in it, in
the same format as a run's (``store.calls``): ``calls.jsonl`` and ``calls/NNNN.json`` (images
and videos left out), so the judge's prompts can be read afterwards."""

from __future__ import annotations

import threading
from pathlib import Path

from ..cancel import CancelToken
from ..gateway import CallRecord, Gateway
from ..store.calls import CallLog as _Calls


class CallLog:
    """A gateway sink that keeps the calls in ``folder`` (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._calls = _Calls(self.folder)
        self._lock = threading.Lock()
        self.records: list[CallRecord] = []

    @property
    def path(self) -> Path:
        return self._calls.path

    def __call__(self, record: CallRecord, full: dict) -> int:
        number = self._calls.append(record, _without_media(full))
        with self._lock:
            self.records.append(record)
        return number

    def read(self) -> list[dict]:
        return self._calls.summaries()


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
