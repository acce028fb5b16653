"""Replay: answer a run's model calls from its own recording (calls/NNNN.json), so a run can
be reproduced with no model at all (``code2video resume RUN --replay``)."""

from __future__ import annotations

from pathlib import Path

from ..store.calls import CallLog


def load_replay(run_folder: Path) -> dict[str, dict]:
    """Request key -> the recorded usable reply (and its token counts)."""
    out: dict[str, dict] = {}
    for data in CallLog(run_folder).exchanges():
        call = data.get("call", {})
        if data.get("key") and data.get("reply") is not None and call.get("outcome") == "ok":
            out[data["key"]] = {"text": data["reply"], "prompt_tokens": call.get("prompt_tokens", 0),
                                "completion_tokens": call.get("completion_tokens", 0)}
    return out
